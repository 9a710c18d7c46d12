package dev.proxywasm.plugins.waflite.transform;

/**
 * CRS {@code t:normalisePathWin}: backslashes become slashes, repeated slashes and {@code ./}
 * segments collapse, so {@code /etc//./passwd} and {@code \etc\passwd} both read
 * {@code /etc/passwd}. {@code ..} segments are kept: traversal is what rules look for.
 */
public final class PathNormaliser {
  private PathNormaliser() {}

  /** Normalises {@code s}. */
  public static String normalise(String s) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i) == '\\' ? '/' : s.charAt(i);
      int len = out.length();
      if (c == '/' && len > 0 && out.charAt(len - 1) == '/') {
        continue;
      }
      if (c == '/' && len > 0 && out.charAt(len - 1) == '.'
          && (len == 1 || out.charAt(len - 2) == '/')) {
        out.setLength(len - 1);
        if (out.length() > 0) {
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
