package dev.proxywasm.plugins.waflite.config;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.engine.Target;
import java.util.List;

/**
 * Applies Coraza/ModSecurity directives to a {@link WafPolicy}: the ones that map onto ours
 * ({@code SecRuleEngine}, {@code SecRuleRemoveById}, {@code SecRuleUpdateTargetById},
 * {@code SecRequestBodyLimit}, {@code SecRequestBodyLimitAction}, the CRS {@code setvar}s for
 * paranoia level and threshold) are applied; the CRS {@code Include}s are accepted (the rules
 * are built in); every other directive is reported so the operator sees it was ignored.
 */
final class CorazaDirectives {
  private CorazaDirectives() {}

  /**
   * Applies {@code directive} (one line) to {@code policy}.
   *
   * @param notes receives a line for each ignored directive
   */
  static void apply(String directive, WafPolicy policy, List<String> notes, String where)
      throws ConfigException {
    String line = directive.trim();
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    int space = 0;
    while (space < line.length() && line.charAt(space) > ' ') {
      space++;
    }
    String name = line.substring(0, space);
    String args = line.substring(space).trim();
    if (CharClass.equalsIgnoreCase(name, "SecRuleEngine")) {
      Mode mode = Mode.parse(args);
      if (mode == null) {
        throw new ConfigException(where + ": SecRuleEngine must be On, Off or DetectionOnly, got \"" + args + "\"");
      }
      policy.mode = mode;
    } else if (CharClass.equalsIgnoreCase(name, "SecRuleRemoveById")) {
      for (String id : words(args)) {
        addRemoval(policy, id, where);
      }
    } else if (CharClass.equalsIgnoreCase(name, "SecRuleUpdateTargetById")) {
      List<String> parts = words(args);
      if (parts.size() < 2) {
        throw new ConfigException(where + ": SecRuleUpdateTargetById needs a rule id and a target");
      }
      int id = parseInt(parts.get(0), where + ": SecRuleUpdateTargetById id");
      String targets = unquote(parts.get(1));
      for (String target : splitOn(targets, '|')) {
        if (target.startsWith("!")) {
          policy.exclusions.removeTarget(id, target.substring(1));
        } else {
          notes.add("ignored (only !target exclusions are supported): " + line);
        }
      }
    } else if (CharClass.equalsIgnoreCase(name, "SecRequestBodyLimit")) {
      policy.bodyLimit = parseInt(args, where + ": SecRequestBodyLimit");
    } else if (CharClass.equalsIgnoreCase(name, "SecRequestBodyLimitAction")) {
      if (CharClass.equalsIgnoreCase(args, "Reject")) {
        policy.rejectOversizedBody = true;
      } else if (CharClass.equalsIgnoreCase(args, "ProcessPartial")) {
        policy.rejectOversizedBody = false;
      } else {
        throw new ConfigException(where + ": SecRequestBodyLimitAction must be Reject or ProcessPartial");
      }
    } else if (CharClass.equalsIgnoreCase(name, "Include")) {
      if (!(args.equals("@demo-conf") || args.equals("@recommended-conf") || args.equals("@crs-setup-conf")
          || args.startsWith("@owasp_crs/") || args.equals("@crs-setup.conf"))) {
        notes.add("ignored directive (waf-lite has the CRS rules built in): " + line);
      }
    } else if (!applySetvars(line, policy, where)) {
      notes.add("ignored directive: " + line);
    }
  }

  private static void addRemoval(WafPolicy policy, String id, String where) throws ConfigException {
    int dash = id.indexOf('-');
    if (dash > 0) {
      policy.exclusions.removeRange(parseInt(id.substring(0, dash), where + ": SecRuleRemoveById"),
          parseInt(id.substring(dash + 1), where + ": SecRuleRemoveById"));
    } else {
      int n = parseInt(id, where + ": SecRuleRemoveById");
      policy.exclusions.removeRange(n, n);
    }
  }

  /** {@code SecAction "...,setvar:tx.blocking_paranoia_level=2,..."}: the CRS knobs we honour. */
  private static boolean applySetvars(String line, WafPolicy policy, String where) throws ConfigException {
    String lower = Target.asciiLowercase(line);
    boolean applied = false;
    int at = lower.indexOf("setvar:");
    while (at >= 0) {
      int from = at + 7;
      if (from < lower.length() && lower.charAt(from) == '\'') {
        from++;
      }
      int eq = lower.indexOf('=', from);
      if (eq < 0) {
        break;
      }
      String variable = lower.substring(from, eq);
      int end = eq + 1;
      while (end < lower.length() && lower.charAt(end) >= '0' && lower.charAt(end) <= '9') {
        end++;
      }
      if (variable.equals("tx.blocking_paranoia_level") || variable.equals("tx.paranoia_level")) {
        policy.paranoia = parseInt(lower.substring(eq + 1, end), where + ": " + variable);
        applied = true;
      } else if (variable.equals("tx.inbound_anomaly_score_threshold")) {
        policy.threshold = parseInt(lower.substring(eq + 1, end), where + ": " + variable);
        applied = true;
      }
      at = lower.indexOf("setvar:", eq);
    }
    return applied;
  }

  private static int parseInt(String s, String what) throws ConfigException {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 9) {
      throw new ConfigException(what + ": expected a number, got \"" + s + "\"");
    }
    int value = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new ConfigException(what + ": expected a number, got \"" + s + "\"");
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)
        ? s.substring(1, s.length() - 1) : s;
  }

  /** Space-separated words; a quoted word keeps its spaces. */
  static List<String> words(String s) {
    List<String> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && s.charAt(i) <= ' ') {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      int start = i;
      if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
        int close = s.indexOf(s.charAt(i), i + 1);
        i = close < 0 ? s.length() : close + 1;
      } else {
        while (i < s.length() && s.charAt(i) > ' ') {
          i++;
        }
      }
      out.add(s.substring(start, i));
    }
    return out;
  }

  static List<String> splitOn(String s, char separator) {
    List<String> out = new java.util.ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == separator) {
        if (i > start) {
          out.add(s.substring(start, i).trim());
        }
        start = i + 1;
      }
    }
    return out;
  }
}
