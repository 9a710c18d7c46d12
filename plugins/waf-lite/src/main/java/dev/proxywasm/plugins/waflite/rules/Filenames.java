package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.engine.Target;

/** Upload file-name checks: the name as the server will store it (spaces and trailing dots go). */
final class Filenames {
  private Filenames() {}

  /** The last path segment of the file name, lowercase, without whitespace or trailing dots. */
  static String storedName(Target t) {
    String s = t.lower();
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\\') {
        out.setLength(0);
      } else if (!CharClass.isSpace(c)) {
        out.append(c);
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '.') {
      end--;
    }
    return out.substring(0, end);
  }

  /** The name when its extension is one of {@code extensions}, else null. */
  static String extensionIn(Target t, String... extensions) {
    String name = storedName(t);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    String ext = name.substring(dot + 1);
    for (String e : extensions) {
      if (ext.equals(e)) {
        return name;
      }
    }
    return null;
  }
}
