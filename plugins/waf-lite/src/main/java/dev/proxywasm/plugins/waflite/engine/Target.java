package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.KeywordSieve;
import dev.proxywasm.plugins.waflite.request.JsonPath;
import dev.proxywasm.plugins.waflite.transform.CommandLineNormaliser;
import dev.proxywasm.plugins.waflite.transform.HtmlEntityDecoder;
import dev.proxywasm.plugins.waflite.transform.UrlDecoder;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * One inspected value (an argument, a header, the path...) with its transformations computed
 * lazily and at most once, so the dozens of rules that want the same decoded, lowercased text
 * share one copy.
 */
public final class Target {
  private final int kind;
  private final String collection;
  private final String key;
  private final JsonPath path;
  private String name;
  private final String value;
  private String decoded;
  private String lower;
  private String commandLine;
  private int signature;
  private boolean scanned;
  private boolean needsDecoding;
  /** The value has a {@code %} or {@code +} (URL decoding may change it), once scanned. */
  private boolean hasUrlEscape;
  /** The value has a {@code &} (entity decoding may change it), once scanned. */
  private boolean hasAmpersand;
  private boolean hasNul;
  private boolean hasNonAscii;
  private boolean decodedSigned;
  private static char[] scratch = new char[256];
  /** The String whose characters {@link #scratch} holds (from index 0), or null. */
  private static String inScratch;
  /** The length of {@link #inScratch}. */
  private static int scratchLength;
  /** {@link #flags()} bit: the value as parsed contains a NUL character. */
  public static final int NUL = 1;
  /** {@link #flags()} bit: the value as parsed contains a character above U+007F. */
  public static final int NON_ASCII = 2;
  // What scan notes per ASCII character: its CharacterSignature bit in the low 32 bits, these
  // above, so one table read and one OR per character collect everything.
  private static final long DECODE = 1L << 32;
  private static final long URL_ESCAPE = 1L << 36;
  private static final long AMPERSAND = 1L << 37;
  private static final long UPPER = 1L << 33;
  private static final long SEEN_NUL = 1L << 34;
  private static final long SEEN_NON_ASCII = 1L << 35;
  private static final long[] CLASSES = new long[128];

  static {
    for (char c = 0; c < 128; c++) {
      CLASSES[c] = CharacterSignature.BITS[c] & 0xffffffffL;
    }
    CLASSES['%'] |= DECODE | URL_ESCAPE;
    CLASSES['&'] |= DECODE | AMPERSAND;
    CLASSES['+'] |= DECODE | URL_ESCAPE;
    CLASSES[0] |= DECODE | SEEN_NUL;
    for (char c = 'A'; c <= 'Z'; c++) {
      CLASSES[c] |= UPPER;
    }
  }

  /**
   * @param kind  {@link TargetKind} bits
   * @param name  the collection and key for logs, e.g. {@code ARGS:q}
   * @param value the value as parsed (arguments are already URL-decoded once)
   */
  public Target(int kind, String name, String value) {
    this(kind, name, (String) null, value);
  }

  /**
   * A value of a keyed collection, e.g. {@code ARGS} and {@code q}; the combined name
   * {@code ARGS:q} is only built when needed (logs, exclusions), since most values never are.
   */
  public Target(int kind, String collection, String key, String value) {
    this.kind = kind;
    this.collection = collection;
    this.key = key;
    this.path = null;
    this.value = value;
  }

  /**
   * A JSON argument or key, named by {@code path}: its dotted form too is only built when
   * needed. (Each constructor sets every field itself: one delegating to another costs TeaVM a
   * call per value.)
   */
  public Target(int kind, String collection, JsonPath path, String value) {
    this.kind = kind;
    this.collection = collection;
    this.key = null;
    this.path = path;
    this.value = value;
  }

  /** {@link TargetKind} bits. */
  public int kind() {
    return kind;
  }

