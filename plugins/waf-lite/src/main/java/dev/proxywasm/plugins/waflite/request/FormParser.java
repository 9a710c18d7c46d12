package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.plugins.waflite.transform.UrlDecoder;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/** Parses {@code application/x-www-form-urlencoded} text (query strings and form bodies). */
public final class FormParser {
  private FormParser() {}

  /** Feeds every {@code name=value} pair of {@code text}, URL-decoded, to {@code sink}. */
  public static void parse(String text, ArgumentSink sink) {
    pairs(text, '&', true, sink);
  }

  /**
   * Feeds every {@code name=value} pair of {@code text}, pairs separated by {@code separator},
   * to {@code sink}: URL-decoded when {@code form}, else as they are after leading spaces (the
   * Cookie header's rules, see {@link CookieParser}). A bare name gets an empty value.
   */
  static void pairs(String text, char separator, boolean form, ArgumentSink sink) {
    // Read once into an array: the separators are found without a charAt (or indexOf) call per
    // character.
    int n = text.length();
    char[] chars = new char[n];
    StringChars.getChars(text, chars, 0);
    int start = 0;
    while (start < n) {
      int end = start;
      int eq = -1;
      // Whether the name and the value have a + or %, which URL decoding would change.
      boolean nameEscaped = false;
      boolean valueEscaped = false;
      if (PlatformDetector.isWebAssembly()) {
        // Raw loads (end < n, inside the array; nothing allocates here): TeaVM's checked array
        // read costs some 50 instructions per character.
        Address at = Address.ofData(chars);
        for (char c; end < n && (c = at.add(end << 1).getChar()) != separator; end++) {
          if (c == '=' && eq < 0) {
            eq = end;
          } else if (c == '%' || c == '+') {
            nameEscaped |= eq < 0;
            valueEscaped |= eq >= 0;
          }
        }
      } else {
        for (char c; end < n && (c = chars[end]) != separator; end++) {
          if (c == '=' && eq < 0) {
            eq = end;
          } else if (c == '%' || c == '+') {
            nameEscaped |= eq < 0;
            valueEscaped |= eq >= 0;
          }
        }
      }
      int from = start;
      while (!form && from < end && chars[from] == ' ') {
        from++;
      }
      if (from < end) {
        if (eq < 0) {
          sink.accept(text(chars, from, end, form && nameEscaped), "");
        } else {
          sink.accept(text(chars, from, eq, form && nameEscaped), text(chars, eq + 1, end, form && valueEscaped));
        }
      }
      start = end + 1;
    }
  }

  /** {@code chars[from, to)}, URL-decoded when {@code decode} (else it would not change). */
  private static String text(char[] chars, int from, int to, boolean decode) {
    return decode ? UrlDecoder.decodeForm(chars, from, to) : StringChars.copyOf(chars, from, to - from);
  }
}
