package dev.proxywasm.plugins.waflite.transform;

import dev.proxywasm.abi.internal.StringChars;

/**
 * CRS {@code t:htmlEntityDecode}: numeric entities ({@code &#60;}, {@code &#x3c;}, with or
 * without the closing semicolon) and the named entities attackers use to hide syntax
 * ({@code &lt;}, {@code &lpar;}, {@code &colon;}, ...), matched case-insensitively.
 */
public final class HtmlEntityDecoder {
  // The named entities attackers use, grouped by length: NAMES[n] holds the names of n letters
  // back to back, CHARACTERS[n] what each stands for, in the same order. An entity is compared
  // only with the names of its length (a query string's "&locale=" looks like one too).
  private static final String[] NAMES = {
    "", "", "ltgt", "ampsoltabnumast",
    "quotaposnbsplparrparlcubrcublsqbrsqbsemiexclplusbsolvertdash",
    "coloncommaquestgravesbquobdquoldquordquo",
    "lbracerbracelbrackrbrackperiodequalsdollarpercntverbarlowbarhyphen",
    "newline"
  };
  private static final String[] CHARACTERS = {
    "", "", "<>", "&/\t#*", "\"'\u00a0(){}[];!+\\|-", ":,?`\u201a\u201e\u201c\u201d", "{}[].=$%|_-", "\n"
  };

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
    StringChars.getChars(s, in, 0);
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
    return o == n ? s : StringChars.copyOf(out, 0, o);
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
    if (len == 0 || len >= NAMES.length) {
      return -1;
    }
    String names = NAMES[len];
    String characters = CHARACTERS[len];
    for (int k = 0; k < characters.length(); k++) {
      if (matchesIgnoreCase(in, at + 1, names, k * len, len)) {
        out[o] = characters.charAt(k);
        return i < n && in[i] == ';' ? i + 1 : i;
      }
    }
    return -1;
  }

  /**
   * True when {@code in[from, from + length)} is {@code names[start, start + length)}
   * (lowercase) in any case.
   */
  private static boolean matchesIgnoreCase(char[] in, int from, String names, int start, int length) {
    for (int j = 0; j < length; j++) {
      char c = in[from + j];
      if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != names.charAt(start + j)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
