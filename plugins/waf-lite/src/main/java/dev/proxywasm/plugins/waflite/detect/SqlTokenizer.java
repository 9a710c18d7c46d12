package dev.proxywasm.plugins.waflite.detect;

/**
 * Splits text into SQL tokens the way a database would read it, in the spirit of
 * libinjection: the token types are what matters for telling {@code 1' OR '1'='1} from
 * {@code O'Reilly}. Works on lowercase text; the token buffer is bounded (only the first
 * {@link #MAX_TOKENS} tokens are kept), so cost is linear and memory fixed.
 */
public final class SqlTokenizer {
  /** Tokens kept per input. */
  public static final int MAX_TOKENS = 48;

  /** String literal. */
  public static final char STRING = 's';
  /** Number. */
  public static final char NUMBER = '1';
  /** Identifier or unknown word. */
  public static final char BAREWORD = 'n';
  /** SQL keyword (see {@link #KEYWORDS}). */
  public static final char KEYWORD = 'k';
  /** Logical operator: and, or, xor, &&. */
  public static final char LOGIC = '&';
  /** Comparison or arithmetic operator. */
  public static final char OPERATOR = 'o';
  /** Word directly followed by an opening parenthesis. */
  public static final char FUNCTION = 'f';
  /** {@code @var} or {@code @@var}. */
  public static final char VARIABLE = 'v';
  /** Comment: {@code --}, {@code #}, {@code /*}. */
  public static final char COMMENT = 'c';
  /** Union (its own type: it alone is a strong signal). */
  public static final char UNION = 'U';
  /** Opening parenthesis. */
  public static final char OPEN = '(';
  /** Closing parenthesis. */
  public static final char CLOSE = ')';
  /** Comma. */
  public static final char COMMA = ',';
  /** Semicolon. */
  public static final char SEMICOLON = ';';

  private static final KeywordSet KEYWORDS = KeywordSet.parse(
      "select|from|where|insert|into|values|update|set|delete|drop|table|exec|execute|declare"
          + "|waitfor|delay|like|rlike|regexp|limit|offset|order|group|by|having|case|when|then"
          + "|else|end|null|is|in|between|div|mod|procedure|truncate|alter|create|distinct|all"
          + "|top|as|join|outfile|dumpfile|sounds|collate|escape|true|false|returns|shutdown"
          + "|load|grant|revoke|cast|convert|except|intersect|asc|desc|database|schema|not");

  private char[] chars;
  private final char[] types = new char[MAX_TOKENS];
  private final int[] starts = new int[MAX_TOKENS];
  private final int[] ends = new int[MAX_TOKENS];
  private int count;
  private boolean unterminated;

  /**
   * Tokenises {@code s}; when {@code quote} is not 0 the text is read as if it started inside
   * a string opened by that quote (the attacker's input breaking out of a quoted SQL string).
   */
  public void tokenize(String s, char quote) {
    count = 0;
    unterminated = false;
    int n = s.length();
    // Read from an array, the package's shared copy of the text (the detector's shape pass has
    // just made it): String.charAt costs TeaVM a call and checks per character.
    char[] b = CharClass.chars(s);
    chars = b;
    int i = 0;
    if (quote != 0) {
      i = readString(s, 0, quote);
    }
    while (i < n && count < MAX_TOKENS) {
      char c = b[i];
      if (CharClass.isSpace(c) || c == 0xa0) {
        i++;
      } else if (c == '\'' || c == '"' || c == '`') {
        int start = i;
        i = readString(s, i + 1, c);
        types[count - 1] = c == '`' ? BAREWORD : STRING;
        starts[count - 1] = start;
      } else if (c == '-' && i + 1 < n && b[i + 1] == '-') {
        add(COMMENT, i, n);
        i = n;
      } else if (c == '#') {
        add(COMMENT, i, n);
        i = n;
      } else if (c == '/' && i + 1 < n && b[i + 1] == '*') {
        int close = s.indexOf("*/", i + 2);
        boolean versioned = i + 2 < n && b[i + 2] == '!';
        if (versioned) {
          i += 3;
          while (i < n && CharClass.isDigit(b[i])) {
            i++;
          }
          continue;
        }
        add(COMMENT, i, close < 0 ? n : close + 2);
        i = close < 0 ? n : close + 2;
      } else if (CharClass.isDigit(c) || (c == '.' && i + 1 < n && CharClass.isDigit(b[i + 1]))) {
        i = readNumber(s, i);
      } else if (c == '@') {
        int start = i;
        i++;
        while (i < n && (b[i] == '@')) {
          i++;
        }
        while (i < n && (CharClass.isWord(b[i]) || b[i] == '.' || b[i] == '$')) {
          i++;
        }
        add(VARIABLE, start, i);
      } else if (CharClass.isLetter(c) || c == '_' || c == '$' || c > 0x7f) {
        i = readWord(s, i);
      } else if (c == '(') {
        add(OPEN, i, ++i);
      } else if (c == ')') {
        add(CLOSE, i, ++i);
      } else if (c == ',') {
        add(COMMA, i, ++i);
      } else if (c == ';') {
        add(SEMICOLON, i, ++i);
      } else if ((c == '&' || c == '|') && i + 1 < n && b[i + 1] == c) {
        add(c == '&' ? LOGIC : OPERATOR, i, i + 2);
        i += 2;
      } else if (c == '=' || c == '<' || c == '>' || c == '!' || c == '+' || c == '-'
          || c == '*' || c == '/' || c == '%' || c == '&' || c == '|' || c == '^' || c == '~'
          || c == ':' || c == '?') {
        int start = i;
        while (i < n && "=<>!:|&~^?@".indexOf(b[i]) >= 0 && i - start < 3) {
          i++;
        }
        if (i == start) {
          i++;
        }
        add(OPERATOR, start, i);
      } else {
        add(BAREWORD, i, ++i);
      }
    }
  }

