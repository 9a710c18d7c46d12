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
  private char[] word = new char[256];

  /**
   * @param commands   command names (lowercase, at most 64 characters, of letters, digits and
   *     {@code _ - . +} only, the characters a command word is read from)
   * @param plainWords commands that are also everyday words: never reported alone at the start
   * @param windows    accept {@code .exe} suffixes and {@code /x} switches as arguments
   */
  public ShellCommandDetector(KeywordSet commands, KeywordSet plainWords, boolean windows) {
    this.commands = commands;
    this.plainWords = plainWords;
    this.windows = windows;
  }

  /**
   * The first command found in {@code s} (lowercase text), or null. {@code separators} false
   * promises that {@code s} has none of {@code ; | & `}, CR, LF, {@code (} or {@code <}, so
   * only its start can hold a command and the scan for separators is skipped.
   */
  public String find(String s, boolean separators) {
    // Read from the package's shared copy of the value (both detectors and other searches run
    // on the same value, and each copy costs V8 a slow memory.copy): String.charAt costs TeaVM
    // a call per character, and the command word (quoting tricks removed) is assembled in place
    // of a StringBuilder and substrings.
    int n = s.length();
    if (word.length < n) {
      word = new char[n];
    }
    char[] b = CharClass.chars(s);
    String found = commandAt(b, n, 0, false);
    if (found != null || !separators) {
      return found;
    }
    for (int i = 0; i < n; i++) {
      char c = b[i];
      boolean separator = c == ';' || c == '|' || c == '&' || c == '`' || c == '\n' || c == '\r'
          || (c == '(' && i > 0 && (b[i - 1] == '$' || b[i - 1] == '<' || b[i - 1] == '>'))
          || (c == '<' && i + 1 < n && b[i + 1] != '<' && i > 1 && b[i - 1] == '<');
      if (separator) {
        // A line break separates commands in a shell, but also lines of any text: after one,
        // the command must be followed by arguments, as at the start of a value.
        found = commandAt(b, n, i + 1, c != '\n' && c != '\r');
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  // The character tests below are written out, not CharClass calls: TeaVM calls each one, and
  // these loops run on the first word of most values.

  private String commandAt(char[] s, int n, int from, boolean afterSeparator) {
    int i = from;
    boolean evasion = false;
    while (i < n) {
      char c = s[i];
      if (c == ' ' || c >= '\t' && c <= '\r' || c == '(' || c == '{' || c == '!' || c == '@' || c == '"'
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
    // The first letter before the prefix calls: most words start with neither 'b' nor 'u'.
    if (i < n && (s[i] == '/' || s[i] == '~' || s[i] == '.' || s[i] == 'b' && startsWith(s, n, i, "bin/")
        || s[i] == 'u' && startsWith(s, n, i, "usr/"))) {
      int j = i;
      int lastSlash = -1;
      while (j < n && (CharClass.isWord(s[j]) || s[j] == '/' || s[j] == '.' || s[j] == '-' || s[j] == '~')) {
        if (s[j] == '/') {
          lastSlash = j;
        }
        j++;
      }
      if (lastSlash < 0) {
        return null;
      }
      binPath = lastSlash >= 3 && startsWith(s, n, lastSlash - 3, "bin");
      wordStart = lastSlash + 1;
    }
    if (!binPath) {
      // Most values start with no command. Command names are made of the characters a word
      // is read from, so up to where the commands' walk along the text stops, the word is the
      // text; when no command ends on the way and the word cannot go on past that point
      // through quoting, no part of it names a command, and it need not be read.
      int stop = wordStart + commands.startLength(s, wordStart, n);
      if ((stop == n || !isQuoting(s[stop])) && commands.prefixes(s, wordStart, stop) == 0) {
        return null;
      }
    }
    char[] word = this.word;
    int length = 0;
    int j = wordStart;
    while (j < n) {
      char c = s[j];
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '+'
          || c >= 'A' && c <= 'Z') {
        word[length++] = c;
        j++;
      } else if (isQuoting(c) && j + 1 < n
          && CharClass.isWord(s[j + 1]) && length > 0) {
        evasion = true;
        j++;
      } else {
        break;
      }
    }
    if (length == 0) {
      return null;
    }
    String name = known(word, length);
    if (name == null) {
      return binPath && length > 1 ? new String(word, 0, length) : null;
    }
    if (name.endsWith("-") && !afterSeparator) {
      return null;
    }
    if (binPath || evasion || name.length() < length && !name.endsWith("-")) {
      return name;
    }
    return looksLikeCommandLine(s, n, j, afterSeparator, name) ? name : null;
  }

  /** The characters a shell drops inside a word ({@code c'a't}, {@code c\at}, {@code c^a^t}). */
  private static boolean isQuoting(char c) {
    return c == '\'' || c == '"' || c == '\\' || c == '^';
  }

  private static boolean startsWith(char[] s, int n, int at, String prefix) {
    if (at + prefix.length() > n) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (s[at + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** The command {@code word[0, length)} names: itself, without a version suffix or {@code .exe}. */
  private String known(char[] word, int length) {
    // Every candidate is a prefix of the word: one walk tells which are commands, and ends
    // after a letter or two for most words.
    long prefixes = commands.prefixes(word, 0, length);
    if (prefixes == 0) {
      return null;
    }
    if (isCommand(prefixes, length)) {
      return new String(word, 0, length);
    }
    int end = length;
    if (windows && length >= 4 && startsWith(word, length, length - 4, ".exe")) {
      end -= 4;
    } else {
      while (end > 0 && (CharClass.isDigit(word[end - 1]) || word[end - 1] == '.')) {
        end--;
      }
    }
    if (end < length && end > 1 && isCommand(prefixes, end)) {
      return new String(word, 0, end);
    }
    int dash = 0;
    while (dash < length && word[dash] != '-') {
      dash++;
    }
    if (dash < length && dash > 1 && isCommand(prefixes, dash)) {
      return new String(word, 0, dash) + "-";
    }
    return null;
  }

  /** Whether a word's first {@code length} characters are a command, given its {@link KeywordSet#prefixes}. */
  private static boolean isCommand(long prefixes, int length) {
    return length <= 64 && (prefixes >>> (length - 1) & 1) != 0;
  }

  private boolean looksLikeCommandLine(char[] s, int n, int end, boolean afterSeparator, String name) {
    boolean plain = plainWords.contains(name);
    if (name.endsWith("-")) {
      return true;
    }
    if (end >= n) {
      return afterSeparator && (!plain || name.length() > 3);
    }
    char next = s[end];
    if (next == ';' || next == '|' || next == '&' || next == '`' || next == '>' || next == '<'
        || next == ')' || next == '$') {
      return !plain || afterSeparator || next != ')';
    }
    if (!CharClass.isSpace(next) && !(windows && next == '/')) {
      return false;
    }
    int a = end;
    while (a < n && CharClass.isSpace(s[a])) {
      a++;
    }
    if (a >= n) {
      return afterSeparator && !plain;
    }
    char arg = s[a];
    if (arg == '-' || arg == '/' || arg == '~' || arg == '$' || arg == '|' || arg == '>'
        || arg == '<' || arg == '`' || arg == '\'' || arg == '"' || arg == '\\' || arg == '*'
        || (arg == '.' && a + 1 < n && (s[a + 1] == '/' || s[a + 1] == '.'))) {
      return !(plain && !afterSeparator && (arg == '\'' || arg == '"'));
    }
    if (windows && a + 2 < n && CharClass.isLetter(arg) && s[a + 1] == ':'
        && (s[a + 2] == '\\' || s[a + 2] == '/')) {
      return true;
    }
    int w = a;
    while (w < n && (CharClass.isWord(s[w]) || s[w] == '-')) {
      w++;
    }
    return w > a && commands.contains(s, a, w) && (w >= n || !CharClass.isLetter(s[w]))
        && !plainWords.contains(s, a, w);
  }
}
