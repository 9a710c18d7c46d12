package dev.proxywasm.plugins.waflite.transform;

/**
 * CRS {@code t:htmlEntityDecode}: numeric entities ({@code &#60;}, {@code &#x3c;}, with or
 * without the closing semicolon) and the named entities attackers use to hide syntax
 * ({@code &lt;}, {@code &lpar;}, {@code &colon;}, ...), matched case-insensitively.
 */
public final class HtmlEntityDecoder {
  private static final String[] NAMES = {
    "lt", "gt", "amp", "quot", "apos", "nbsp", "lpar", "rpar", "colon", "sol", "tab", "newline",
    "lbrace", "rbrace", "lcub", "rcub", "lsqb", "rsqb", "lbrack", "rbrack", "semi", "comma",
    "period", "excl", "quest", "equals", "plus", "bsol", "grave", "dollar", "num", "percnt",
    "ast", "vert", "verbar", "lowbar", "hyphen", "dash", "sbquo", "bdquo", "ldquo", "rdquo"
  };
  private static final String VALUES =
      "<>&\"'\u00a0():/\t\n{}{}[][];,.!?=+\\`$#%*||_--\u201a\u201e\u201c\u201d";

  private HtmlEntityDecoder() {}

  /** Decodes {@code s}; returns {@code s} itself when it holds no entity. */
  public static String decode(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    // Read from and written to char arrays: charAt and StringBuilder.append cost TeaVM a call
    // and dozens of instructions per character. An entity is never shorter than its character.
    int n = s.length();
    char[] in = new char[n];
    s.getChars(0, n, in, 0);
    char[] out = new char[n];
    System.arraycopy(in, 0, out, 0, amp);
    int o = amp;
    int i = amp;
    while (i < n) {
      char c = in[i];
      int next = c != '&' || i + 1 >= n ? -1
          : in[i + 1] == '#' ? decodeNumeric(in, n, i, out, o) : decodeNamed(in, n, i, out, o);
      if (next < 0) {
        out[o++] = c;
        i++;
      } else {
        o++;
        i = next;
      }
    }
    return o == n ? s : new String(out, 0, o);
  }

  /** Writes the character of the numeric entity at {@code in[at]} to {@code out[o]}; returns where it ends, or -1. */
  private static int decodeNumeric(char[] in, int n, int at, char[] out, int o) {
    int i = at + 2;
    boolean hexDigits = i < n && (in[i] == 'x' || in[i] == 'X');
    if (hexDigits) {
      i++;
    }
    int start = i;
    int value = 0;
    while (i < n && i - start < 8) {
      char c = in[i];
      int d = hexDigits ? UrlDecoder.hex(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
      if (d < 0) {
        break;
      }
      value = value * (hexDigits ? 16 : 10) + d;
      i++;
    }
    if (i == start) {
      return -1;
    }
    if (i < n && in[i] == ';') {
      i++;
    }
    out[o] = (char) (value > 0xffff ? 0xfffd : value);
    return i;
  }

  /** Writes the character of the named entity at {@code in[at]} to {@code out[o]}; returns where it ends, or -1. */
  private static int decodeNamed(char[] in, int n, int at, char[] out, int o) {
    int i = at + 1;
    while (i < n && i - at <= 8 && isLetter(in[i])) {
      i++;
    }
    int len = i - at - 1;
    if (len == 0) {
      return -1;
    }
    for (int k = 0; k < NAMES.length; k++) {
      String name = NAMES[k];
      if (name.length() == len && matchesIgnoreCase(in, at + 1, name)) {
        out[o] = VALUES.charAt(k);
        return i < n && in[i] == ';' ? i + 1 : i;
      }
    }
    return -1;
  }

  /** True when {@code in[from, from + name.length())} is {@code name} (lowercase) in any case. */
  private static boolean matchesIgnoreCase(char[] in, int from, String name) {
    for (int j = 0; j < name.length(); j++) {
      char c = in[from + j];
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != name.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
