package dev.proxywasm.plugins.waflite.transform;

/**
 * CRS {@code t:cmdLine}: undoes the quoting tricks shells accept ({@code c"a"t}, {@code c\at},
 * {@code c^a^t}), turns {@code ,} and {@code ;} into spaces, drops spaces before {@code /} and
 * {@code (}, compresses whitespace and lowercases, so {@code C^M^D /c} reads {@code cmd/c}.
 */
public final class CommandLineNormaliser {
  private CommandLineNormaliser() {}

  /** Normalises {@code s} (which may already be lowercase). */
  public static String normalise(String s) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"' || c == '\'' || c == '^') {
        continue;
      }
      if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b
          || c == 0x0c) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        if (c != '/' && c != '(' && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
      }
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }
}
