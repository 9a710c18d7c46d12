package dev.proxywasm.plugins.waflite.request;

/** One part of a {@code multipart/form-data} body. */
public final class MultipartPart {
  private final String name;
  private final String filename;
  private final String contentType;
  private final String transferEncoding;
  private final String value;

  MultipartPart(String name, String filename, String contentType, String transferEncoding, String value) {
    this.name = name;
    this.filename = filename;
    this.contentType = contentType;
    this.transferEncoding = transferEncoding;
    this.value = value;
  }

  /** The {@code name} of its Content-Disposition, or an empty string. */
  public String name() {
    return name;
  }

  /** The {@code filename} of its Content-Disposition, or null. */
  public String filename() {
    return filename;
  }

  /** Its Content-Type header, or null. */
  public String contentType() {
    return contentType;
  }

  /** Its Content-Transfer-Encoding header, or null. */
  public String transferEncoding() {
    return transferEncoding;
  }

  /** Its content. */
  public String value() {
    return value;
  }
}
