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
  private boolean hasNul;
  private boolean hasNonAscii;
  private boolean decodedSigned;
  private static char[] scratch = new char[256];

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
    int n = value.length();
    char[] chars = scratch(n);
    value.getChars(0, n, chars, 0);
    int bits = 0;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c < 128) {
        bits |= CharacterSignature.bit(c);
        if (c == '%' || c == '&' || c == '+' || c == 0) {
          needsDecoding = true;
          hasNul |= c == 0;
        } else if (c >= 'A' && c <= 'Z') {
          hasUppercase = true;
        }
      } else {
        hasNonAscii = true;
      }
    }
    signature = bits;
  }

  /**
   * A char buffer of at least {@code n} chars, reused by every scan and copy: reading a String
   * into an array once ({@code getChars}) and looping over the array costs TeaVM a fraction of
   * {@code charAt} per character, and {@code toCharArray} allocates each time.
   */
  static char[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new char[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  /** True when the value as parsed contains a NUL character. */
  public boolean containsNul() {
    if (!scanned) {
      scan();
    }
    return hasNul;
  }

  /** True when the value as parsed contains a character above U+007F. */
  public boolean containsNonAscii() {
    if (!scanned) {
      scan();
    }
    return hasNonAscii;
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
    int n = s.length();
    char[] chars = scratch(n);
    s.getChars(0, n, chars, 0);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (chars[i] != '\0') {
        chars[kept++] = chars[i];
      }
    }
    return new String(chars, 0, kept);
  }

  /** Lowercases ASCII letters only: cheap, and locale-independent like the CRS transform. */
  public static String asciiLowercase(String s) {
    int n = s.length();
    char[] chars = scratch(n);
    s.getChars(0, n, chars, 0);
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + 32);
        changed = true;
      }
    }
    return changed ? new String(chars, 0, n) : s;
  }
}