  /** Collection and key, e.g. {@code ARGS:q}, {@code REQUEST_HEADERS:User-Agent}. */
  public String name() {
    if (name == null) {
      String k = key != null ? key : path != null ? path.toString() : null;
      name = k == null ? collection : join(collection, k);
    }
    return name;
  }

  /** {@code collection + ":" + key} in one array (TeaVM's concatenation builds it char by char). */
  private static String join(String collection, String key) {
    int c = collection.length();
    int k = key.length();
    char[] chars = new char[c + 1 + k];
    collection.getChars(0, c, chars, 0);
    chars[c] = ':';
    key.getChars(0, k, chars, c + 1);
    return new String(chars);
  }

  /** The value as parsed. */
  public String value() {
    return value;
  }

  /**
   * One pass over the value: its character signature, whether decoding or lowercasing can
   * change it at all (most values have no {@code % & +}, NUL or capital letter), and, since
   * every value with a rule to meet is read lowercased, its lowercase form when decoding
   * leaves it as it is.
   */
  private void scan() {
    scanned = true;
    int n = value.length();
    // The buffer is read here, not through scratch(n): a static call per value costs TeaVM a
    // class-initialisation check and a frame.
    char[] chars = scratch;
    if (chars.length < n) {
      chars = scratch(n);
    }
    inScratch = null;
    value.getChars(0, n, chars, 0);
    long seen = classifyAndLowercase(chars, n, CLASSES);
    signature = (int) seen;
    needsDecoding = (seen & DECODE) != 0;
    hasUrlEscape = (seen & URL_ESCAPE) != 0;
    hasAmpersand = (seen & AMPERSAND) != 0;
    hasNul = (seen & SEEN_NUL) != 0;
    hasNonAscii = (seen & SEEN_NON_ASCII) != 0;
    if (!needsDecoding) {
      decoded = value;
      lower = (seen & UPPER) != 0 ? new String(chars, 0, n) : value;
      inScratch = lower;
      scratchLength = n;
    }
  }

  /**
   * {@link #flags()} for the engine, once {@link #signature()} has scanned the value: a field
   * read, where the public getter's possible scan costs a call and a frame per value.
   */
  int scannedFlags() {
    return (hasNul ? NUL : 0) | (hasNonAscii ? NON_ASCII : 0);
  }

  /**
   * The sets of {@code sieve} that may have a keyword in {@link #lower()}, once
   * {@link #signature()} has set it: read from the lowercased characters the scan (or
   * lowercasing) just left in the scratch buffer, as they are when the engine asks right after
   * {@link #signature()}, else copied there first.
   */
  long keywords(KeywordSieve sieve) {
    String l = lower;
    if (l != inScratch) {
      int n = l.length();
      char[] chars = scratch;
      if (chars.length < n) {
        chars = scratch(n);
      }
      l.getChars(0, n, chars, 0);
      inScratch = l;
      scratchLength = n;
    }
    return sieve.present(l, scratch, scratchLength);
  }

