package dev.proxywasm.plugins.waflite.transform;

import dev.proxywasm.abi.internal.StringChars;

/**
 * CRS {@code t:normalisePathWin}: backslashes become slashes, repeated slashes and {@code ./}
 * segments collapse, so {@code /etc//./passwd} and {@code \etc\passwd} both read
 * {@code /etc/passwd}. {@code ..} segments are kept: traversal is what rules look for.
 */
public final class PathNormaliser {
  private PathNormaliser() {}

  /** Normalises {@code s}; returns {@code s} itself when it is already normal. */
  public static String normalise(String s) {
    // Arrays rather than charAt and a StringBuilder: a fraction of the cost per character in TeaVM.
    int n = s.length();
    char[] in = new char[n];
    StringChars.getChars(s, in, 0);
    char[] out = new char[n];
    int len = 0;
    boolean changed = false;
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (c == '\\') {
        c = '/';
        changed = true;
      }
      if (c == '/' && len > 0 && out[len - 1] == '/') {
        continue;
      }
      if (c == '/' && len > 0 && out[len - 1] == '.' && (len == 1 || out[len - 2] == '/')) {
        len--;
        if (len > 0) {
          continue;
        }
      }
      out[len++] = c;
    }
    return !changed && len == n ? s : StringChars.copyOf(out, 0, len);
  }
}
