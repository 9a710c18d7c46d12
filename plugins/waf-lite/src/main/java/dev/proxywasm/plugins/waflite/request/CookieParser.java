package dev.proxywasm.plugins.waflite.request;

/** Parses a {@code Cookie} header into name/value pairs (values are not URL-decoded). */
public final class CookieParser {
  private CookieParser() {}

  /** Feeds every {@code name=value} pair of {@code header} to {@code sink}. */
  public static void parse(String header, ArgumentSink sink) {
    int n = header.length();
    int start = 0;
    while (start < n) {
      int end = header.indexOf(';', start);
      if (end < 0) {
        end = n;
      }
      int from = start;
      while (from < end && header.charAt(from) == ' ') {
        from++;
      }
      if (from < end) {
        int eq = header.indexOf('=', from);
        if (eq < 0 || eq > end) {
          sink.accept(header.substring(from, end), "");
        } else {
          sink.accept(header.substring(from, eq), header.substring(eq + 1, end));
        }
      }
      start = end + 1;
    }
  }
}
