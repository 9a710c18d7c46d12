package dev.proxywasm.plugins.waflite.engine;

/**
 * Where a value came from, as bits so a rule can name several at once (CRS's
 * {@code ARGS|ARGS_NAMES|REQUEST_COOKIES|...}). Body arguments (form fields, JSON values,
 * multipart fields, XML text) count as {@link #ARGS} like query arguments.
 */
public final class TargetKind {
  /** Argument values: query string, form, JSON string values, multipart fields, XML text. */
  public static final int ARGS = 1;
  /** Argument names and JSON keys. */
  public static final int ARG_NAMES = 1 << 1;
  /** Cookie values. */
  public static final int COOKIES = 1 << 2;
  /** Cookie names. */
  public static final int COOKIE_NAMES = 1 << 3;
  /** User-Agent and Referer header values (the headers CRS inspects for most injection rules). */
  public static final int UA_REFERER = 1 << 4;
  /** Every request header value except Cookie (some CRS rules use all of REQUEST_HEADERS). */
  public static final int HEADERS = 1 << 5;
  /** The decoded request path (REQUEST_FILENAME). */
  public static final int PATH = 1 << 6;
  /** Uploaded file names: multipart filenames and X-Filename-style headers (FILES). */
  public static final int FILENAMES = 1 << 7;
  /** A request body no parser understood (text/plain and the like), whole. */
  public static final int BODY = 1 << 8;
  /** The request URI exactly as received, before any decoding (REQUEST_URI_RAW). */
  public static final int RAW_URI = 1 << 9;
  /** Header names. */
  public static final int HEADER_NAMES = 1 << 10;

  /** The usual injection surface: arguments, cookies, User-Agent/Referer, body text. */
  public static final int INJECTION = ARGS | ARG_NAMES | COOKIES | COOKIE_NAMES | UA_REFERER | BODY;

  private TargetKind() {}
}
