package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.plugins.waflite.transform.UrlDecoder;

/** Parses {@code application/x-www-form-urlencoded} text (query strings and form bodies). */
public final class FormParser {
  private FormParser() {}

  /** Feeds every {@code name=value} pair of {@code text}, URL-decoded, to {@code sink}. */
  public static void parse(String text, ArgumentSink sink) {
    // Read once into an array: the separators and escapes are found without a charAt call
    // per character.
    int n = text.length();
    char[] chars = new char[n];
    text.getChars(0, n, chars, 0);
    int start = 0;
    while (start <= n) {
      int end = start;
      int eq = -1;
      while (end < n && chars[end] != '&') {
        if (eq < 0 && chars[end] == '=') {
          eq = end;
        }
        end++;
      }
      if (end > start) {
        if (eq < 0) {
          sink.accept(UrlDecoder.decodeForm(chars, start, end), "");
        } else {
          sink.accept(UrlDecoder.decodeForm(chars, start, eq), UrlDecoder.decodeForm(chars, eq + 1, end));
        }
      }
      start = end + 1;
    }
  }
}
