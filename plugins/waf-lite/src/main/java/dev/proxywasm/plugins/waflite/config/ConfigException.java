package dev.proxywasm.plugins.waflite.config;

/** The plugin configuration is invalid; the message names the field and what is wrong. */
public final class ConfigException extends Exception {
  /** @param message names the offending field and the problem */
  public ConfigException(String message) {
    super(message);
  }
}
