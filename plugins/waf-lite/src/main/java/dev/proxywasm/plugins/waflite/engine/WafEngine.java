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
  private final int[] ruleKinds;
  // Value rules as bit sets, one bit per rule (rule r is bit r % 64 of word r / 64), so a value
  // picks out the rules it must meet with a few ORs and ANDs instead of testing each rule:
  // of ~3,600 rule/value pairs in a typical request, ~700 survive the kind and character tests.
  private final int words;
  /** Per {@link CharacterSignature} bit, the rules requiring a character of that bit. */
  private final long[] byCharacter;
  /** Rules that require no particular character. */
  private final long[] unconditional;
  /** {@link #rulesFor} by {@link TargetKind} bits (kinds combine at most the first 11 bits). */
  private final long[][] rulesByKind = new long[1 << 11][];
  // Per-call scratch (the engine serves one call at a time): the rules still to run, the rules
  // a value must meet, and per rule its first match and where.
  private final long[] pending;
  private final long[] selected;
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
    words = (count + 63) >>> 6;
    byCharacter = new long[32 * words];
    unconditional = new long[words];
    for (int r = 0; r < count; r++) {
      ruleKinds[r] = valueRules[r].targets();
      int required = valueRules[r].requiredCharacters();
      long bit = 1L << r;
      if (required == 0) {
        unconditional[r >>> 6] |= bit;
      }
      for (int b = 0; b < 32; b++) {
        if ((required & (1 << b)) != 0) {
          byCharacter[b * words + (r >>> 6)] |= bit;
        }
      }
    }
    pending = new long[words];
    selected = new long[words];
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

  /** The value rules that inspect values of {@code kind}, as a bit set, computed once per kind. */
  private long[] rulesFor(int kind) {
    if (kind >= rulesByKind.length) {
      return ruleSet(kind);
    }
    if (rulesByKind[kind] == null) {
      rulesByKind[kind] = ruleSet(kind);
    }
    return rulesByKind[kind];
  }

  private long[] ruleSet(int kind) {
    long[] set = new long[words];
    for (int r = 0; r < ruleKinds.length; r++) {
      if ((ruleKinds[r] & kind) != 0) {
        set[r >>> 6] |= 1L << r;
      }
    }
    return set;
  }

  private void runValueRules(List<Target> targets, Inspection inspection) {
    // Value by value, every rule in turn: a value's keyword occurrences are then found in one
    // pass for all keyword rules (KeywordSet.prepare). A rule leaves the pending set when it
    // matches (or matched in an earlier phase); matches are added in rule order, as a
    // rule-by-rule run would add them.
    Rule[] rules = valueRules;
    int ruleCount = rules.length;
    int words = this.words;
    long[] pending = this.pending;
    long[] selected = this.selected;
    long[] unconditional = this.unconditional;
    long[] byCharacter = this.byCharacter;
    String[] data = matchedData;
    Target[] where = matchedTargets;
    for (int w = 0; w < words; w++) {
      pending[w] = 0;
    }
    for (int r = 0; r < ruleCount; r++) {
      data[r] = null;
      where[r] = null;
      if (!inspection.fired(rules[r])) {
        pending[r >>> 6] |= 1L << r;
      }
    }
    boolean perTarget = exclusions.hasTargetExclusions();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      long[] forKind = rulesFor(target.kind());
      int signature = target.signature();
      for (int w = 0; w < words; w++) {
        selected[w] = unconditional[w];
      }
      for (int bits = signature; bits != 0; bits &= bits - 1) {
        int from = Integer.numberOfTrailingZeros(bits) * words;
        for (int w = 0; w < words; w++) {
          selected[w] |= byCharacter[from + w];
        }
      }
      long any = 0;
      for (int w = 0; w < words; w++) {
        selected[w] &= forKind[w] & pending[w];
        any |= selected[w];
      }
      if (any == 0) {
        continue;
      }
      KeywordSet.prepare(target.lower());
      for (int w = 0; w < words; w++) {
        for (long set = selected[w]; set != 0; set &= set - 1) {
          int r = (w << 6) + Long.numberOfTrailingZeros(set);
          if (perTarget && exclusions.excluded(rules[r].id(), target.name())) {
            continue;
          }
          String found = rules[r].valueMatcher().match(target);
          if (found != null) {
            data[r] = found;
            where[r] = target;
            pending[w] &= ~(1L << r);
          }
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
