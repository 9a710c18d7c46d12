package dev.proxywasm.plugins.waflite.detect;

import dev.proxywasm.abi.internal.StringChars;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/** Character classes the matchers share (ASCII; everything else is "other"). */
public final class CharClass {
  private static String copied;
  private static char[] copy = new char[256];

  /** One in each 16-bit lane of a long, and each lane's top bit, for {@link #find}. */
  private static final long LANES = 0x0001000100010001L;
  private static final long HIGH_BITS = 0x8000800080008000L;

  private CharClass() {}

  /** Letter, digit or underscore, as in regex {@code \w}. */
  public static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** ASCII letter. */
  public static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** ASCII digit. */
  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whitespace as {@code \s} plus vertical tab. */
  public static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
  }

  /** True when {@code [start, end)} of {@code text} is a whole word (no word char either side). */
  public static boolean wholeWord(String text, int start, int end) {
    return (start == 0 || !isWord(text.charAt(start - 1)))
        && (end >= text.length() || !isWord(text.charAt(end)));
  }

  /** True when {@code [start, end)} is not preceded by a word character. */
  public static boolean wordStart(String text, int start, int end) {
    return start == 0 || !isWord(text.charAt(start - 1));
  }

  /** Index of the first non-space char at or after {@code i}. */
  public static int skipSpaces(String text, int i) {
    // One length call, and the test written out: rules call this after every candidate.
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != ' ' && (c < '\t' || c > '\r')) {
        break;
      }
      i++;
    }
    return i;
  }

  /**
   * Index after whitespace and code comments ({@code /* *}{@code /}, {@code //...},
   * {@code #...} to end of line) starting at {@code i}.
   */
  public static int skipSpacesAndComments(String text, int i) {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if ((c == '/' && i + 1 < n && text.charAt(i + 1) == '/') || c == '#') {
        int nl = text.indexOf('\n', i);
        if (nl < 0) {
          return i;
        }
        i = nl + 1;
      } else {
        return i;
      }
    }
    return i;
  }

  /**
   * {@code a.equalsIgnoreCase(b)} for ASCII letters only: the JDK version pulls Unicode case
   * tables into the module, and HTTP tokens are ASCII.
   */
  public static boolean equalsIgnoreCase(String a, String b) {
    int n = StringChars.length(b);
    return StringChars.length(a) == n && regionMatchesIgnoreCase(a, 0, b, 0, n);
  }

  /** {@code a.regionMatches(true, ...)} for ASCII letters only. */
  public static boolean regionMatchesIgnoreCase(String a, int aFrom, String b, int bFrom, int length) {
    if (aFrom < 0 || bFrom < 0 || aFrom + length > a.length() || bFrom + length > b.length()) {
      return false;
    }
    // Letters lowercased in place, not by calls: this loop runs over every header name.
    for (int i = 0; i < length; i++) {
      char x = a.charAt(aFrom + i);
      char y = b.charAt(bFrom + i);
      if (x != y) {
        if (x >= 'A' && x <= 'Z') {
          x += 32;
        }
        if (y >= 'A' && y <= 'Z') {
          y += 32;
        }
        if (x != y) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code text.indexOf(word, from)}, reading {@code text} from an array copied once per text:
   * the rules run value by value, so the dozens of searches made in one value share one copy,
   * and an array scan costs TeaVM a fraction of {@code String.indexOf}'s {@code charAt} calls.
   */
  public static int indexOf(String text, String word, int from) {
    char[] chars = chars(text);
    int n = text.length();
    int m = word.length();
    int i = Math.max(from, 0);
    if (m == 0) {
      return Math.min(i, n);
    }
    char first = word.charAt(0);
    // The word's last character is compared before the rest (each a charAt call): most
    // occurrences of the first are not the word's.
    char lastChar = word.charAt(m - 1);
    int last = n - m;
    for (i = find(chars, first, i, last); i >= 0; i = find(chars, first, i + 1, last)) {
      if (chars[i + m - 1] != lastChar) {
        continue;
      }
      int j = 1;
      while (j < m - 1 && chars[i + j] == word.charAt(j)) {
        j++;
      }
      if (j >= m - 1) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first index in {@code [from, last]} of {@code c} in {@code chars}, or -1. Inside the
   * Wasm module it reads memory directly ({@code last} is below the copied text's length, so
   * within the array), four chars per 64-bit load until a load holds {@code c}: TeaVM's
   * checked array loop costs several times as much per character.
   */
  private static int find(char[] chars, char c, int from, int last) {
    if (PlatformDetector.isWebAssembly()) {
      Address at = Address.ofData(chars);
      long pattern = c * LANES;
      int i = from;
      for (; i + 3 <= last; i += 4) {
        long x = at.add(i << 1).getLong() ^ pattern;
        // Some 16-bit lane of x is zero exactly when this is non-zero (borrows only add lanes
        // above a zero one), and the loop below finds which.
        if (((x - LANES) & ~x & HIGH_BITS) != 0) {
          break;
        }
      }
      for (; i <= last; i++) {
        if (at.add(i << 1).getChar() == c) {
          return i;
        }
      }
      return -1;
    }
    for (int i = from; i <= last; i++) {
      if (chars[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code text.indexOf(c, from)}, reading {@code text} from the array copied once per text
   * (see {@link #indexOf(String, String, int)}): TeaVM's {@code String.indexOf} costs several
   * times as much per character.
   */
  public static int indexOf(String text, char c, int from) {
    return find(chars(text), c, Math.max(from, 0), StringChars.length(text) - 1);
  }

  /** {@code text.contains(word)}, as {@link #indexOf(String, String, int)}. */
  public static boolean contains(String text, String word) {
    return indexOf(text, word, 0) >= 0;
  }

  /**
   * The characters of {@code text} at {@code [0, length)} of an array shared by every search of
   * this package: copied once per text (each {@code getChars} costs V8 a slow
   * {@code memory.copy}, and the rules read one value after another), valid until a call with
   * another text, so a caller holding it must not search another text meanwhile.
   */
  static char[] chars(String text) {
    if (text != copied) {
      int n = StringChars.length(text);
      if (copy.length < n) {
        copy = new char[Math.max(n, 2 * copy.length)];
      }
      StringChars.getChars(text, copy, 0);
      copied = text;
    }
    return copy;
  }

  /** Truncates {@code s} to {@code max} chars for logs. */
  public static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
