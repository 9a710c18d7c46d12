package dev.proxywasm.plugins.waflite.transform;

import dev.proxywasm.abi.internal.StringChars;

/**
 * CRS {@code t:urlDecodeUni}: decodes {@code %XX}, IIS-style {@code %uXXXX} (full-width ASCII
 * folded to ASCII so {@code %uff1c} is {@code <}) and {@code +} as space. Invalid escapes are
 * kept literally, as ModSecurity does, so decoding never fails.
 */
public final class UrlDecoder {
  private UrlDecoder() {}

  // Both decoders read the text from a char array and write into another: TeaVM's charAt and
  // StringBuilder.append cost a call and dozens of instructions per character.

  /** Decodes {@code s}; returns {@code s} itself when there is nothing to decode. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    int n = s.length();
    char[] in = new char[n];
    StringChars.getChars(s, in, 0);
    char[] out = new char[n];
    int o = 0;
    int i = 0;
    while (i < n) {
      char c = in[i];
      if (c == '+') {
        out[o++] = ' ';
        i++;
      } else if (c == '%' && i + 5 < n && (in[i + 1] == 'u' || in[i + 1] == 'U') && isHex4(in, i + 2)) {
        int cp = hex(in[i + 2]) << 12 | hex(in[i + 3]) << 8 | hex(in[i + 4]) << 4 | hex(in[i + 5]);
        if (cp >= 0xff01 && cp <= 0xff5e) {
          cp -= 0xfee0;
        }
        out[o++] = (char) cp;
        i += 6;
      } else if (c == '%' && i + 2 < n && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out[o++] = (char) (hex(in[i + 1]) << 4 | hex(in[i + 2]));
        i += 3;
      } else {
        out[o++] = c;
        i++;
      }
    }
    return StringChars.copyOf(out, 0, o);
  }

  /**
   * Decodes {@code %XX} and {@code +} only (the form-urlencoded rules) in {@code chars[from, to)},
   * keeping bad escapes.
   */
  public static String decodeForm(char[] chars, int from, int to) {
    int i = from;
    while (i < to && chars[i] != '+' && chars[i] != '%') {
      i++;
    }
    if (i == to) {
      return StringChars.copyOf(chars, from, to - from);
    }
    char[] out = new char[to - from];
    int o = i - from;
    System.arraycopy(chars, from, out, 0, o);
    for (; i < to; i++) {
      char c = chars[i];
      if (c == '+') {
        out[o++] = ' ';
      } else if (c == '%' && i + 2 < to && hex(chars[i + 1]) >= 0 && hex(chars[i + 2]) >= 0) {
        out[o++] = (char) (hex(chars[i + 1]) << 4 | hex(chars[i + 2]));
        i += 2;
      } else {
        out[o++] = c;
      }
    }
    return StringChars.copyOf(out, 0, o);
  }

  private static boolean isHex4(char[] chars, int at) {
    return hex(chars[at]) >= 0 && hex(chars[at + 1]) >= 0 && hex(chars[at + 2]) >= 0 && hex(chars[at + 3]) >= 0;
  }

  /** Value of a hex digit, or -1. */
  public static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
