package dev.proxywasm.plugins.waflite.detect;

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
 * Until the next {@link #present} call, {@link KeywordSet#find} on the same text returns at once
 * for the sets found absent.
 */
public final class KeywordSieve {
  private static final int PREFIX = 8;
  private final byte[] classOf = new byte[128];
  private final int classes;
  private final char[] delta;
  /** Per node, bit {@code l} when a keyword of list {@code l} ends there or along its fail chain. */
  private final long[] ending;

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
    // The trie is built in the transition table itself (0: no child yet), then completed.
    char[] table = new char[capacity * classes];
    long[] ends = new long[capacity];
    int nodes = 1;
    for (int l = 0; l < lists.length; l++) {
      for (String k : lists[l]) {
        int node = 0;
        for (int i = 0; i < Math.min(k.length(), PREFIX); i++) {
          int slot = node * classes + classOf[k.charAt(i)];
          if (table[slot] == 0) {
            table[slot] = (char) nodes++;
          }
          node = table[slot];
        }
        ends[node] |= 1L << l;
      }
    }
    if (nodes > Character.MAX_VALUE) {
      throw new IllegalArgumentException("too many keyword characters for one sieve: " + nodes);
    }
    delta = Arrays.copyOf(table, nodes * classes);
    ending = new long[nodes];
    flatten(ends, nodes);
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
        int child = delta[node * classes + c];
        if (child != 0) {
          fail[child] = delta[f * classes + c];
          queue[tail++] = child;
        } else {
          delta[node * classes + c] = delta[f * classes + c];
        }
      }
    }
  }

  /**
   * The sets (as bits, in the constructor's order) that may have a keyword in {@code text},
   * whose characters the caller holds in {@code chars[0, n)} (the engine's scan has just read
   * them there, so the sieve needs no copy of its own).
   */
  public long present(String text, char[] chars, int n) {
    if (n > chars.length) {
      throw new IllegalArgumentException("chars do not hold the text");
    }
    long sets = PlatformDetector.isWebAssembly() ? presentInMemory(chars, n) : present(chars, n);
    KeywordSet.sieved(text, this, sets);
    return sets;
  }

  private long present(char[] text, int n) {
    long found = 0;
    int node = 0;
    for (int i = 0; i < n; i++) {
      char c = text[i];
      node = delta[node * classes + (c < 128 ? classOf[c] : 0)];
      found |= ending[node];
    }
    return found;
  }

  /**
   * {@link #present(char[], int)} reading memory directly inside the module: nodes and classes
   * stay within the tables by construction and {@code n} within {@code text}, so TeaVM's
   * per-access checks are not needed.
   */
  private long presentInMemory(char[] text, int n) {
    Address at = Address.ofData(text);
    Address delta = Address.ofData(this.delta);
    Address classOf = Address.ofData(this.classOf);
    Address ending = Address.ofData(this.ending);
    int classes = this.classes;
    long found = 0;
    int node = 0;
    for (int i = 0; i < n; i++) {
      char c = at.add(i << 1).getChar();
      int cls = c < 128 ? classOf.add(c).getByte() : 0;
      node = delta.add((node * classes + cls) << 1).getChar();
      found |= ending.add(node << 3).getLong();
    }
    return found;
  }
}
