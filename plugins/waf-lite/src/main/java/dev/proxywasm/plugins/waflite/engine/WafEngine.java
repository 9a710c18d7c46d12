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
  private final ValueMatcher[] matchers;
  private final int[] ruleKinds;
  private final int[] ruleRequired;
  // Value rules as bit sets, one bit per rule (rule r is bit r % 64 of word r / 64), so a value
  // picks out the rules it must meet with a few ORs and ANDs instead of testing each rule:
  // of ~3,600 rule/value pairs in a typical request, ~700 survive the kind and character tests.
  private final int words;
  /**
   * Per {@link TargetKind} combination, computed once: per word, the rules of that kind needing
   * no particular character, then per {@link CharacterSignature} bit those requiring it; last,
   * the signature bits any rule of the kind requires.
   */
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
    matchers = new ValueMatcher[count];
    ruleKinds = new int[count];
    ruleRequired = new int[count];
    for (int r = 0; r < count; r++) {
      matchers[r] = valueRules[r].valueMatcher();
      ruleKinds[r] = valueRules[r].targets();
      ruleRequired[r] = valueRules[r].requiredCharacters();
    }
    words = (count + 63) >>> 6;
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

  /** The rule table of {@code kind} (see {@link #rulesByKind}), computed once per kind. */
  private long[] rulesFor(int kind) {
    if (kind >= rulesByKind.length) {
      return ruleTable(kind);
    }
    if (rulesByKind[kind] == null) {
      rulesByKind[kind] = ruleTable(kind);
    }
    return rulesByKind[kind];
  }

  private long[] ruleTable(int kind) {
    long[] table = new long[words * 33 + 1];
    int requiredBits = 0;
    for (int r = 0; r < ruleKinds.length; r++) {
      if ((ruleKinds[r] & kind) == 0) {
        continue;
      }
      int base = (r >>> 6) * 33;
      long bit = 1L << r;
      int required = ruleRequired[r];
      requiredBits |= required;
      if (required == 0) {
        table[base] |= bit;
      }
      for (int b = 0; b < 32; b++) {
        if ((required & (1 << b)) != 0) {
          table[base + 1 + b] |= bit;
        }
      }
    }
    table[words * 33] = requiredBits;
    return table;
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
    String[] data = matchedData;
    Target[] where = matchedTargets;
    for (int w = 0; w < words; w++) {
      pending[w] = 0;
    }
    for (int r = 0; r < ruleCount; r++) {
      data[r] = null;
      where[r] = null;
      pending[r >>> 6] |= 1L << r;
    }
    // Rules that fired in an earlier phase (usually none) do not run again.
    List<RuleMatch> fired = inspection.matches();
    for (int m = 0; m < fired.size(); m++) {
      Rule rule = fired.get(m).rule();
      for (int r = 0; r < ruleCount; r++) {
        if (rules[r] == rule) {
          pending[r >>> 6] &= ~(1L << r);
        }
      }
    }
    boolean perTarget = exclusions.hasTargetExclusions();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      long[] table = rulesFor(target.kind());
      int bits = target.signature() & (int) table[words * 33];
      int count = 0;
      for (int w = 0; w < words; w++) {
        int base = w * 33;
        long set = table[base];
        for (int b = bits; b != 0; b &= b - 1) {
          set |= table[base + 1 + Integer.numberOfTrailingZeros(b)];
        }
        set &= pending[w];
        selected[w] = set;
        count += Long.bitCount(set);
      }
      if (count == 0) {
        continue;
      }
      // prepare reads the value once to spare the keyword searches of the rules to come; it
      // costs about two such searches, so a value met by one or two rules (a header name, the
      // raw URI) is better searched directly.
      if (count > 2) {
        KeywordSet.prepare(target.lower());
      }
      for (int w = 0; w < words; w++) {
        for (long set = selected[w]; set != 0; set &= set - 1) {
          int r = (w << 6) + Long.numberOfTrailingZeros(set);
          if (perTarget && exclusions.excluded(rules[r].id(), target.name())) {
            continue;
          }
          meet(r, target);
        }
      }
    }
    for (int r = 0; r < ruleCount; r++) {
      if (data[r] != null) {
        inspection.add(rules[r], where[r].name(), data[r]);
      }
    }
  }

  /**
   * Runs value rule {@code r} on {@code target}: a method of its own so that few references
   * stay live across the matcher call in runValueRules' loop (TeaVM stores every live
   * reference to its shadow stack at each call).
   */
  private void meet(int r, Target target) {
    String found = matchers[r].match(target);
    if (found != null) {
      matchedData[r] = found;
      matchedTargets[r] = target;
      pending[r >>> 6] &= ~(1L << r);
    }
  }
}
