package dev.proxywasm.plugins.waflite.detect;

import dev.proxywasm.abi.internal.StringChars;
import java.util.ArrayList;
import java.util.List;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Aho-Corasick automaton over lowercase keywords: finds every occurrence of any keyword in one
 * pass over the text, whatever the number of keywords (CRS's {@code @pm}/{@code @pmFromFile}).
 * Each occurrence is offered to a {@link Acceptor} that can check what surrounds it (word
 * boundaries, a following parenthesis) before it counts.
 */
public final class KeywordSet {
  /**
   * Decides whether an occurrence of keyword {@code k} at {@code [start, end)} counts. It must
   * not search another text with {@link CharClass}: the search calling it reads
   * {@link CharClass}'s copy of the text meanwhile.
   */
  @FunctionalInterface
  public interface Acceptor {
    /** True to accept the occurrence. */
    boolean accept(String text, int start, int end);
  }

  // Acceptors are constants: TeaVM allocates a method reference or lambda object each time
  // the expression runs, which for a per-value search costs more than the search.

  /** Accepts every occurrence. */
  public static final Acceptor ANYWHERE = (t, s, e) -> true;
  /** Accepts an occurrence that is a whole word ({@link CharClass#wholeWord}). */
  public static final Acceptor WHOLE_WORD = CharClass::wholeWord;
  /** Accepts an occurrence not preceded by a word character ({@link CharClass#wordStart}). */
  public static final Acceptor WORD_START = CharClass::wordStart;

  private final String[] keywords;
  // Built as a trie with failure links, then flattened into a DFA over the keywords' own
  // alphabet: one table lookup per input character. Characters that occur in no keyword share
  // class 0, which always leads back to the root.
  private final byte[] classOf = new byte[128];
  private int classes = 1;
  private char[] delta;
  private int[] output;     // keyword index ending at this node, or -1
  private int[] outputLink; // next node on the fail chain with an output, or -1
  private byte[] reports;   // 1 where a keyword ends at the node or along its fail chain
  private char[] depth;     // length of the trie path to each node
  // Every set built, in order, for sieves that take more sets than they need to select rules.
  private static final List<KeywordSet> ALL = new ArrayList<>();
  // The sieve that last took this set (see KeywordSieve), and its bit there. The sieve's last
  // text and the sets it found there let find return at once for a set absent from it.
  KeywordSieve sieve;
  long sieveBit;
  private static String sieved;
  private static KeywordSieve sievedBy;
  private static long sievedSets;
  private static boolean scanning;

  private KeywordSet(String[] keywords) {
    this.keywords = keywords;
    ALL.add(this);
    for (String k : keywords) {
      for (int i = 0; i < k.length(); i++) {
        char c = k.charAt(i);
        if (c >= 128) {
          throw new IllegalArgumentException("keywords must be ASCII: " + k);
        }
        if (classOf[c] == 0) {
          classOf[c] = (byte) classes++;
        }
      }
    }
    int capacity = 1;
    for (String k : keywords) {
      capacity += k.length();
    }
    int[] trie = new int[capacity * classes];
    output = new int[capacity];
    depth = new char[capacity];
    int nodes = 1;
    output[0] = -1;
    for (int w = 0; w < keywords.length; w++) {
      int node = 0;
      String word = keywords[w];
      for (int i = 0; i < word.length(); i++) {
        int slot = node * classes + classOf[word.charAt(i)];
        if (trie[slot] == 0) {
          output[nodes] = -1;
          depth[nodes] = (char) (i + 1);
          trie[slot] = nodes++;
        }
        node = trie[slot];
      }
      if (output[node] < 0) {
        output[node] = w;
      }
    }
    buildAutomaton(trie, nodes);
  }

  private void buildAutomaton(int[] trie, int nodes) {
    delta = new char[nodes * classes];
    int[] fail = new int[nodes];
    outputLink = new int[nodes];
    reports = new byte[nodes];
    int[] queue = new int[nodes];
    int head = 0;
    int tail = 0;
    outputLink[0] = -1;
    for (int c = 1; c < classes; c++) {
      int child = trie[c];
      if (child != 0) {
        fail[child] = 0;
        queue[tail++] = child;
      }
      delta[c] = (char) child;
    }
    while (head < tail) {
      int node = queue[head++];
      int f = fail[node];
      outputLink[node] = output[f] >= 0 ? f : outputLink[f];
      reports[node] = (byte) (output[node] >= 0 || outputLink[node] >= 0 ? 1 : 0);
      for (int c = 1; c < classes; c++) {
        int child = trie[node * classes + c];
        if (child != 0) {
          fail[child] = delta[f * classes + c];
          queue[tail++] = child;
          delta[node * classes + c] = (char) child;
        } else {
          delta[node * classes + c] = delta[f * classes + c];
        }
      }
    }
  }

  /** Builds a set; keywords must be lowercase (the text is matched as given). */
  public static KeywordSet of(String... keywords) {
    return new KeywordSet(keywords);
  }

  /**
   * {@link #parse}, matching the keywords' ASCII letters in either case: a text is searched as
   * if lowercased, without its lowercase copy.
   */
  public static KeywordSet parseIgnoringCase(String keywords) {
    KeywordSet set = parse(keywords);
    for (char c = 'a'; c <= 'z'; c++) {
      set.classOf[c - 32] = set.classOf[c];
    }
    return set;
  }

  /** Builds a set from one string of keywords separated by {@code |}. */
  public static KeywordSet parse(String keywords) {
    int count = 1;
    for (int i = 0; i < keywords.length(); i++) {
      if (keywords.charAt(i) == '|') {
        count++;
      }
    }
    String[] words = new String[count];
    int start = 0;
    for (int i = 0; i < count; i++) {
      int end = keywords.indexOf('|', start);
      if (end < 0) {
        end = keywords.length();
      }
      words[i] = keywords.substring(start, end);
      start = end + 1;
    }
    return new KeywordSet(words);
  }

  /**
   * Finds the first accepted occurrence (by end position) of any keyword in {@code text}.
   *
   * @return the matched keyword, or null
   */
  public String find(String text, Acceptor acceptor) {
    return search(text, -1, acceptor);
  }

  /**
   * {@link #find} for an acceptor that accepts only occurrences with {@code c} somewhere after
   * them (a function name, its parenthesis): the search ends at the last {@code c}, and finds
   * nothing in a text without one.
   */
  public String findBefore(String text, char c, Acceptor acceptor) {
    return search(text, c, acceptor);
  }

  /** {@link #find} up to the last {@code bound} character, or to the end for -1. */
  private String search(String text, int bound, Acceptor acceptor) {
    if (text == sieved && sieve == sievedBy && sieve != null && (sievedSets & sieveBit) == 0) {
      return null;
    }
    // The text is read from the package's shared copy (charAt per character costs TeaVM
    // several times an array read, and the other searches of the value share the copy); an
    // acceptor that searches again gets an array of its own.
    int n = text.length();
    boolean outer = !scanning;
    char[] chars;
    if (outer) {
      chars = CharClass.chars(text);
      scanning = true;
    } else {
      chars = new char[n];
      StringChars.getChars(text, chars, 0);
    }
    int end = n;
    if (bound >= 0) {
      do {
        end--;
      } while (end >= 0 && chars[end] != bound);
    }
    String found = end > 0 ? find(text, chars, end, acceptor) : null;
    if (outer) {
      scanning = false;
    }
    return found;
  }

  private String find(String text, char[] chars, int n, Acceptor acceptor) {
    int node = 0;
    for (int i = 0; i < n; i++) {
      long stop = PlatformDetector.isWebAssembly() ? runInMemory(chars, i, n, node) : run(chars, i, n, node);
      i = (int) (stop >>> 32);
      if (i == n) {
        return null;
      }
      node = (int) stop;
      for (int o = output[node] >= 0 ? node : outputLink[node]; o >= 0; o = outputLink[o]) {
        String keyword = keywords[output[o]];
        if (acceptor.accept(text, i + 1 - keyword.length(), i + 1)) {
          return keyword;
        }
      }
    }
    return null;
  }

  /**
   * Runs the automaton from {@code node} over {@code chars[from, n)} up to the first character
   * at which a keyword may end: returns that position in the high word and the node reached
   * in the low word, or {@code n} in the high word when there is none.
   */
  private long run(char[] chars, int from, int n, int node) {
    char[] delta = this.delta;
    byte[] classOf = this.classOf;
    byte[] reports = this.reports;
    int classes = this.classes;
    for (int i = from; i < n; i++) {
      char c = chars[i];
      node = delta[node * classes + (c < 128 ? classOf[c] : 0)];
      if (reports[node] != 0) {
        return (long) i << 32 | node;
      }
    }
    return (long) n << 32;
  }

  /**
   * {@link #run} reading memory directly inside the module: node and class indices stay
   * within the tables by construction, and the caller's {@code n} within {@code chars}, so
   * TeaVM's per-access checks (most of the cost of a checked loop) are not needed.
   */
  private long runInMemory(char[] chars, int from, int n, int node) {
    Address text = Address.ofData(chars);
    Address delta = Address.ofData(this.delta);
    Address classOf = Address.ofData(this.classOf);
    Address reports = Address.ofData(this.reports);
    int classes = this.classes;
    for (int i = from; i < n; i++) {
      char c = text.add(i << 1).getChar();
      int cls = c < 128 ? classOf.add(c).getByte() : 0;
      node = delta.add((node * classes + cls) << 1).getChar();
      if (reports.add(node).getByte() != 0) {
        return (long) i << 32 | node;
      }
    }
    return (long) n << 32;
  }

  /** Every set built so far, in order. */
  public static List<KeywordSet> all() {
    return new ArrayList<>(ALL);
  }

  /** The keywords, for a {@link KeywordSieve}. */
  String[] keywords() {
    return keywords;
  }

  /** What {@code sieve} found in {@code text}: until the next call, find skips the sets absent. */
  static void sieved(String text, KeywordSieve sieve, long sets) {
    sieved = text;
    sievedBy = sieve;
    sievedSets = sets;
  }

  /** True when some keyword occurs anywhere in {@code text}. */
  public boolean containsAny(String text) {
    return find(text, ANYWHERE) != null;
  }

  /** True when {@code word} is exactly one of the keywords. */
  public boolean contains(String word) {
    return isKeyword(word, false);
  }

  /**
   * True when {@code word}, ASCII letters lowercased, is exactly one of the keywords: spares a
   * lowercase copy of words that are usually lowercase already (HTTP/2 header names).
   */
  public boolean containsIgnoringCase(String word) {
    return isKeyword(word, true);
  }

  private boolean isKeyword(String word, boolean foldCase) {
    // Walk the DFA along trie edges only: an edge that does not go one level deeper is a
    // failure link, so no keyword starts with the text read so far. Most words stop there.
    int node = 0;
    int n = word.length();
    for (int i = 0; i < n; i++) {
      char c = word.charAt(i);
      if (foldCase && c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c >= 128 || classOf[c] == 0) {
        return false;
      }
      node = delta[node * classes + classOf[c]];
      if (depth[node] != i + 1) {
        return false;
      }
    }
    return node != 0 && output[node] >= 0;
  }

  /**
   * Which prefixes of {@code chars[from, to)} are keywords, in one walk: bit {@code d - 1} is set
   * when {@code chars[from, from + d)} is one ({@code d} up to 64; longer keywords are not
   * reported). The walk stops where no keyword starts with the characters read, at once for
   * most words.
   */
  public long prefixes(char[] chars, int from, int to) {
    if (from < 0 || to > chars.length) {
      throw new IndexOutOfBoundsException();
    }
    if (PlatformDetector.isWebAssembly()) {
      return prefixesInMemory(chars, from, to);
    }
    long found = 0;
    int node = 0;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      if (c >= 128 || classOf[c] == 0) {
        break;
      }
      node = delta[node * classes + classOf[c]];
      if (depth[node] != i - from + 1) {
        break;
      }
      if (output[node] >= 0 && i - from < 64) {
        found |= 1L << (i - from);
      }
    }
    return found;
  }

  /**
   * {@link #prefixes} reading memory directly inside the module (the range is checked by the
   * caller, nodes and classes stay within the tables by construction): a word's walk is a
   * handful of steps, and TeaVM's checks on its six table reads per step cost most of it.
   */
  private long prefixesInMemory(char[] chars, int from, int to) {
    Address text = Address.ofData(chars);
    Address delta = Address.ofData(this.delta);
    Address classOf = Address.ofData(this.classOf);
    Address depth = Address.ofData(this.depth);
    Address output = Address.ofData(this.output);
    int classes = this.classes;
    long found = 0;
    int node = 0;
    for (int i = from; i < to; i++) {
      char c = text.add(i << 1).getChar();
      int cls = c < 128 ? classOf.add(c).getByte() : 0;
      if (cls == 0) {
        break;
      }
      node = delta.add((node * classes + cls) << 1).getChar();
      if (depth.add(node << 1).getChar() != i - from + 1) {
        break;
      }
      if (output.add(node << 2).getInt() >= 0 && i - from < 64) {
        found |= 1L << (i - from);
      }
    }
    return found;
  }

  /**
   * How many characters of {@code chars[from, to)}, from the first, some keyword starts with:
   * the walk of {@link #prefixes}, for a caller that wants to know where it stops.
   */
  public int startLength(char[] chars, int from, int to) {
    if (from < 0 || to > chars.length) {
      throw new IndexOutOfBoundsException();
    }
    int node = 0;
    int i = from;
    if (PlatformDetector.isWebAssembly()) {
      // Direct memory reads, as in prefixesInMemory.
      Address text = Address.ofData(chars);
      Address delta = Address.ofData(this.delta);
      Address classOf = Address.ofData(this.classOf);
      Address depth = Address.ofData(this.depth);
      for (; i < to; i++) {
        char c = text.add(i << 1).getChar();
        int cls = c < 128 ? classOf.add(c).getByte() : 0;
        if (cls == 0) {
          break;
        }
        node = delta.add((node * classes + cls) << 1).getChar();
        if (depth.add(node << 1).getChar() != i - from + 1) {
          break;
        }
      }
      return i - from;
    }
    for (; i < to; i++) {
      char c = chars[i];
      if (c >= 128 || classOf[c] == 0) {
        break;
      }
      node = delta[node * classes + classOf[c]];
      if (depth[node] != i - from + 1) {
        break;
      }
    }
    return i - from;
  }

  /**
   * True when {@code chars[from, to)} is exactly one of the keywords (of up to 64 characters:
   * {@link #prefixes}, whose walk it shares).
   */
  public boolean contains(char[] chars, int from, int to) {
    int length = to - from;
    return length > 0 && length <= 64 && (prefixes(chars, from, to) >>> (length - 1) & 1) != 0;
  }
}
