package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rules active at the configured paranoia level over a request: the header phase
 * first (so a request whose score is already over the threshold can be refused before its body
 * arrives), then the body phase.
 */
public final class WafEngine {
  private final Rule[] valueRules;
  private final Rule[] headerRequestRules;
  private final Rule[] bodyRequestRules;
  private final RuleExclusions exclusions;
  private final int threshold;
  /** Marks a rule already fired in an earlier phase. */
  private static final Target DONE = new Target(0, "", "");
  private final int[] ruleKinds;
  /** {@link #rulesFor} by {@link TargetKind} bits (kinds combine at most the first 11 bits). */
  private final int[][] rulesByKind = new int[1 << 11][];
  private final int[] ruleRequired;
  // Per-call scratch, one slot per value rule (the engine serves one call at a time).
  private final String[] matchedData;
  private final Target[] matchedTargets;

  /**
   * @param rules      every rule known
   * @param paranoia   rules above this paranoia level are dropped
   * @param threshold  inbound anomaly score at which a request is blocked
   * @param exclusions rules or rule/target pairs switched off
   */
  public WafEngine(List<Rule> rules, int paranoia, int threshold, RuleExclusions exclusions) {
    List<Rule> values = new ArrayList<>();
    List<Rule> headers = new ArrayList<>();
    List<Rule> bodies = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.paranoia() > paranoia || exclusions.removed(rule.id())) {
        continue;
      }
      if (rule.valueMatcher() != null) {
        values.add(rule);
      } else if (rule.needsBody()) {
        bodies.add(rule);
      } else {
        headers.add(rule);
      }
    }
    this.valueRules = values.toArray(new Rule[0]);
    int count = valueRules.length;
    ruleKinds = new int[count];
    ruleRequired = new int[count];
    for (int r = 0; r < count; r++) {
      ruleKinds[r] = valueRules[r].targets();
      ruleRequired[r] = valueRules[r].requiredCharacters();
    }
    matchedData = new String[count];
    matchedTargets = new Target[count];
    this.headerRequestRules = headers.toArray(new Rule[0]);
    this.bodyRequestRules = bodies.toArray(new Rule[0]);
    this.exclusions = exclusions;
    this.threshold = threshold;
  }

  /** Inspects the request line and headers. */
  public Inspection inspectHeaders(RequestFacts facts) {
    Inspection inspection = new Inspection(threshold);
    runRequestRules(headerRequestRules, facts, inspection);
    runValueRules(facts.headerTargets(), inspection);
    return inspection;
  }

  /** Parses and inspects the body, adding to {@code inspection}. */
  public void inspectBody(RequestFacts facts, Inspection inspection) {
    facts.parseBody();
    runRequestRules(bodyRequestRules, facts, inspection);
    runValueRules(facts.bodyTargets(), inspection);
  }

  private void runRequestRules(Rule[] rules, RequestFacts facts, Inspection inspection) {
    for (Rule rule : rules) {
      Target hit = rule.requestMatcher().match(facts);
      if (hit != null && !exclusions.excluded(rule.id(), hit.name())) {
        inspection.add(rule, hit.name(), hit.value());
      }
    }
  }

  /** Indices of the value rules that inspect values of {@code kind}, computed once per kind. */
  private int[] rulesFor(int kind) {
    if (kind >= rulesByKind.length) {
      return ruleIndices(kind);
    }
    if (rulesByKind[kind] == null) {
      rulesByKind[kind] = ruleIndices(kind);
    }
    return rulesByKind[kind];
  }

  private int[] ruleIndices(int kind) {
    int count = 0;
    for (int kinds : ruleKinds) {
      if ((kinds & kind) != 0) {
        count++;
      }
    }
    int[] indices = new int[count];
    count = 0;
    for (int r = 0; r < ruleKinds.length; r++) {
      if ((ruleKinds[r] & kind) != 0) {
        indices[count++] = r;
      }
    }
    return indices;
  }

  private void runValueRules(List<Target> targets, Inspection inspection) {
    // Value by value, every rule in turn: a value's keyword occurrences are then found in one
    // pass for all keyword rules (KeywordSet.prepare). About 100 rules meet about 60 values,
    // so the pair test reads int arrays, not getters. Matches are added in rule order, as a
    // rule-by-rule run would add them.
    Rule[] rules = valueRules;
    int ruleCount = rules.length;
    String[] data = matchedData;
    Target[] where = matchedTargets;
    for (int r = 0; r < ruleCount; r++) {
      data[r] = null;
      where[r] = inspection.fired(rules[r]) ? DONE : null;
    }
    int[] required = ruleRequired;
    boolean perTarget = exclusions.hasTargetExclusions();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      int kind = target.kind();
      int signature = target.signature();
      boolean prepared = false;
      int[] applicable = rulesFor(kind);
      for (int k = 0; k < applicable.length; k++) {
        int r = applicable[k];
        if (where[r] != null || (required[r] != 0 && (signature & required[r]) == 0)
            || (perTarget && exclusions.excluded(rules[r].id(), target.name()))) {
          continue;
        }
        if (!prepared) {
          KeywordSet.prepare(target.lower());
          prepared = true;
        }
        String found = rules[r].valueMatcher().match(target);
        if (found != null) {
          data[r] = found;
          where[r] = target;
        }
      }
    }
    for (int r = 0; r < ruleCount; r++) {
      if (data[r] != null) {
        inspection.add(rules[r], where[r].name(), data[r]);
      }
    }
  }
}