  /**
   * ORs the {@link #CLASSES} of {@code chars[0, n)} together, lowercasing ASCII capitals in
   * place. Inside the Wasm module it reads memory directly (the range is checked by the
   * caller, and nothing allocates meanwhile): TeaVM's checked array loop costs twice as much
   * per character. On the JVM (unit tests) it is a plain loop. The callers pass
   * {@link #CLASSES}: a method reading it itself opens with a class-initialisation check, which
   * costs a shadow-stack frame per call.
   */
  private long classifyAndLowercase(char[] chars, int n, long[] classes) {
    long seen = 0;
    if (PlatformDetector.isWebAssembly()) {
      Address at = Address.ofData(chars);
      Address table = Address.ofData(classes);
      for (int i = 0; i < n; i++) {
        char c = at.add(i << 1).getChar();
        if (c < 128) {
          long bits = table.add(c << 3).getLong();
          seen |= bits;
          if ((bits & UPPER) != 0) {
            at.add(i << 1).putChar((char) (c + 32));
          }
        } else {
          seen |= SEEN_NON_ASCII;
        }
      }
      return seen;
    }
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      if (c < 128) {
        long bits = classes[c];
        seen |= bits;
        if ((bits & UPPER) != 0) {
          chars[i] = (char) (c + 32);
        }
      } else {
        seen |= SEEN_NON_ASCII;
      }
    }
    return seen;
  }

  /**
   * A char buffer of at least {@code n} chars, reused by every scan and copy: reading a String
   * into an array once ({@code getChars}) and looping over the array costs TeaVM a fraction of
   * {@code charAt} per character, and {@code toCharArray} allocates each time.
   */
  static char[] scratch(int n) {
    inScratch = null;
    if (scratch.length < n) {
      scratch = new char[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  /** {@link #NUL} and {@link #NON_ASCII}, as they apply. */
  public int flags() {
    if (!scanned) {
      scan();
    }
    return (hasNul ? NUL : 0) | (hasNonAscii ? NON_ASCII : 0);
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

  // The getters below only read a field once it is set, the work being in a method of its
  // own: a getter that calls nothing needs no shadow-stack frame, and rules call them often.

  /** URL-decoded (incl. {@code %u}), HTML-entity-decoded, without NUL bytes. */
  public String decoded() {
    String d = decoded;
    return d != null ? d : decode();
  }

  private String decode() {
    if (!scanned) {
      scan();
      if (decoded != null) {
        return decoded;
      }
    }
    // Each step runs only when the scan saw what it decodes, or an earlier step changed the
    // value (%26 is an ampersand, %00 a NUL): each would pass over the whole value to find out.
    String d = hasUrlEscape ? UrlDecoder.decode(value) : value;
    if (d != value || hasAmpersand) {
      d = HtmlEntityDecoder.decode(d);
    }
    if (d != value || hasNul) {
      d = removeNulls(d);
    }
    decoded = d;
    return d;
  }

  /** {@link CharacterSignature} of the value as parsed and as decoded. */
  public int signature() {
    return decodedSigned ? signature : signDecoded();
  }

  private int signDecoded() {
    if (!scanned) {
      scan();
    }
    if (needsDecoding) {
      signDecodedAndLowercase(decoded());
    }
    decodedSigned = true;
    return signature;
  }

  /**
   * Adds the signature of the decoded value {@code d} and, in the same pass, computes
   * {@link #lower()} (wanted next by every value with a keyword rule to meet).
   */
  private void signDecodedAndLowercase(String d) {
    int n = d.length();
    char[] chars = scratch(n);
    d.getChars(0, n, chars, 0);
    long seen = classifyAndLowercase(chars, n, CLASSES);
    signature |= (int) seen;
    if (lower == null) {
      lower = (seen & UPPER) != 0 ? new String(chars, 0, n) : d;
      inScratch = lower;
      scratchLength = n;
    }
  }

  /** {@link #decoded()} in ASCII lowercase. */
  public String lower() {
    String l = lower;
    return l != null ? l : lowercase();
  }

  private String lowercase() {
    String d = decoded();
    if (lower == null) {
      lower = asciiLowercase(d);
    }
    return lower;
  }

  /** {@link #lower()} after CRS's {@code cmdLine} normalisation. */
  public String commandLine() {
    String c = commandLine;
    return c != null ? c : normaliseCommandLine();
  }

  private String normaliseCommandLine() {
    commandLine = CommandLineNormaliser.normalise(lower());
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
    if (PlatformDetector.isWebAssembly()) {
      // Direct memory reads, as in classifyAndLowercase.
      Address at = Address.ofData(chars);
      for (int i = 0; i < n; i++) {
        char c = at.add(i << 1).getChar();
        if (c >= 'A' && c <= 'Z') {
          at.add(i << 1).putChar((char) (c + 32));
          changed = true;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        char c = chars[i];
        if (c >= 'A' && c <= 'Z') {
          chars[i] = (char) (c + 32);
          changed = true;
        }
      }
    }
    String lower = changed ? new String(chars, 0, n) : s;
    inScratch = lower;
    scratchLength = n;
    return lower;
  }
}