  private int readString(String s, int from, char quote) {
    char[] b = chars;
    int n = s.length();
    int i = from;
    while (i < n) {
      char c = b[i];
      if (c == '\\' && i + 1 < n) {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && b[i + 1] == quote) {
          i += 2;
        } else {
          add(STRING, from, i + 1);
          return i + 1;
        }
      } else {
        i++;
      }
    }
    unterminated = true;
    add(STRING, from, n);
    return n;
  }

  private int readNumber(String s, int from) {
    char[] b = chars;
    int n = s.length();
    int i = from;
    if (s.startsWith("0x", i)) {
      i += 2;
      while (i < n && UrlHex.isHex(b[i])) {
        i++;
      }
    } else {
      while (i < n && (CharClass.isDigit(b[i]) || b[i] == '.')) {
        i++;
      }
      if (i < n && b[i] == 'e' && i + 1 < n
          && (CharClass.isDigit(b[i + 1]) || b[i + 1] == '-' || b[i + 1] == '+')) {
        i += 2;
        while (i < n && CharClass.isDigit(b[i])) {
          i++;
        }
      }
    }
    if (i < n && (CharClass.isLetter(b[i]) || b[i] == '_')) {
      // "1st", "4k": a word that starts with digits, not a number.
      return readWord(s, from);
    }
    add(NUMBER, from, i);
    return i;
  }

  private int readWord(String s, int from) {
    char[] b = chars;
    int n = s.length();
    int i = from;
    while (i < n && (CharClass.isWord(b[i]) || b[i] == '$' || b[i] == '.'
        || b[i] > 0x7f)) {
      i++;
    }
    while (i > from + 1 && b[i - 1] == '.') {
      i--;
    }
    int next = i;
    while (next < n && (CharClass.isSpace(b[next]))) {
      next++;
    }
    // Classified in place: a substring per word would cost more than the whole tokenizer.
    int length = i - from;
    char type;
    // The first letter before the comparisons, calls that most words need not make.
    char first = b[from];
    if ((first == 'a' || first == 'o' || first == 'x')
        && (is(b, from, length, "and") || is(b, from, length, "or") || is(b, from, length, "xor"))) {
      type = LOGIC;
    } else if (first == 'u' && is(b, from, length, "union")) {
      type = UNION;
    } else if (KEYWORDS.contains(b, from, i)) {
      type = KEYWORD;
    } else if (next < n && b[next] == '(') {
      type = FUNCTION;
    } else {
      type = BAREWORD;
    }
    add(type, from, i);
    return i;
  }

  private static boolean is(char[] b, int from, int length, String word) {
    if (length != word.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (b[from + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private void add(char type, int start, int end) {
    if (count < MAX_TOKENS) {
      types[count] = type;
      starts[count] = start;
      ends[count] = end;
      count++;
    }
  }

  /** Number of tokens read. */
  public int count() {
    return count;
  }

  /** Type of token {@code i}. */
  public char type(int i) {
    return types[i];
  }

  /** Start offset of token {@code i}. */
  public int start(int i) {
    return starts[i];
  }

  /** End offset of token {@code i}. */
  public int end(int i) {
    return ends[i];
  }

  /** True when the last string literal ran to the end of the text without closing. */
  public boolean unterminated() {
    return unterminated;
  }

  /** Token types as a string, e.g. {@code s&s=s}: the fingerprint. */
  public String fingerprint() {
    return new String(types, 0, count);
  }

  /** Hex digit test without pulling in the URL decoder. */
  private static final class UrlHex {
    static boolean isHex(char c) {
      return CharClass.isDigit(c) || (c >= 'a' && c <= 'f');
    }
  }
}
