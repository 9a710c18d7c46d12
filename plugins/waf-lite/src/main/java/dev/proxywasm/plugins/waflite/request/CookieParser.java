package dev.proxywasm.plugins.waflite.request;

/** Parses a {@code Cookie} header into name/value pairs (values are not URL-decoded). */
public final class CookieParser {
  private CookieParser() {}

  /** Feeds every {@code name=value} pair of {@code header} (leading spaces skipped) to {@code sink}. */
  public static void parse(String header, ArgumentSink sink) {
    FormParser.pairs(header, ';', false, sink);
  }
}
