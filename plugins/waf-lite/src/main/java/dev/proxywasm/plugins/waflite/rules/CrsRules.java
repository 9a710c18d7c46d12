package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.engine.Rule;
import java.util.ArrayList;
import java.util.List;

/** The rule set: every family, in CRS order. */
public final class CrsRules {
  private CrsRules() {}

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
    return rules;
  }
}
