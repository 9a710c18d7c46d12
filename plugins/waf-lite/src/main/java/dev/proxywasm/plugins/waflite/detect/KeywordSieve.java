package dev.proxywasm.plugins.waflite.detect;

import dev.proxywasm.abi.internal.StringChars;
import java.util.Arrays;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Tells which of up to 64 {@link KeywordSet}s may have a keyword somewhere in a text, in one
 * pass for all of them: one Aho-Corasick automaton over the first {@link #PREFIX} characters of
 * every keyword, flattened into a DFA whose nodes carry the sets ending there. A set reported
 * absent has no occurrence at all; one reported present may still have none (only a prefix
 * occurs, or the occurrence is not accepted where it stands). Prefixes keep the automaton small:
 * ~6,100 nodes for CRS's sets, not ~9,500 (longer prefixes let no fewer sets through on typical
 * traffic; six characters let more through, ~5k instructions more per typical request).
 * Until the next {@link #remember} call, {@link KeywordSet#find} on the same
 * text returns at once for the sets found absent.
 *
 * <p>{@link #scan} also serves a caller that wants its own summary of each character of the
 * same text (the engine's character signature): one walk then gives both.
 */
public final class KeywordSieve {
  private static final int PREFIX = 8;
  /**
   * Set in a transition to a node where some keyword ends: the walk reads {@link #ending} only
   * then, not at every character (nodes are numbered below it).
   */
  private static final int ENDS = 0x8000;
  /** Where {@link #classTable()} puts the sieve's class of a character: the top byte. */
  private static final int CLASS_SHIFT = 56;
  private final byte[] classOf = new byte[128];
  private final int classes;
  /**
   * Rows of {@link #delta} are {@code 1 << shift} wide, a power of two at least
   * {@link #classes}: a walk's next row is then a shift away, not a multiplication, on the
   * chain of dependent steps that bounds its speed.
   */
  private final int shift;
  private final char[] delta;
  /** Per node, bit {@code l} when a keyword of list {@code l} ends there or along its fail chain. */
  private final long[] ending;
  /** See {@link #classTable()}. */
  private final long[] classTable = new long[128];
  /** What the last {@link #scan} ORed together of its caller's table. */
  private long scanned;

  /**
   * @param sets the sets, set {@code l} giving bit {@code l}; at most 64. Each set is the
   *     sieve's from now on (a set has one sieve at a time for {@link KeywordSet#find}'s sake).
   */
  public KeywordSieve(KeywordSet... sets) {
    if (sets.length > 64) {
      throw new IllegalArgumentException("a sieve takes at most 64 keyword sets, not " + sets.length);
    }
    String[][] lists = new String[sets.length][];
    for (int l = 0; l < sets.length; l++) {
      lists[l] = sets[l].keywords();
      sets[l].sieve = this;
      sets[l].sieveBit = 1L << l;
    }
    int classCount = 1;
    int capacity = 1;
    for (String[] list : lists) {
      for (String k : list) {
        int n = Math.min(k.length(), PREFIX);
        capacity += n;
        for (int i = 0; i < n; i++) {
          char c = k.charAt(i);
          if (classOf[c] == 0) {
            classOf[c] = (byte) classCount++;
          }
        }
      }
    }
    classes = classCount;
    shift = 32 - Integer.numberOfLeadingZeros(classCount - 1);
    // The trie is built in the transition table itself (0: no child yet), then completed.
    char[] table = new char[capacity << shift];
    long[] ends = new long[capacity];
    int nodes = 1;
    for (int l = 0; l < lists.length; l++) {
      for (String k : lists[l]) {
        int node = 0;
        for (int i = 0; i < Math.min(k.length(), PREFIX); i++) {
          int slot = (node << shift) + classOf[k.charAt(i)];
          if (table[slot] == 0) {
            table[slot] = (char) nodes++;
          }
          node = table[slot];
        }
        ends[node] |= 1L << l;
      }
    }
    if (nodes > ENDS) {
      throw new IllegalArgumentException("too many keyword characters for one sieve: " + nodes);
    }
    delta = Arrays.copyOf(table, nodes << shift);
    ending = new long[nodes];
    flatten(ends, nodes);
    for (int i = 0; i < delta.length; i++) {
      if (ending[delta[i]] != 0) {
        delta[i] |= ENDS;
      }
    }
    for (char c = 0; c < 128; c++) {
      classTable[c] = (long) classOf[c >= 'A' && c <= 'Z' ? c + 32 : c] << CLASS_SHIFT;
    }
  }

  /**
   * Breadth first, so a node's failure node is complete before it: a node's missing transitions
   * and its endings come from its failure node's. A node's own transitions are still the trie's
   * when it is reached (only its own turn rewrites them).
   */
  private void flatten(long[] ends, int nodes) {
    int[] fail = new int[nodes];
    int[] queue = new int[nodes];
    int head = 0;
    int tail = 0;
    for (int c = 1; c < classes; c++) {
      if (delta[c] != 0) {
        queue[tail++] = delta[c];
      }
    }
    while (head < tail) {
      int node = queue[head++];
      int f = fail[node];
      ending[node] = ends[node] | ending[f];
      for (int c = 1; c < classes; c++) {
        int child = delta[(node << shift) + c];
        if (child != 0) {
          fail[child] = delta[(f << shift) + c];
          queue[tail++] = child;
        } else {
          delta[(node << shift) + c] = delta[(f << shift) + c];
        }
      }
    }
  }

  /**
   * A fresh copy of the sieve's table of ASCII characters, {@link #scan}'s: each entry holds
   * the sieve's class of the character (as lowercase) in its top byte. A caller wanting its own
   * summary of scanned text ORs its bits per character into the other 56 (only those: a class
   * byte not the sieve's would misdirect the walk).
   */
  public long[] classTable() {
    return classTable.clone();
  }

  /**
   * The sets that may have a keyword in {@code text} lowercased (ASCII letters only), read in
   * place inside the module; meanwhile ORs together {@code classes[c]} (a {@link #classTable()}
   * table) of each ASCII character {@code c} and {@code nonAscii} for any other, for
   * {@link #scanned()}. The answer is given to {@link KeywordSet#find} by
   * {@link #remember}.
   */
  public long scan(String text, long[] classes, long nonAscii) {
    if (classes.length != 128 || (nonAscii >>> CLASS_SHIFT) != 0) {
      throw new IllegalArgumentException("not a class table, or nonAscii has a class");
    }
    int n = StringChars.length(text);
    long seen = 0;
    long found = 0;
    int node = 0;
    int from = 0;
    // A walk is a chain of dependent loads, bounded by their latency, not by the work per step:
    // a long text is walked as two halves at once, the second starting PREFIX - 1 characters
    // before the middle (an occurrence, at most PREFIX long, lies wholly in one half), and the
    // second's last characters alone.
    int half = n >= 2 * PREFIX ? n >>> 1 : 0;
    int second = half - (PREFIX - 1);
    int other = 0;
    if (PlatformDetector.isWebAssembly()) {
      // Nodes and classes stay within the tables by construction, and i within the text.
      Address at = StringChars.of(text);
      Address table = Address.ofData(classes);
      Address delta = Address.ofData(this.delta);
      Address ending = Address.ofData(this.ending);
      int rowShift = shift + 1;
      for (int i = 0; i < half; i++) {
        char c = at.add(i << 1).getChar();
        char d = at.add((second + i) << 1).getChar();
        long bits = c < 128 ? table.add(c << 3).getLong() : nonAscii;
        long otherBits = d < 128 ? table.add(d << 3).getLong() : nonAscii;
        seen |= bits | otherBits;
        node = delta.add((node << rowShift) + ((int) (bits >>> CLASS_SHIFT) << 1)).getChar();
        other = delta.add((other << rowShift) + ((int) (otherBits >>> CLASS_SHIFT) << 1)).getChar();
        if ((node | other) >= ENDS) {
          if (node >= ENDS) {
            node -= ENDS;
            found |= ending.add(node << 3).getLong();
          }
          if (other >= ENDS) {
            other -= ENDS;
            found |= ending.add(other << 3).getLong();
          }
        }
      }
      if (half > 0) {
        node = other;
        from = second + half;
      }
      for (int i = from; i < n; i++) {
        char c = at.add(i << 1).getChar();
        long bits = c < 128 ? table.add(c << 3).getLong() : nonAscii;
        seen |= bits;
        node = delta.add((node << rowShift) + ((int) (bits >>> CLASS_SHIFT) << 1)).getChar();
        if (node >= ENDS) {
          node -= ENDS;
          found |= ending.add(node << 3).getLong();
        }
      }
    } else {
      for (int i = 0; i < half; i++) {
        char c = text.charAt(i);
        char d = text.charAt(second + i);
        long bits = c < 128 ? classes[c] : nonAscii;
        long otherBits = d < 128 ? classes[d] : nonAscii;
        seen |= bits | otherBits;
        node = delta[(node << shift) + (int) (bits >>> CLASS_SHIFT)];
        other = delta[(other << shift) + (int) (otherBits >>> CLASS_SHIFT)];
        if (node >= ENDS) {
          node -= ENDS;
          found |= ending[node];
        }
        if (other >= ENDS) {
          other -= ENDS;
          found |= ending[other];
        }
      }
      if (half > 0) {
        node = other;
        from = second + half;
      }
      for (int i = from; i < n; i++) {
        char c = text.charAt(i);
        long bits = c < 128 ? classes[c] : nonAscii;
        seen |= bits;
        node = delta[(node << shift) + (int) (bits >>> CLASS_SHIFT)];
        if (node >= ENDS) {
          node -= ENDS;
          found |= ending[node];
        }
      }
    }
    scanned = seen;
    return found;
  }

  /** The caller's bits ORed together by the last {@link #scan}, its class byte included. */
  public long scanned() {
    return scanned;
  }

  /**
   * Tells {@link KeywordSet#find} that {@code text} has only the {@code sets} a {@link #scan}
   * found in it (in its lowercase form, which {@code text} is), until the next call.
   */
  public void remember(String text, long sets) {
    KeywordSet.sieved(text, this, sets);
  }
}
