package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.engine.Rule;
import java.util.ArrayList;
import java.util.List;

/** The rule set: every family. */
public final class CrsRules {
  private CrsRules() {}

  /**
   * Characters of which a value must contain at least one for the rule to possibly match (a
   * space stands for any whitespace, a newline for CR/LF). Every entry follows from what the
   * rule's matcher looks for; rules without an entry run on every value.
   */
  static String requiredCharacters(int id) {
    switch (id) {
      case 921110: return "\n/";
      case 921140: case 921190: return "\n";
      case 921120: case 921150: case 921160: return "\n%";
      case 921130: return "/<";
      case 921200: return ")";
      case 930110: return ".";
      case 930120: return "/.\\";
      case 931100: case 931110: case 931120: case 933170: case 933200: case 934170: case 941170:
      case 921240:
        return ":?";
      case 932125: case 932235: return " \n;|&`$(<>/\\";
      case 932130: return "$<>[";
      case 932140: return " ";
      case 932160: case 933130: case 933135: case 933180: case 942290: case 944150: return "$";
      case 932171: case 934160: case 942151: case 933160: return "(";
      case 932175: return "=";
      case 932270: return "~";
      case 932280: return "{";
      case 932330: return "!";
      case 933100: return "<[{";
      case 933120: case 941120: return "=";
      case 933210: return ";";
      case 934100: return "_.(";
      case 934110: return ".:[";
      case 934130: return "_.[";
      case 934150: return "._(`";
      case 934190: return "/:";
      case 934200: return "{<#";
      case 941100: case 941110: return "<";
      case 941130: return ":=!";
      case 941180: return ".-<[";
      case 941360: case 941370: return "[";
      case 941390: return "(`";
      case 942230: return "()";
      case 942320: return ":@";
      case 942500: return "/";
      case 942550: return "'(";
      case 942560: return ".";
      case 943100: return ".-";
      case 944100: case 944130: return ".";
      default: return null;
    }
  }

  /** All rules, with protocol rules configured by {@code policy}. */
  public static List<Rule> all(ProtocolPolicy policy) {
    List<Rule> rules = new ArrayList<>();
    ProtocolRules.addTo(rules, policy);
    ClientRules.addTo(rules);
    FileAccessRules.addTo(rules);
    RceRules.addTo(rules);
    PhpRules.addTo(rules);
    GenericRules.addTo(rules);
    XssRules.addTo(rules);
    SqlRules.addTo(rules);
    JavaRules.addTo(rules);
    for (int i = 0; i < rules.size(); i++) {
      String needs = requiredCharacters(rules.get(i).id());
      if (needs != null) {
        rules.set(i, rules.get(i).needs(needs));
      }
    }
    return rules;
  }
}
