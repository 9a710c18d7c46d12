package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
/**
 * What the protocol rules allow (CRS's {@code tx.allowed_methods},
 * {@code tx.allowed_request_content_type}, {@code tx.allowed_request_content_type_charset},
 * {@code tx.restricted_extensions}, {@code tx.restricted_headers}), with CRS's defaults.
 */
public final class ProtocolPolicy {
  /** CRS default allowed methods. */
  public static final String DEFAULT_METHODS = "GET HEAD POST OPTIONS";
  /** CRS default allowed request content types. */
  public static final String DEFAULT_CONTENT_TYPES = "application/x-www-form-urlencoded "
      + "multipart/form-data multipart/related text/xml application/xml application/soap+xml "
      + "application/json application/cloudevents+json application/cloudevents-batch+json";

  private final String methods;
  private final String contentTypes;

  /**
   * @param methods      allowed methods separated by spaces, e.g. {@code GET HEAD POST OPTIONS}
   * @param contentTypes allowed media types separated by spaces
   */
  public ProtocolPolicy(String methods, String contentTypes) {
    this.methods = " " + methods.trim() + " ";
    this.contentTypes = " " + contentTypes.trim() + " ";
  }

  /** The CRS defaults. */
  public static ProtocolPolicy defaults() {
    return new ProtocolPolicy(DEFAULT_METHODS, DEFAULT_CONTENT_TYPES);
  }

  /** True when {@code method} (exact case, as HTTP requires) is allowed. */
  public boolean allowsMethod(String method) {
    return !method.isEmpty() && method.indexOf(' ') < 0 && methods.contains(" " + method + " ");
  }

  /** True when the lowercase {@code mediaType} is allowed. */
  public boolean allowsContentType(String mediaType) {
    return !mediaType.isEmpty() && mediaType.indexOf(' ') < 0
        && contentTypes.contains(" " + mediaType + " ");
  }

  /** True for the charsets CRS allows in request content types. */
  public boolean allowsCharset(String charset) {
    String c = charset.trim();
    if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
      c = c.substring(1, c.length() - 1);
    }
    return CharClass.equalsIgnoreCase(c, "utf-8") || CharClass.equalsIgnoreCase(c, "iso-8859-1")
        || CharClass.equalsIgnoreCase(c, "iso-8859-15") || CharClass.equalsIgnoreCase(c, "windows-1252");
  }
}
