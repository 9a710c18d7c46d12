package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.abi.internal.StringChars;
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
  /**
   * The sieve that walked the value as parsed with the scan, whose answer {@link #keywordSets}
   * holds: the sets of the value lowercased, and so of {@link #lower()} unless decoding changes
   * the value ({@link #needsDecoding}).
   */
  private KeywordSieve sieve;
  private long keywordSets;
  private static char[] scratch = new char[256];
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
  /** Per ASCII character, what {@link #scan} notes: see {@link #withClasses}. */
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
    StringChars.getChars(collection, chars, 0);
    chars[c] = ':';
    StringChars.getChars(key, chars, c + 1);
    return new String(chars);
  }

  /** The value as parsed. */
  public String value() {
    return value;
  }

  /**
   * ORs into {@code table} (an entry per ASCII character, e.g. a
   * {@link KeywordSieve#classTable()}) the bits {@link #scan} notes per character: its
   * {@link CharacterSignature} bit in the low 32 bits, whether decoding or lowercasing may
   * change the value above them (the top byte is left alone).
   */
  static long[] withClasses(long[] table) {
    for (int c = 0; c < 128; c++) {
      table[c] |= CLASSES[c];
    }
    return table;
  }

  /**
   * For the engine, {@link #signature()}, the value scanned on the first call together with
   * {@code sieve}'s walk when one is given ({@code classes}: the sieve's class table with
   * {@link #withClasses}): {@link #keywords} is then known without a second pass, unless the
   * value needs decoding.
   */
  int signature(KeywordSieve sieve, long[] classes) {
    if (!scanned) {
      scan(sieve, classes);
    }
    return decodedSigned ? signature : signDecoded();
  }

  /**
   * One pass over the value: its character signature, and whether decoding or lowercasing can
   * change it at all (most values have no {@code % & +}, NUL or capital letter); with a sieve,
   * the keyword sets of its lowercase form too.
   */
  private void scan(KeywordSieve sieve, long[] classes) {
    scanned = true;
    long seen;
    if (sieve != null) {
      keywordSets = sieve.scan(value, classes, SEEN_NON_ASCII);
      seen = sieve.scanned();
      this.sieve = sieve;
    } else {
      seen = classify(value, classes);
    }
    signature = (int) seen;
    needsDecoding = (seen & DECODE) != 0;
    hasUrlEscape = (seen & URL_ESCAPE) != 0;
    hasAmpersand = (seen & AMPERSAND) != 0;
    hasNul = (seen & SEEN_NUL) != 0;
    hasNonAscii = (seen & SEEN_NON_ASCII) != 0;
    if (!needsDecoding) {
      decoded = value;
      if ((seen & UPPER) == 0) {
        lower = value;
      }
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
   * The sets of {@code sieve} that may have a keyword in {@link #lower()} or in the value as
   * parsed (lowercased), once {@link #signature(KeywordSieve, long[])} has scanned the value:
   * as that scan's walk found them, and when decoding changes the value, with a walk over the
   * lowercase text now. Both forms count: some rules search the value as parsed (encoded
   * traversals such as {@code %2e%2e} are gone once decoded).
   */
  long keywords(KeywordSieve sieve, long[] classes) {
    boolean walked = this.sieve == sieve;
    if (walked && !needsDecoding) {
      // The lowercase String may not exist yet: lowercase() tells find once it does.
      if (lower != null) {
        sieve.remember(lower, keywordSets);
      }
      return keywordSets;
    }
    String l = lower();
    long sets = sieve.scan(l, classes, 0);
    sieve.remember(l, sets);
    return walked ? sets | keywordSets : sets;
  }

  /**
   * ORs the {@link #CLASSES} ({@code classes}, which may carry more bits) of the characters of
   * {@code s} together: read in place inside the module (TeaVM's checked loop over a copy costs
   * twice as much per character, and the copy a call out of Wasm); on the JVM (unit tests) a
   * plain loop. The callers pass the table: a method reading {@link #CLASSES} itself opens with
   * a class-initialisation check, which costs a shadow-stack frame per call.
   */
  private static long classify(String s, long[] classes) {
    int n = StringChars.length(s);
    long seen = 0;
    if (PlatformDetector.isWebAssembly()) {
      Address at = StringChars.of(s);
      Address table = Address.ofData(classes);
      for (int i = 0; i < n; i++) {
        char c = at.add(i << 1).getChar();
        seen |= c < 128 ? table.add(c << 3).getLong() : SEEN_NON_ASCII;
      }
      return seen;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      seen |= c < 128 ? classes[c] : SEEN_NON_ASCII;
    }
    return seen;
  }

  /**
   * A char buffer of at least {@code n} chars, reused by every copy: reading a String into an
   * array once ({@code getChars}) and looping over the array costs TeaVM a fraction of
   * {@code charAt} per character, and {@code toCharArray} allocates each time.
   */
  static char[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new char[Math.max(n, 2 * scratch.length)];
    }
    return scratch;
  }

  /** {@link #NUL} and {@link #NON_ASCII}, as they apply. */
  public int flags() {
    if (!scanned) {
      scan(null, CLASSES);
    }
    return scannedFlags();
  }

  /** True when the value as parsed contains a NUL character. */
  public boolean containsNul() {
    if (!scanned) {
      scan(null, CLASSES);
    }
    return hasNul;
  }

  /** True when the value as parsed contains a character above U+007F. */
  public boolean containsNonAscii() {
    if (!scanned) {
      scan(null, CLASSES);
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
      scan(null, CLASSES);
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
      scan(null, CLASSES);
    }
    if (needsDecoding) {
      signature |= (int) classify(decoded(), CLASSES);
    }
    decodedSigned = true;
    return signature;
  }

  /** {@link #decoded()} in ASCII lowercase. */
  public String lower() {
    String l = lower;
    return l != null ? l : lowercase();
  }

  private String lowercase() {
    String l = asciiLowercase(decoded());
    lower = l;
    if (sieve != null && !needsDecoding) {
      sieve.remember(l, keywordSets);
    }
    return l;
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
    StringChars.getChars(s, chars, 0);
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (chars[i] != '\0') {
        chars[kept++] = chars[i];
      }
    }
    return StringChars.copyOf(chars, 0, kept);
  }

  /** Lowercases ASCII letters only: cheap, and locale-independent like the CRS transform. */
  public static String asciiLowercase(String s) {
    int n = StringChars.length(s);
    char[] chars = scratch(n);
    boolean changed = false;
    if (PlatformDetector.isWebAssembly()) {
      // Read in place (after scratch(n), which may allocate and so move s), as in classify.
      Address from = StringChars.of(s);
      Address to = Address.ofData(chars);
      for (int i = 0; i < n; i++) {
        char c = from.add(i << 1).getChar();
        if (c >= 'A' && c <= 'Z') {
          c += 32;
          changed = true;
        }
        to.add(i << 1).putChar(c);
      }
    } else {
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          c += 32;
          changed = true;
        }
        chars[i] = c;
      }
    }
    return changed ? StringChars.copyOf(chars, 0, n) : s;
  }
}
