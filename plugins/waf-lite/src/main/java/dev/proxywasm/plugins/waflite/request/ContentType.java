package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.engine.Target;

/** A parsed {@code Content-Type}: lowercase media type plus parameter lookup. */
public final class ContentType {
  private final String header;
  private final String mediaType;
  /** Index of the first {@code ;}, or -1. */
  private final int semicolon;
  private final int tokenLength;

  private ContentType(String header) {
    this.header = header;
    // One pass over a copy finds what the rules ask about every request (TeaVM's charAt and
    // String.indexOf cost a call per character): most headers are a media type alone.
    int n = header.length();
    char[] c = new char[n];
    StringChars.getChars(header, c, 0);
    int token = 0;
    while (token < n && isMediaTypeChar(c[token])) {
      token++;
    }
    int semi = token;
    while (semi < n && c[semi] != ';') {
      semi++;
    }
    this.tokenLength = token;
    this.semicolon = semi < n ? semi : -1;
    this.mediaType = Target.asciiLowercase((semi == n ? header : header.substring(0, semi)).trim());
  }

  /** A letter, digit or {@code _ / . + * -}: what a media type is made of. */
  private static boolean isMediaTypeChar(char c) {
    return CharClass.isWord(c) || c == '/' || c == '.' || c == '+' || c == '*' || c == '-';
  }

  /** Parses {@code header}; null gives null. */
  public static ContentType parse(String header) {
    return header == null ? null : new ContentType(header);
  }

  /** The media type in lowercase, e.g. {@code multipart/form-data}. */
  public String mediaType() {
    return mediaType;
  }

  /** The header as received. */
  public String header() {
    return header;
  }

  /**
   * How many characters from the start of the header can belong to a media type (letters,
   * digits and {@code _ / . + * -}): the header's length when it is a media type alone.
   */
  public int tokenLength() {
    return tokenLength;
  }

  /** The value of parameter {@code name} (case-insensitive), unquoted, or null. */
  public String parameter(String name) {
    int i = semicolon;
    while (i >= 0 && i < header.length()) {
      int from = i + 1;
      while (from < header.length() && header.charAt(from) == ' ') {
        from++;
      }
      int next = header.indexOf(';', from);
      int end = next < 0 ? header.length() : next;
      int eq = header.indexOf('=', from);
      if (eq > 0 && eq < end && CharClass.equalsIgnoreCase(header.substring(from, eq).trim(), name)) {
        String value = header.substring(eq + 1, end).trim();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
      i = next;
    }
    return null;
  }

  /** How many times parameter {@code name} occurs. */
  public int parameterCount(String name) {
    if (semicolon < 0) {
      return 0;
    }
    int count = 0;
    String lower = Target.asciiLowercase(header);
    int i = semicolon;
    while (i >= 0) {
      int from = i + 1;
      while (from < lower.length() && lower.charAt(from) == ' ') {
        from++;
      }
      if (lower.startsWith(name, from)) {
        int after = from + name.length();
        while (after < lower.length() && lower.charAt(after) == ' ') {
          after++;
        }
        if (after < lower.length() && lower.charAt(after) == '=') {
          count++;
        }
      }
      i = lower.indexOf(';', from);
    }
    return count;
  }

  /** True for {@code application/json} and {@code +json} types. */
  public boolean isJson() {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** True for XML types. */
  public boolean isXml() {
    return mediaType.endsWith("/xml") || mediaType.endsWith("+xml");
  }

  /** True for {@code multipart/form-data} (and the related types with a boundary). */
  public boolean isMultipart() {
    return mediaType.startsWith("multipart/");
  }

  /** True for {@code application/x-www-form-urlencoded}. */
  public boolean isForm() {
    return mediaType.equals("application/x-www-form-urlencoded");
  }
}
