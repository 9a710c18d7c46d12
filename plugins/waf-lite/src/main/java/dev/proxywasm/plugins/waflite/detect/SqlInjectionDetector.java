package dev.proxywasm.plugins.waflite.detect;

import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.BAREWORD;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.CLOSE;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.COMMENT;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.FUNCTION;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.KEYWORD;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.LOGIC;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.NUMBER;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.OPEN;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.OPERATOR;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.SEMICOLON;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.STRING;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.UNION;
import static dev.proxywasm.plugins.waflite.detect.SqlTokenizer.VARIABLE;

import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Decides whether a value is SQL injection by tokenising it three ways, as libinjection does:
 * as-is (a numeric context), and as if it continued a string opened by {@code '}, {@code "} or
 * a backtick. An injection has to turn the rest of the value into valid, meaningful SQL after
 * the break-out: {@code ' OR '1'='1} does, {@code O'Reilly} ("string, word") does not. The
 * grammar checks below are deliberately about token <em>types</em>, not words, so that
 * variations of known payloads are caught too.
 */
public final class SqlInjectionDetector {
  private static final char[] QUOTES = {0, '\'', '"', '`'};
  /** {@link #shape} bits: some character other than letters, digits and {@code . _ - @}. */
  private static final int STRUCTURED = 1;
  private static final int SINGLE_QUOTE = 2;
  private static final int DOUBLE_QUOTE = 4;
  private static final int BACKTICK = 8;
  /** A word or operator the numeric context needs (see {@link #shape}). */
  private static final int NUMERIC_SQL = 16;
  private static final String[] NUMERIC_WORDS = {
    "or", "and", "xor", "union", "select", "into", "exec", "execute", "waitfor", "declare", "from"
  };
  /** {@link #statementStart}'s verbs not already in {@link #NUMERIC_WORDS}. */
  private static final String[] STATEMENT_VERBS = {
    "insert", "drop", "truncate", "update", "delete", "create", "alter", "shutdown", "load"
  };
  /**
   * What a value {@link #detect} finds anything in holds somewhere (see {@link #shape}): a
   * quote to break out of a string, the {@code &&} or {@code /*} the numeric context can start
   * from, or one of the numeric context's words or statement verbs (a verb counts only after a
   * {@code ;}, but the verb itself is what the value must hold).
   */
  public static final KeywordSet TRIGGERS = KeywordSet.of(triggers("'", "\"", "`", "&&", "/*"));
  /** {@link #NUMERIC_WORDS} then {@link #STATEMENT_VERBS}, packed by {@link #pack}. */
  private static final long[] TRIGGER_CODES = new long[NUMERIC_WORDS.length + STATEMENT_VERBS.length];
  private static final long BLOOM_HASH = 0x9E3779B97F4A7C15L;
  private static long NUMERIC_BLOOM;
  // {@link #shape}'s character classes, whose low five bits are the shape bits they give;
  // characters above U+007F are NEUTRAL.
  private static final byte NEUTRAL = 0;
  private static final byte SHAPE_BITS = 31;
  private static final byte SPACE = 32 | STRUCTURED;
  private static final byte AMPERSAND_OR_SLASH = 64 | STRUCTURED;
  private static final byte LETTER = -1;
  private static final byte[] CLASSES = new byte[128];

  static {
    for (int k = 0; k < NUMERIC_WORDS.length; k++) {
      TRIGGER_CODES[k] = pack(NUMERIC_WORDS[k]);
    }
    for (int k = 0; k < STATEMENT_VERBS.length; k++) {
      TRIGGER_CODES[NUMERIC_WORDS.length + k] = pack(STATEMENT_VERBS[k]);
    }
    for (int k = 0; k < NUMERIC_WORDS.length; k++) {
      long spread = TRIGGER_CODES[k] * BLOOM_HASH;
      NUMERIC_BLOOM |= 1L << (spread >>> 58) | 1L << (spread >>> 24);
    }
    for (int c = 0; c < 128; c++) {
      boolean neutral = CharClass.isWord((char) c) || c == '.' || c == '-' || c == '@';
      CLASSES[c] = neutral ? NEUTRAL : CharClass.isSpace((char) c) ? SPACE : STRUCTURED;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      CLASSES[c] = LETTER;
    }
    CLASSES['\''] = SINGLE_QUOTE | STRUCTURED;
    CLASSES['"'] = DOUBLE_QUOTE | STRUCTURED;
    CLASSES['`'] = BACKTICK | STRUCTURED;
    CLASSES['&'] = AMPERSAND_OR_SLASH;
    CLASSES['/'] = AMPERSAND_OR_SLASH;
  }
  private final SqlTokenizer tokens = new SqlTokenizer();
  private String text;
  private boolean quotedBreakout;

  /**
   * The fingerprint of the injection found in {@code lower} (lowercase text), or null. A value
   * made only of letters, digits and {@code . _ - @} is a single token: whatever query it lands
   * in, it cannot change the query's structure.
   */
  public String detect(String lower) {
    int shape = shape(lower);
    if ((shape & STRUCTURED) == 0) {
      return null;
    }
    text = lower;
    for (char quote : QUOTES) {
      if (quote == 0 ? (shape & NUMERIC_SQL) == 0 && !opensWithQuote(lower) : (shape & bitOf(quote)) == 0) {
        continue;
      }
      tokens.tokenize(lower, quote);
      if (quote == 0 ? numericContext() : quotedContext()) {
        return tokens.fingerprint();
      }
    }
    return null;
  }

  /**
   * Whether the first token of {@code lower} read as-is is a string literal: without
   * {@link #NUMERIC_SQL}, the numeric context can only find a comparison of one
   * ({@code 'a'='a'}), so a value like "ann o'neil" is spared that tokenisation.
   */
  private static boolean opensWithQuote(String lower) {
    char[] b = CharClass.chars(lower);
    int n = lower.length();
    int i = 0;
    while (i < n && (CharClass.isSpace(b[i]) || b[i] == 0xa0)) {
      i++;
    }
    return i < n && (b[i] == '\'' || b[i] == '"');
  }

  private static int bitOf(char quote) {
    return quote == '\'' ? SINGLE_QUOTE : quote == '"' ? DOUBLE_QUOTE : BACKTICK;
  }

  /**
   * One pass over the value, telling which of the tokenisations can find anything. Without a
   * quote, the numeric context ({@link #numericContext}) needs a token that only these words
   * and characters produce: a logical operator ({@code and or xor &&}), {@code union},
   * {@code select}, {@code into}, {@code exec}, {@code waitfor}, {@code declare}, {@code from}
   * (of {@code 1 as x from}), or a statement verb right after {@code ;}. A word counts unless a
   * letter, digit, {@code _} or {@code $} touches it (the tokenizer would read a longer word);
   * {@code /*} sends every value to the tokenizer, since a {@code /*!50000} comment vanishes
   * and leaves a keyword glued to digits. Most values have none of these and skip tokenising.
   */
  private int shape(String s) {
    int n = s.length();
    char[] b = CharClass.chars(s);
    byte[] classes = CLASSES;
    // Inside the Wasm module the two hot reads go to memory directly (i < n <= b.length, and
    // c < 128): TeaVM's checked array reads cost about twice as much. Nothing allocates below.
    boolean direct = PlatformDetector.isWebAssembly();
    Address text = direct ? Address.ofData(b) : null;
    Address table = direct ? Address.ofData(classes) : null;
    int shape = 0;
    boolean afterSemicolon = false;
    int i = 0;
    while (i < n) {
      char c = direct ? text.add(i << 1).getChar() : b[i];
      int type = c >= 128 ? NEUTRAL : direct ? table.add(c).getByte() : classes[c];
      if (type == LETTER) {
        int start = i;
        long code = 0;
        for (; i < n; i++) {
          c = direct ? text.add(i << 1).getChar() : b[i];
          if (c < 'a' || c > 'z') {
            break;
          }
          code = code << 5 | (c - 96);
        }
        int length = i - start;
        // Most words are none of the triggers: a Bloom filter (two bits of 64), tested here
        // without a call, rejects them. Statement verbs, only wanted after ';', skip it.
        long spread = code * BLOOM_HASH;
        if (length >= 2 && length <= 8 && (afterSemicolon
                || ((NUMERIC_BLOOM >>> (spread >>> 58)) & (NUMERIC_BLOOM >>> (spread >>> 24)) & 1) != 0)
            && (start == 0 || !isWordChar(b[start - 1])) && (i == n || !isWordChar(b[i]))
            && triggers(code, afterSemicolon)) {
          shape |= NUMERIC_SQL;
        }
        afterSemicolon = false;
        continue;
      }
      if (type != NEUTRAL) {
        shape |= type & SHAPE_BITS;
        if (type == AMPERSAND_OR_SLASH && i + 1 < n && b[i + 1] == (c == '&' ? '&' : '*')) {
          shape |= NUMERIC_SQL;
        }
      }
      if (type != SPACE && c != 0xa0) {
        afterSemicolon = c == ';';
      }
      i++;
    }
    return shape;
  }

  private static String[] triggers(String... marks) {
    String[] all = new String[marks.length + NUMERIC_WORDS.length + STATEMENT_VERBS.length];
    System.arraycopy(marks, 0, all, 0, marks.length);
    System.arraycopy(NUMERIC_WORDS, 0, all, marks.length, NUMERIC_WORDS.length);
    System.arraycopy(STATEMENT_VERBS, 0, all, marks.length + NUMERIC_WORDS.length, STATEMENT_VERBS.length);
    return all;
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
  }

  /** Whether the word packed in {@code code} (5 bits a letter) needs the numeric context. */
  private static boolean triggers(long code, boolean afterSemicolon) {
    long[] codes = TRIGGER_CODES;
    int last = afterSemicolon ? codes.length : NUMERIC_WORDS.length;
    for (int k = 0; k < last; k++) {
      if (codes[k] == code) {
        return true;
      }
    }
    return false;
  }

  private static long pack(String word) {
    long code = 0;
    for (int k = 0; k < word.length(); k++) {
      code = code << 5 | (word.charAt(k) - 96);
    }
    return code;
  }

  private boolean is(int i, char type) {
    return i < tokens.count() && tokens.type(i) == type;
  }

  private String word(int i) {
    return text.substring(tokens.start(i), tokens.end(i));
  }

  private boolean isWord(int i, String w) {
    return i < tokens.count() && tokens.end(i) - tokens.start(i) == w.length()
        && text.startsWith(w, tokens.start(i));
  }

  private boolean isComparison(int i) {
    if (i >= tokens.count()) {
      return false;
    }
    char t = tokens.type(i);
    if (t == OPERATOR) {
      String op = word(i);
      return op.indexOf('=') >= 0 || op.equals("<") || op.equals(">") || op.equals("<>");
    }
    return t == KEYWORD && (isWord(i, "like") || isWord(i, "rlike") || isWord(i, "regexp")
        || isWord(i, "is") || isWord(i, "in") || isWord(i, "between") || isWord(i, "sounds"));
  }

  private boolean isOperand(int i) {
    return is(i, NUMBER) || is(i, STRING) || is(i, BAREWORD) || is(i, VARIABLE)
        || (is(i, KEYWORD) && (isWord(i, "true") || isWord(i, "false") || isWord(i, "null")));
  }

  private boolean endsExpression(int i) {
    return i >= tokens.count() || is(i, COMMENT) || is(i, SEMICOLON) || is(i, LOGIC)
        || is(i, CLOSE) || is(i, UNION);
  }

  /** Patterns that are SQL wherever they appear. */
  private boolean anywhere() {
    int n = tokens.count();
    for (int i = 0; i < n; i++) {
      char t = tokens.type(i);
      if (t == UNION) {
        int j = i + 1;
        if (isWord(j, "all") || isWord(j, "distinct") || isWord(j, "distinctrow")) {
          j++;
        }
        while (is(j, OPEN)) {
          j++;
        }
        if (isWord(j, "select") || (is(j, BAREWORD) && word(j).equals("distinctrow"))) {
          return true;
        }
      } else if (t == SEMICOLON && i + 1 < n && is(i + 1, KEYWORD) && statementStart(i + 1)) {
        return true;
      } else if (t == KEYWORD && isWord(i, "waitfor") && isWord(i + 1, "delay")) {
        return true;
      } else if (t == KEYWORD && (isWord(i, "exec") || isWord(i, "execute")) && i + 1 < n) {
        String next = word(i + 1);
        if (next.startsWith("xp_") || next.startsWith("sp_") || next.startsWith("master.")
            || is(i + 1, OPEN) && is(i + 2, VARIABLE)) {
          return true;
        }
      } else if (t == KEYWORD && isWord(i, "into") && (isWord(i + 1, "outfile") || isWord(i + 1, "dumpfile"))) {
        return true;
      } else if (t == KEYWORD && isWord(i, "select") && selectFrom(i)) {
        return true;
      } else if ((t == NUMBER || t == STRING || (t == BAREWORD && text.charAt(tokens.start(i)) == '`'))
          && isWord(i + 1, "as") && (is(i + 2, STRING) || is(i + 2, BAREWORD)) && isWord(i + 3, "from")) {
        return true;
      } else if (t == KEYWORD && isWord(i, "declare") && is(i + 1, VARIABLE)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ; DROP TABLE x}, {@code ;INSERT INTO}, {@code ;truncate[x}: a second statement. */
  private boolean statementStart(int i) {
    String w = word(i);
    boolean verb = w.equals("insert") || w.equals("drop") || w.equals("truncate") || w.equals("update")
        || w.equals("delete") || w.equals("create") || w.equals("alter") || w.equals("select")
        || w.equals("declare") || w.equals("shutdown") || w.equals("waitfor") || w.equals("load");
    if (!verb) {
      return false;
    }
    int j = i + 1;
    while (is(j, COMMENT)) {
      j++;
    }
    return j >= tokens.count() ? w.equals("shutdown") : !is(j, LOGIC);
  }

  /** {@code SELECT <expression> ... FROM}, where the expression is not a plain word. */
  private boolean selectFrom(int i) {
    int j = i + 1;
    while (is(j, COMMENT)) {
      j++;
    }
    if (j >= tokens.count()) {
      return false;
    }
    boolean expression = is(j, FUNCTION) || is(j, NUMBER) || is(j, VARIABLE) || is(j, OPEN)
        || is(j, STRING) || (is(j, OPERATOR) && word(j).equals("*")) || isWord(j, "distinct")
        || isWord(j, "top") || isWord(j, "null") || isWord(j, "all");
    if (!expression) {
      return false;
    }
    for (int k = j; k < tokens.count(); k++) {
      if (isWord(k, "from")) {
        return true;
      }
    }
    return false;
  }

  private boolean numericContext() {
    if (anywhere()) {
      return true;
    }
    int n = tokens.count();
    // <value> OR <operand> <comparison> <operand> | <value> AND <function>(...)
    quotedBreakout = false;
    for (int i = 0; i + 1 < n; i++) {
      if ((is(i, NUMBER) || is(i, STRING) || is(i, CLOSE)) && is(i + 1, LOGIC) && tautology(i + 2)) {
        return true;
      }
    }
    // '{..}'::jsonb and friends are covered by their own rule; 'x'!='y' style comparisons:
    return n >= 3 && n <= 5 && is(0, STRING) && isComparison(1) && (is(2, STRING) || is(2, NUMBER))
        && endsExpression(3) && !tokens.unterminated() || n == 3 && is(0, STRING) && isComparison(1)
        && is(2, STRING) && word(1).indexOf('!') >= 0;
  }

  /** {@code 1=1}, {@code 'a'='a'}, {@code x like y}, {@code not 1}, {@code (select...}. */
  private boolean tautology(int i) {
    int j = i;
    if (isWord(j, "not")) {
      j++;
    }
    if (is(j, OPEN) || (is(j, FUNCTION) && is(j + 1, OPEN))) {
      return true;
    }
    if (!isOperand(j)) {
      return false;
    }
    if (isComparison(j + 1)) {
      int k = j + 2;
      if (isWord(k, "not") || isWord(k, "null")) {
        return true;
      }
      return isOperand(k) || is(k, OPEN) || is(k, FUNCTION);
    }
    // "OR 1--", "OR true;": a bare operand is only convincing when a comment or statement end
    // follows; "WOOD" AND "SIGN" is just quoted words.
    return (is(j, NUMBER) || isWord(j, "true") || isWord(j, "false") || is(j, STRING) && quotedBreakout)
        && (is(j + 1, COMMENT) || is(j + 1, SEMICOLON));
  }

  /**
   * {@code --} and block comments end SQL; {@code #} only counts at the end of the value, since
   * in text it is far more often "#2".
   */
  private boolean isCodeComment(int i) {
    int at = tokens.start(i);
    if (text.charAt(at) != '#') {
      return true;
    }
    return CharClass.skipSpaces(text, at + 1) >= text.length();
  }

  private boolean quotedContext() {
    int n = tokens.count();
    if (n < 2 || !is(0, STRING) || tokens.unterminated() && n == 1) {
      return false;
    }
    if (anywhere()) {
      return true;
    }
    quotedBreakout = true;
    boolean compactValue = true;
    for (int i = tokens.start(0); i < tokens.end(0) - 1; i++) {
      if (CharClass.isSpace(text.charAt(i))) {
        compactValue = false;
        break;
      }
    }
    int i = 1;
    while (is(i, CLOSE)) {
      i++;
    }
    boolean closedParens = i > 1;
    if (i >= n) {
      return false;
    }
    char t = tokens.type(i);
    switch (t) {
      case COMMENT:
        return (compactValue || closedParens) && isCodeComment(i);
      case SEMICOLON:
        return compactValue && (i + 1 >= n || is(i + 1, KEYWORD) || is(i + 1, COMMENT));
      case LOGIC:
        return tautology(i + 1);
      case UNION:
        return true;
      case KEYWORD:
        String w = word(i);
        return w.equals("order") && isWord(i + 1, "by") || w.equals("group") && isWord(i + 1, "by")
            || w.equals("having") || w.equals("limit") || w.equals("procedure")
            || w.equals("waitfor") || w.equals("select")
            || (closedParens && (w.equals("like") || w.equals("is")));
      case OPERATOR:
        String op = word(i);
        if ((op.equals("||") || op.equals("+") || op.equals("|")) && (is(i + 1, OPEN) || is(i + 1, FUNCTION))) {
          return true;
        }
        return isComparison(i) && isOperand(i + 1) && (is(i + 1, STRING) || is(i + 1, NUMBER))
            && endsExpression(i + 2) && (i + 2 < n || compactValue);
      default:
        return false;
    }
  }
}
