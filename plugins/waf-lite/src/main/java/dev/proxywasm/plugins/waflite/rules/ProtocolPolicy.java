package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.plugins.waflite.detect.CharClass;
/**
 * What the protocol rules allow (CRS's {@code tx.allowed_methods},
 * {@code tx.allowed_request_content_type}, {@code tx.allowed_request_content_type_charset},
 * {@code tx.restricted_extensions}, {@code tx.restricted_headers}), with CRS's defaults.
 */
public final class ProtocolPolicy {
  /** CRS default allowed methods. */
  public static final String DEFAULT_METHODS = "GET HEAD POST OPTIONS";
  /** CRS default allowed request content types. */
  public static final String DEFAULT_CONTENT_TYPES = "application/x-www-form-urlencoded "
      + "multipart/form-data multipart/related text/xml application/xml application/soap+xml "
      + "application/json application/cloudevents+json application/cloudevents-batch+json";

  // Held as separate words, as chars: a request's method or type is copied out once and
  // compared with the words of its length in array loops (String.equals reads both Strings
  // through a charAt call per character).
  private final char[][] methods;
  private final char[][] contentTypes;

  /**
   * @param methods      allowed methods separated by spaces, e.g. {@code GET HEAD POST OPTIONS}
   * @param contentTypes allowed media types separated by spaces
   */
  public ProtocolPolicy(String methods, String contentTypes) {
    this.methods = words(methods);
    this.contentTypes = words(contentTypes);
  }

  private static char[][] words(String list) {
    int count = 0;
    for (int i = 0; i < list.length(); i++) {
      if (list.charAt(i) != ' ' && (i == 0 || list.charAt(i - 1) == ' ')) {
        count++;
      }
    }
    char[][] words = new char[count][];
    int w = 0;
    int i = 0;
    while (w < count) {
      while (list.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < list.length() && list.charAt(i) != ' ') {
        i++;
      }
      // Copied from a substring: every getChars call in the module reads from index 0, so
      // wasm-opt drops that parameter (one reading elsewhere would cost each call instructions).
      String word = list.substring(start, i);
      words[w] = new char[word.length()];
      word.getChars(0, word.length(), words[w++], 0);
    }
    return words;
  }

  private static boolean listed(char[][] words, String word) {
    int n = word.length();
    char[] chars = null;
    for (char[] w : words) {
      if (w.length != n) {
        continue;
      }
      if (chars == null) {
        chars = new char[n];
        StringChars.getChars(word, chars, 0);
      }
      int i = 0;
      while (i < n && w[i] == chars[i]) {
        i++;
      }
      if (i == n) {
        return true;
      }
    }
    return false;
  }

  /** The CRS defaults. */
  public static ProtocolPolicy defaults() {
    return new ProtocolPolicy(DEFAULT_METHODS, DEFAULT_CONTENT_TYPES);
  }

  /** True when {@code method} (exact case, as HTTP requires) is allowed. */
  public boolean allowsMethod(String method) {
    return listed(methods, method);
  }

  /** True when the lowercase {@code mediaType} is allowed. */
  public boolean allowsContentType(String mediaType) {
    return listed(contentTypes, mediaType);
  }

  /** True for the charsets CRS allows in request content types. */
  public boolean allowsCharset(String charset) {
    String c = charset.trim();
    if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
      c = c.substring(1, c.length() - 1);
    }
    return CharClass.equalsIgnoreCase(c, "utf-8") || CharClass.equalsIgnoreCase(c, "iso-8859-1")
        || CharClass.equalsIgnoreCase(c, "iso-8859-15") || CharClass.equalsIgnoreCase(c, "windows-1252");
  }
}
