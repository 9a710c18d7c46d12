package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.plugins.waflite.transform.UrlDecoder;

/** Parses {@code application/x-www-form-urlencoded} text (query strings and form bodies). */
public final class FormParser {
  private FormParser() {}

  /** Feeds every {@code name=value} pair of {@code text}, URL-decoded, to {@code sink}. */
  public static void parse(String text, ArgumentSink sink) {
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      if (end > start) {
        int eq = text.indexOf('=', start);
        if (eq < 0 || eq > end) {
          sink.accept(UrlDecoder.decodeForm(text, start, end), "");
        } else {
          sink.accept(UrlDecoder.decodeForm(text, start, eq), UrlDecoder.decodeForm(text, eq + 1, end));
        }
      }
      start = end + 1;
    }
  }
}
