package dev.proxywasm.plugins.waflite.detect;

/**
 * Finds shell commands in a value the way an injected command would appear: after a command
 * separator ({@code ; | & `}, {@code $(}, a newline, {@code <<<}), or at the very start of the
 * value when what follows looks like a command line (an option, a path, a redirection, another
 * command). Quoting tricks inside the command name ({@code c'a't}, {@code c\at}) are undone,
 * and a path prefix ({@code /usr/bin/}) is skipped. Prose that merely contains a command word
 * ("bash away in the gym", "time he came") has none of these and is not reported.
 */
public final class ShellCommandDetector {
  private final KeywordSet commands;
  private final KeywordSet plainWords;
  private final boolean windows;

  /**
   * @param commands   command names (lowercase)
   * @param plainWords commands that are also everyday words: never reported alone at the start
   * @param windows    accept {@code .exe} suffixes and {@code /x} switches as arguments
   */
  public ShellCommandDetector(KeywordSet commands, KeywordSet plainWords, boolean windows) {
    this.commands = commands;
    this.plainWords = plainWords;
    this.windows = windows;
  }

  /** The first command found in {@code s} (lowercase text), or null. */
  public String find(String s) {
    String found = commandAt(s, 0, false);
    if (found != null) {
      return found;
    }
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean separator = c == ';' || c == '|' || c == '&' || c == '`' || c == '\n' || c == '\r'
          || (c == '(' && i > 0 && (s.charAt(i - 1) == '$' || s.charAt(i - 1) == '<'
              || s.charAt(i - 1) == '>'))
          || (c == '<' && i + 1 < n && s.charAt(i + 1) != '<' && i > 1 && s.charAt(i - 1) == '<');
      if (separator) {
        // A line break separates commands in a shell, but also lines of any text: after one,
        // the command must be followed by arguments, as at the start of a value.
        found = commandAt(s, i + 1, c != '\n' && c != '\r');
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private String commandAt(String s, int from, boolean afterSeparator) {
    int n = s.length();
    int i = from;
    boolean evasion = false;
    while (i < n) {
      char c = s.charAt(i);
      if (CharClass.isSpace(c) || c == '(' || c == '{' || c == '!' || c == '@' || c == '"'
          || c == '\'') {
        i++;
      } else if (c == '\\' || c == '^') {
        evasion = true;
        i++;
      } else {
        break;
      }
    }
    boolean binPath = false;
    int wordStart = i;
    // A path prefix: remember whether it names a bin directory, then read the last segment.
    if (i < n && (s.charAt(i) == '/' || s.charAt(i) == '~' || s.charAt(i) == '.'
        || s.startsWith("bin/", i) || s.startsWith("usr/", i))) {
      int j = i;
      int lastSlash = -1;
      while (j < n && (CharClass.isWord(s.charAt(j)) || s.charAt(j) == '/' || s.charAt(j) == '.'
          || s.charAt(j) == '-' || s.charAt(j) == '~')) {
        if (s.charAt(j) == '/') {
          lastSlash = j;
        }
        j++;
      }
      if (lastSlash < 0) {
        return null;
      }
      binPath = s.regionMatches(lastSlash - 3, "bin", 0, 3);
      wordStart = lastSlash + 1;
    }
    StringBuilder word = new StringBuilder();
    int j = wordStart;
    while (j < n) {
      char c = s.charAt(j);
      if (CharClass.isWord(c) || c == '-' || c == '.' || c == '+') {
        word.append(c);
        j++;
      } else if ((c == '\'' || c == '"' || c == '\\' || c == '^') && j + 1 < n
          && CharClass.isWord(s.charAt(j + 1)) && word.length() > 0) {
        evasion = true;
        j++;
      } else {
        break;
      }
    }
    if (word.length() == 0) {
      return null;
    }
    String name = known(word.toString());
    if (name == null) {
      return binPath && word.length() > 1 ? word.toString() : null;
    }
    if (name.endsWith("-") && !afterSeparator) {
      return null;
    }
    if (binPath || evasion || name.length() < word.length() && !name.endsWith("-")) {
      return name;
    }
    return looksLikeCommandLine(s, j, afterSeparator, name) ? name : null;
  }

  /** The command {@code word} names: itself, without a version suffix or {@code .exe}. */
  private String known(String word) {
    if (commands.contains(word)) {
      return word;
    }
    int end = word.length();
    if (windows && word.endsWith(".exe")) {
      end -= 4;
    } else {
      while (end > 0 && (CharClass.isDigit(word.charAt(end - 1)) || word.charAt(end - 1) == '.')) {
        end--;
      }
    }
    if (end < word.length() && end > 1 && commands.contains(word.substring(0, end))) {
      return word.substring(0, end);
    }
    int dash = word.indexOf('-');
    if (dash > 1 && commands.contains(word.substring(0, dash))) {
      return word.substring(0, dash) + "-";
    }
    return null;
  }

  private boolean looksLikeCommandLine(String s, int end, boolean afterSeparator, String name) {
    int n = s.length();
    boolean plain = plainWords.contains(name);
    if (name.endsWith("-")) {
      return true;
    }
    if (end >= n) {
      return afterSeparator && (!plain || name.length() > 3);
    }
    char next = s.charAt(end);
    if (next == ';' || next == '|' || next == '&' || next == '`' || next == '>' || next == '<'
        || next == ')' || next == '$') {
      return !plain || afterSeparator || next != ')';
    }
    if (!CharClass.isSpace(next) && !(windows && next == '/')) {
      return false;
    }
    int a = CharClass.skipSpaces(s, end);
    if (a >= n) {
      return afterSeparator && !plain;
    }
    char arg = s.charAt(a);
    if (arg == '-' || arg == '/' || arg == '~' || arg == '$' || arg == '|' || arg == '>'
        || arg == '<' || arg == '`' || arg == '\'' || arg == '"' || arg == '\\' || arg == '*'
        || (arg == '.' && a + 1 < n && (s.charAt(a + 1) == '/' || s.charAt(a + 1) == '.'))) {
      return !(plain && !afterSeparator && (arg == '\'' || arg == '"'));
    }
    if (windows && a + 2 < n && CharClass.isLetter(arg) && s.charAt(a + 1) == ':'
        && (s.charAt(a + 2) == '\\' || s.charAt(a + 2) == '/')) {
      return true;
    }
    int w = a;
    while (w < n && (CharClass.isWord(s.charAt(w)) || s.charAt(w) == '-')) {
      w++;
    }
    return w > a && commands.contains(s.substring(a, w)) && (w >= n || !CharClass.isLetter(s.charAt(w)))
        && !plainWords.contains(s.substring(a, w));
  }
}
