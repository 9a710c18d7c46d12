package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.transform.CommandLineNormaliser;
import dev.proxywasm.plugins.waflite.transform.HtmlEntityDecoder;
import dev.proxywasm.plugins.waflite.transform.UrlDecoder;

/**
 * One inspected value (an argument, a header, the path...) with its transformations computed
 * lazily and at most once, so the dozens of rules that want the same decoded, lowercased text
 * share one copy.
 */
public final class Target {
  private final int kind;
  private final String collection;
  private final String key;
  private String name;
  private final String value;
  private String decoded;
  private String lower;
  private String commandLine;
  private int signature;
  private boolean scanned;
  private boolean needsDecoding;
  private boolean hasUppercase;
  private boolean decodedSigned;

  /**
   * @param kind  {@link TargetKind} bits
   * @param name  the collection and key for logs, e.g. {@code ARGS:q}
   * @param value the value as parsed (arguments are already URL-decoded once)
   */
  public Target(int kind, String name, String value) {
    this(kind, name, null, value);
  }

  /**
   * A value of a keyed collection, e.g. {@code ARGS} and {@code q}; the combined name
   * {@code ARGS:q} is only built when needed (logs, exclusions), since most values never are.
   */
  public Target(int kind, String collection, String key, String value) {
    this.kind = kind;
    this.collection = collection;
    this.key = key;
    this.value = value;
  }

  /** {@link TargetKind} bits. */
  public int kind() {
    return kind;
  }

  /** Collection and key, e.g. {@code ARGS:q}, {@code REQUEST_HEADERS:User-Agent}. */
  public String name() {
    if (name == null) {
      name = key == null ? collection : collection + ":" + key;
    }
    return name;
  }

  /** The value as parsed. */
  public String value() {
    return value;
  }

  /**
   * One pass over the value: its character signature, and whether decoding or lowercasing
   * can change it at all (most values have no {@code % & +}, NUL or capital letter).
   */
  private void scan() {
    scanned = true;
    int bits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        bits |= CharacterSignature.bit(c);
        if (c == '%' || c == '&' || c == '+' || c == 0) {
          needsDecoding = true;
        } else if (c >= 'A' && c <= 'Z') {
          hasUppercase = true;
        }
      }
    }
    signature = bits;
  }

  /** URL-decoded (incl. {@code %u}), HTML-entity-decoded, without NUL bytes. */
  public String decoded() {
    if (decoded == null) {
      if (!scanned) {
        scan();
      }
      decoded = needsDecoding ? removeNulls(HtmlEntityDecoder.decode(UrlDecoder.decode(value))) : value;
    }
    return decoded;
  }

  /** {@link CharacterSignature} of the value as parsed and as decoded. */
  public int signature() {
    if (!scanned) {
      scan();
    }
    if (needsDecoding && !decodedSigned) {
      decodedSigned = true;
      signature |= CharacterSignature.of(decoded());
    }
    return signature;
  }

  /** {@link #decoded()} in ASCII lowercase. */
  public String lower() {
    if (lower == null) {
      String d = decoded();
      lower = d == value && !hasUppercase ? d : asciiLowercase(d);
    }
    return lower;
  }

  /** {@link #lower()} after CRS's {@code cmdLine} normalisation. */
  public String commandLine() {
    if (commandLine == null) {
      commandLine = CommandLineNormaliser.normalise(lower());
    }
    return commandLine;
  }

  private static String removeNulls(String s) {
    if (s.indexOf('\0') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '\0') {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }

  /** Lowercases ASCII letters only: cheap, and locale-independent like the CRS transform. */
  public static String asciiLowercase(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      char c = out[i];
      if (c >= 'A' && c <= 'Z') {
        out[i] = (char) (c + 32);
      }
    }
    return new String(out);
  }
}
