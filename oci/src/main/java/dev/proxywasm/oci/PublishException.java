package dev.proxywasm.oci;

/**
 * Building, writing or pushing a plugin image failed. The message is meant for the person who
 * ran the build: it says what went wrong and, where there is one, what to do about it.
 */
public final class PublishException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public PublishException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
