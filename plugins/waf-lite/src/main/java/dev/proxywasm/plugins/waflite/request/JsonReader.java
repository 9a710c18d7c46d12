package dev.proxywasm.plugins.waflite.request;

/**
 * A small pull parser for JSON (RFC 8259): tokens one at a time, strings unescaped, nesting
 * bounded. Written for this module rather than using jackson-core because jackson's symbol
 * interning needs locks TeaVM does not provide, and because a WAF needs only tokens: no
 * binding, no number conversion. Malformed input raises {@link JsonException} with the offset.
 */
public final class JsonReader {
  /** Token kinds. */
  public enum Token {
    /** {@code {}. */
    START_OBJECT,
    /** {@code }}. */
    END_OBJECT,
    /** {@code [}. */
    START_ARRAY,
    /** {@code ]}. */
    END_ARRAY,
    /** An object member name ({@link #text()}). */
    NAME,
    /** A string value ({@link #text()}). */
    STRING,
    /** A number ({@link #text()} has its literal). */
    NUMBER,
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE,
    /** {@code null}. */
    NULL,
    /** End of input after one complete value. */
    END
  }

  /** Malformed JSON. */
  public static final class JsonException extends Exception {
    JsonException(String message, int offset) {
      super(message + " at offset " + offset);
    }
  }

  private final String in;
  private final int maxDepth;
  private final boolean[] inObject;
  private int depth;
  private int pos;
  private String text;
  private Token current;
  // What may come next: a value, a name, a comma/close, or a value after a name's colon.
  private boolean expectValue = true;
  private boolean expectName;
  private boolean started;

  /** Reads {@code json}; deeper nesting than {@code maxDepth} is an error. */
  public JsonReader(String json, int maxDepth) {
    this.in = json;
    this.maxDepth = maxDepth;
    this.inObject = new boolean[maxDepth + 1];
  }

  /** The current token. */
  public Token current() {
    return current;
  }

  /** Text of the current NAME, STRING or NUMBER. */
  public String text() {
    return text;
  }

  /** Nesting depth after the current token. */
  public int depth() {
    return depth;
  }

  /** Advances to the next token. */
  public Token next() throws JsonException {
    skipSpace();
    if (pos >= in.length()) {
      if (depth > 0 || !started) {
        throw new JsonException("unexpected end of input", pos);
      }
      return current = Token.END;
    }
    char c = in.charAt(pos);
    if (!expectValue && !expectName) {
      // After a value: a comma or the end of the container.
      if (c == ',' && depth > 0) {
        pos++;
        skipSpace();
        if (inObject[depth]) {
          expectName = true;
        } else {
          expectValue = true;
        }
        return next();
      }
      if ((c == '}' && depth > 0 && inObject[depth]) || (c == ']' && depth > 0 && !inObject[depth])) {
        pos++;
        depth--;
        return current = c == '}' ? Token.END_OBJECT : Token.END_ARRAY;
      }
      throw new JsonException(depth == 0 ? "trailing characters" : "expected , or a closing bracket", pos);
    }
    if (expectName) {
      if (c == '}' && current == Token.START_OBJECT) {
        pos++;
        depth--;
        expectName = false;
        return current = Token.END_OBJECT;
      }
      if (c != '"') {
        throw new JsonException("expected a member name", pos);
      }
      text = readString();
      skipSpace();
      if (pos >= in.length() || in.charAt(pos) != ':') {
        throw new JsonException("expected :", pos);
      }
      pos++;
      expectName = false;
      expectValue = true;
      return current = Token.NAME;
    }
    // A value.
    if (c == ']' && current == Token.START_ARRAY) {
      pos++;
      depth--;
      expectValue = false;
      return current = Token.END_ARRAY;
    }
    started = true;
    expectValue = false;
    switch (c) {
      case '{':
      case '[':
        if (depth >= maxDepth) {
          throw new JsonException("nesting deeper than " + maxDepth, pos);
        }
        pos++;
        depth++;
        inObject[depth] = c == '{';
        if (c == '{') {
          expectName = true;
        } else {
          expectValue = true;
        }
        return current = c == '{' ? Token.START_OBJECT : Token.START_ARRAY;
      case '"':
        text = readString();
        return current = Token.STRING;
      case 't':
        return literal("true", Token.TRUE);
      case 'f':
        return literal("false", Token.FALSE);
      case 'n':
        return literal("null", Token.NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          int start = pos;
          pos++;
          while (pos < in.length() && "0123456789+-.eE".indexOf(in.charAt(pos)) >= 0) {
            pos++;
          }
          text = in.substring(start, pos);
          return current = Token.NUMBER;
        }
        throw new JsonException("unexpected character", pos);
    }
  }

  /** Skips the value just started (an object or array), leaving it as the current token. */
  public void skipChildren() throws JsonException {
    if (current != Token.START_OBJECT && current != Token.START_ARRAY) {
      return;
    }
    int target = depth - 1;
    while (depth > target) {
      next();
    }
  }

  private Token literal(String word, Token token) throws JsonException {
    if (!in.startsWith(word, pos)) {
      throw new JsonException("unexpected character", pos);
    }
    pos += word.length();
    text = word;
    return current = token;
  }

  private void skipSpace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private String readString() throws JsonException {
    int start = ++pos;
    StringBuilder out = null;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '"') {
        String s = out == null ? in.substring(start, pos) : out.toString();
        pos++;
        return s;
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder(pos - start + 16);
          out.append(in, start, pos);
        }
        if (pos + 1 >= in.length()) {
          break;
        }
        char e = in.charAt(pos + 1);
        pos += 2;
        switch (e) {
          case '"': out.append('"'); break;
          case '\\': out.append('\\'); break;
          case '/': out.append('/'); break;
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'n': out.append('\n'); break;
          case 'r': out.append('\r'); break;
          case 't': out.append('\t'); break;
          case 'u':
            if (pos + 4 > in.length()) {
              throw new JsonException("bad \\u escape", pos);
            }
            int cp = 0;
            for (int i = 0; i < 4; i++) {
              int d = dev.proxywasm.plugins.waflite.transform.UrlDecoder.hex(in.charAt(pos + i));
              if (d < 0) {
                throw new JsonException("bad \\u escape", pos);
              }
              cp = cp << 4 | d;
            }
            out.append((char) cp);
            pos += 4;
            break;
          default:
            throw new JsonException("bad escape", pos - 1);
        }
      } else {
        if (c < 0x20) {
          throw new JsonException("control character in string", pos);
        }
        if (out != null) {
          out.append(c);
        }
        pos++;
      }
    }
    throw new JsonException("unterminated string", start - 1);
  }
}
