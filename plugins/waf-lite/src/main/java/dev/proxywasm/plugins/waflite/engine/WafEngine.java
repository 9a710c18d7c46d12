package dev.proxywasm.plugins.waflite.engine;

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
  /** Per-call scratch: kind and signature of each target (the engine serves one call at a time). */
  private int[] kinds = new int[64];
  private int[] signatures = new int[64];

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

  private void runValueRules(List<Target> targets, Inspection inspection) {
    // About 100 rules meet about 60 values: the pair test must be a few instructions, so
    // each value's kind and signature are read once into int arrays (a getter call per pair
    // costs TeaVM a call, a null check and GC bookkeeping).
    int count = targets.size();
    if (kinds.length < count) {
      kinds = new int[count * 2];
      signatures = new int[count * 2];
    }
    int[] kindOf = kinds;
    int[] signatureOf = signatures;
    for (int i = 0; i < count; i++) {
      Target target = targets.get(i);
      kindOf[i] = target.kind();
      signatureOf[i] = target.signature();
    }
    boolean perTarget = exclusions.hasTargetExclusions();
    for (Rule rule : valueRules) {
      int ruleKinds = rule.targets();
      if (inspection.fired(rule)) {
        continue;
      }
      int required = rule.requiredCharacters();
      ValueMatcher matcher = rule.valueMatcher();
      for (int i = 0; i < count; i++) {
        if ((kindOf[i] & ruleKinds) == 0 || (required != 0 && (signatureOf[i] & required) == 0)) {
          continue;
        }
        Target target = targets.get(i);
        if (perTarget && exclusions.excluded(rule.id(), target.name())) {
          continue;
        }
        String data = matcher.match(target);
        if (data != null) {
          inspection.add(rule, target.name(), data);
          break;
        }
      }
    }
  }
}
