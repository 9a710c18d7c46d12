package dev.proxywasm.plugins.waflite.transform;

import dev.proxywasm.plugins.waflite.detect.CharClass;
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

  /** Decodes {@code s}; returns {@code s} itself when it holds no {@code &}. */
  public static String decode(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    out.append(s, 0, amp);
    int i = amp;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '&' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      int next = s.charAt(i + 1) == '#' ? decodeNumeric(s, i, out) : decodeNamed(s, i, out);
      if (next < 0) {
        out.append(c);
        i++;
      } else {
        i = next;
      }
    }
    return out.toString();
  }

  private static int decodeNumeric(String s, int at, StringBuilder out) {
    int n = s.length();
    int i = at + 2;
    boolean hexDigits = i < n && (s.charAt(i) == 'x' || s.charAt(i) == 'X');
    if (hexDigits) {
      i++;
    }
    int start = i;
    int value = 0;
    while (i < n && i - start < 8) {
      char c = s.charAt(i);
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
    if (i < n && s.charAt(i) == ';') {
      i++;
    }
    out.append((char) (value > 0xffff ? 0xfffd : value));
    return i;
  }

  private static int decodeNamed(String s, int at, StringBuilder out) {
    int n = s.length();
    int i = at + 1;
    while (i < n && i - at <= 8 && isLetter(s.charAt(i))) {
      i++;
    }
    int len = i - at - 1;
    if (len == 0) {
      return -1;
    }
    for (int k = 0; k < NAMES.length; k++) {
      String name = NAMES[k];
      if (name.length() == len && CharClass.regionMatchesIgnoreCase(s, at + 1, name, 0, len)) {
        out.append(VALUES.charAt(k));
        return i < n && s.charAt(i) == ';' ? i + 1 : i;
      }
    }
    return -1;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
