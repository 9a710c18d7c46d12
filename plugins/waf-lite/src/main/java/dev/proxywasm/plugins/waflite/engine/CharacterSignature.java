package dev.proxywasm.plugins.waflite.engine;

/**
 * A 32-bit summary of which syntax characters a value contains, computed once per value, so
 * a rule can skip values that lack every character its attacks need.
 */
public final class CharacterSignature {
  private static final String TRACKED = "<>()'\";|&`${}[]=/\\.:%#*!~@-_,?";
  /** Bit for any whitespace. */
  public static final int SPACE = 1 << 30;
  /** Bit for CR or LF. */
  public static final int LINE_BREAK = 1 << 31;
  /** The bit of each ASCII character (0 when untracked). */
  static final int[] BITS = new int[128];

  static {
    for (int i = 0; i < TRACKED.length(); i++) {
      BITS[TRACKED.charAt(i)] = 1 << i;
    }
    BITS[' '] = SPACE;
    BITS['\t'] = SPACE;
    BITS[0x0b] = SPACE;
    BITS[0x0c] = SPACE;
    BITS['\n'] = SPACE | LINE_BREAK;
    BITS['\r'] = SPACE | LINE_BREAK;
  }

  private CharacterSignature() {}

  /**
   * The bits of the characters in {@code s}, for a rule needing any of them: ' ' stands for any
   * whitespace, '\n' for a CR or LF (not for whitespace in general, though a value holding one
   * has the whitespace bit too).
   */
  public static int of(String s) {
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        bits |= c == '\n' || c == '\r' ? LINE_BREAK : BITS[c];
      }
    }
    return bits;
  }
}
