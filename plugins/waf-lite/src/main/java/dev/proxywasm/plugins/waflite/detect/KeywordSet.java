package dev.proxywasm.plugins.waflite.detect;

/**
 * Aho-Corasick automaton over lowercase keywords: finds every occurrence of any keyword in one
 * pass over the text, whatever the number of keywords (CRS's {@code @pm}/{@code @pmFromFile}).
 * Each occurrence is offered to a {@link Acceptor} that can check what surrounds it (word
 * boundaries, a following parenthesis) before it counts.
 */
public final class KeywordSet {
  /** Decides whether an occurrence of keyword {@code k} at {@code [start, end)} counts. */
  @FunctionalInterface
  public interface Acceptor {
    /** True to accept the occurrence. */
    boolean accept(String text, int start, int end);
  }

  /** Accepts every occurrence. */
  public static final Acceptor ANYWHERE = (t, s, e) -> true;

  private final String[] keywords;
  // Trie as parallel arrays: edges are kept in per-node sorted-by-insertion linked lists,
  // which is compact and fast enough for alphabets of a few dozen characters.
  private char[] edgeChar;
  private int[] edgeTarget;
  private int[] edgeNext;
  private int[] firstEdge;
  private int[] fail;
  private int[] output;     // keyword index ending at this node, or -1
  private int[] outputLink; // next node on the fail chain with an output, or -1
  private int nodes;
  private int edges;

  private KeywordSet(String[] keywords) {
    this.keywords = keywords;
    int capacity = 1;
    for (String k : keywords) {
      capacity += k.length();
    }
    edgeChar = new char[capacity];
    edgeTarget = new int[capacity];
    edgeNext = new int[capacity];
    firstEdge = new int[capacity];
    fail = new int[capacity];
    output = new int[capacity];
    outputLink = new int[capacity];
    nodes = 1;
    firstEdge[0] = -1;
    output[0] = -1;
    for (int i = 0; i < keywords.length; i++) {
      insert(keywords[i], i);
    }
    buildFailureLinks();
  }

  /** Builds a set; keywords must be lowercase (the text is matched as given). */
  public static KeywordSet of(String... keywords) {
    return new KeywordSet(keywords);
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

  private void insert(String word, int index) {
    int node = 0;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      int next = child(node, c);
      if (next < 0) {
        next = nodes++;
        firstEdge[next] = -1;
        output[next] = -1;
        edgeChar[edges] = c;
        edgeTarget[edges] = next;
        edgeNext[edges] = firstEdge[node];
        firstEdge[node] = edges++;
      }
      node = next;
    }
    if (output[node] < 0) {
      output[node] = index;
    }
  }

  private int child(int node, char c) {
    for (int e = firstEdge[node]; e >= 0; e = edgeNext[e]) {
      if (edgeChar[e] == c) {
        return edgeTarget[e];
      }
    }
    return -1;
  }

  private void buildFailureLinks() {
    int[] queue = new int[nodes];
    int head = 0;
    int tail = 0;
    outputLink[0] = -1;
    for (int e = firstEdge[0]; e >= 0; e = edgeNext[e]) {
      fail[edgeTarget[e]] = 0;
      outputLink[edgeTarget[e]] = -1;
      queue[tail++] = edgeTarget[e];
    }
    while (head < tail) {
      int node = queue[head++];
      for (int e = firstEdge[node]; e >= 0; e = edgeNext[e]) {
        int target = edgeTarget[e];
        char c = edgeChar[e];
        int f = fail[node];
        int next;
        while ((next = child(f, c)) < 0 && f != 0) {
          f = fail[f];
        }
        fail[target] = next >= 0 && next != target ? next : 0;
        int ft = fail[target];
        outputLink[target] = output[ft] >= 0 ? ft : outputLink[ft];
        queue[tail++] = target;
      }
    }
  }

  /**
   * Finds the first accepted occurrence (by end position) of any keyword in {@code text}.
   *
   * @return the matched keyword, or null
   */
  public String find(String text, Acceptor acceptor) {
    int node = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int next;
      while ((next = child(node, c)) < 0 && node != 0) {
        node = fail[node];
      }
      node = next < 0 ? 0 : next;
      for (int o = output[node] >= 0 ? node : outputLink[node]; o >= 0; o = outputLink[o]) {
        String keyword = keywords[output[o]];
        if (acceptor.accept(text, i + 1 - keyword.length(), i + 1)) {
          return keyword;
        }
      }
    }
    return null;
  }

  /** True when some keyword occurs anywhere in {@code text}. */
  public boolean containsAny(String text) {
    return find(text, ANYWHERE) != null;
  }

  /** True when {@code word} is exactly one of the keywords. */
  public boolean contains(String word) {
    int node = 0;
    for (int i = 0; i < word.length() && node >= 0; i++) {
      node = child(node, word.charAt(i));
    }
    return node >= 0 && output[node] >= 0;
  }
}
