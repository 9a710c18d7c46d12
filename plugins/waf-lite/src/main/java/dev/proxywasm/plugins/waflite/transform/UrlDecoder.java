package dev.proxywasm.plugins.waflite.transform;

/**
 * CRS {@code t:urlDecodeUni}: decodes {@code %XX}, IIS-style {@code %uXXXX} (full-width ASCII
 * folded to ASCII so {@code %uff1c} is {@code <}) and {@code +} as space. Invalid escapes are
 * kept literally, as ModSecurity does, so decoding never fails.
 */
public final class UrlDecoder {
  private UrlDecoder() {}

  /** Decodes {@code s}; returns {@code s} itself when there is nothing to decode. */
  public static String decode(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '%' || c == '+') {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, i);
    while (i < n) {
      char c = s.charAt(i);
      if (c == '+') {
        out.append(' ');
        i++;
      } else if (c == '%') {
        if (i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && isHex4(s, i + 2)) {
          int cp = hex(s.charAt(i + 2)) << 12 | hex(s.charAt(i + 3)) << 8
              | hex(s.charAt(i + 4)) << 4 | hex(s.charAt(i + 5));
          if (cp >= 0xff01 && cp <= 0xff5e) {
            cp -= 0xfee0;
          }
          out.append((char) cp);
          i += 6;
        } else if (i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
          out.append((char) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2))));
          i += 3;
        } else {
          out.append(c);
          i++;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} and {@code +} only (the form-urlencoded rules), keeping bad escapes. */
  public static String decodeForm(String s, int from, int to) {
    StringBuilder out = null;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '%') {
        out = new StringBuilder(to - from);
        out.append(s, from, i);
        for (int j = i; j < to; j++) {
          char d = s.charAt(j);
          if (d == '+') {
            out.append(' ');
          } else if (d == '%' && j + 2 < to && hex(s.charAt(j + 1)) >= 0 && hex(s.charAt(j + 2)) >= 0) {
            out.append((char) (hex(s.charAt(j + 1)) << 4 | hex(s.charAt(j + 2))));
            j += 2;
          } else {
            out.append(d);
          }
        }
        return out.toString();
      }
    }
    return s.substring(from, to);
  }

  private static boolean isHex4(String s, int at) {
    return at + 3 < s.length() && hex(s.charAt(at)) >= 0 && hex(s.charAt(at + 1)) >= 0
        && hex(s.charAt(at + 2)) >= 0 && hex(s.charAt(at + 3)) >= 0;
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
