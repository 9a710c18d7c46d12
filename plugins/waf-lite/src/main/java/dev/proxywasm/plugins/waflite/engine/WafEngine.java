package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.detect.KeywordSieve;
import java.util.ArrayList;
import java.util.List;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

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
  /** Per rule, the bits in {@link #sieve} of the keyword sets it needs; 0 for none. */
  private final long[] ruleKeywords;
  /** Every keyword set a value rule needs (and others), searched in one pass per value. */
  private final KeywordSieve sieve;
  /** The sieve's class table with the scan's bits: the scan and the walk in one pass. */
  private final long[] classes;
  // Value rules as bit sets, one bit per rule (rule r is bit r % 64 of word r / 64), so a value
  // picks out the rules whose preconditions it meets (Rule.needs*) with a few ORs and ANDs
  // instead of testing each rule: of ~3,600 rule/value pairs in a typical request, ~700
  // survive the kind and character tests, and ~50 the keyword test.
  private final int words;
  /**
   * Per {@link TargetKind} combination, computed once: per word, {@link #ENTRIES} sets of rules
   * of that kind: those without a precondition, then per {@link CharacterSignature} bit, per
   * {@link Target#flags()} bit and per keyword set in {@link #sieve} those needing it, then those
   * needing a keyword and those needing a character or flag; after the last word, what any
   * rule of the kind needs ({@link #TAIL}).
   */
  private final long[][] rulesByKind = new long[1 << 11][];
  /** Right after the 32 character entries: select reads both with one mask. */
  private static final int FLAGS_AT = 33;
  private static final int KEYWORDS_AT = 35;
  private static final int NEEDING_KEYWORDS = 99;
  private static final int NEEDING_CHARACTERS = 100;
  private static final int ENTRIES = 101;
  /** The table's tail: character bits, flag bits and keyword bits any rule needs, then 1 when the kind has rules. */
  private static final int TAIL = 4;

  // Per-call scratch (the engine serves one call at a time): the rules still to run, the rules
  // a value must meet, the rules that matched in this phase, and per rule its first match and
  // where (set only for the rules in matched, so only those are visited and cleared).
  private final long[] pending;
  private final long[] selected;
  private final long[] matched;
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
    ruleKeywords = new long[count];
    List<KeywordSet> keywordSets = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      ruleKinds[r] = valueRules[r].targets();
      for (KeywordSet set : valueRules[r].requiredKeywords()) {
        int bit = keywordSets.indexOf(set);
        if (bit < 0) {
          bit = keywordSets.size();
          keywordSets.add(set);
        }
        if (bit >= 64) {
          throw new IllegalArgumentException("the rules need more than 64 keyword sets");
        }
        ruleKeywords[r] |= 1L << bit;
      }
    }
    // The sieve also takes other sets while it has room: searches of those a value lacks, in
    // the rules that run on it, then return at once.
    for (KeywordSet set : KeywordSet.all()) {
      if (keywordSets.size() < 64 && !keywordSets.contains(set)) {
        keywordSets.add(set);
      }
    }
    sieve = new KeywordSieve(keywordSets.toArray(new KeywordSet[0]));
    classes = Target.withClasses(sieve.classTable());
    words = (count + 63) >>> 6;
    pending = new long[words];
    selected = new long[words];
    matched = new long[words];
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
    runValueRules(facts.targets(), 0, facts.headerTargetCount(), inspection);
    return inspection;
  }

  /** Parses and inspects the body, adding to {@code inspection}. */
  public void inspectBody(RequestFacts facts, Inspection inspection) {
    facts.parseBody();
    runRequestRules(bodyRequestRules, facts, inspection);
    runValueRules(facts.targets(), facts.headerTargetCount(), facts.targetCount(), inspection);
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
    long[] table = new long[words * ENTRIES + TAIL];
    int tail = words * ENTRIES;
    for (int r = 0; r < ruleKinds.length; r++) {
      if ((ruleKinds[r] & kind) == 0) {
        continue;
      }
      Rule rule = valueRules[r];
      int base = (r >>> 6) * ENTRIES;
      long bit = 1L << r;
      table[tail + 3] = 1;
      if (rule.unconditional()) {
        table[base] |= bit;
        continue;
      }
      long keywords = ruleKeywords[r];
      table[tail] |= rule.requiredCharacters();
      table[tail + 1] |= rule.requiredFlags();
      table[tail + 2] |= keywords;
      if (keywords != 0) {
        table[base + NEEDING_KEYWORDS] |= bit;
      }
      if (rule.requiredCharacters() != 0 || rule.requiredFlags() != 0) {
        table[base + NEEDING_CHARACTERS] |= bit;
      }
      for (int b = 0; b < 32; b++) {
        if ((rule.requiredCharacters() & (1 << b)) != 0) {
          table[base + 1 + b] |= bit;
        }
      }
      for (int b = 0; b < 2; b++) {
        if ((rule.requiredFlags() & (1 << b)) != 0) {
          table[base + FLAGS_AT + b] |= bit;
        }
      }
      for (int b = 0; b < 64; b++) {
        if ((keywords & (1L << b)) != 0) {
          table[base + KEYWORDS_AT + b] |= bit;
        }
      }
    }
    return table;
  }

  private void runValueRules(Target[] targets, int from, int to, Inspection inspection) {
    // Value by value, every rule in turn: a value's keyword occurrences are then found in one
    // pass for all keyword rules (select). A rule leaves the pending set when it
    // matches (or matched in an earlier phase); matches are added in rule order, as a
    // rule-by-rule run would add them.
    Rule[] rules = valueRules;
    int words = this.words;
    long[] pending = this.pending;
    long[] matched = this.matched;
    for (int w = 0; w < words; w++) {
      // Bits past the last rule stay set harmlessly: no table entry has them.
      pending[w] = -1L;
      matched[w] = 0;
    }
    // Rules that fired in an earlier phase (usually none) do not run again.
    List<RuleMatch> fired = inspection.matches();
    for (int m = 0; m < fired.size(); m++) {
      Rule rule = fired.get(m).rule();
      for (int r = 0; r < rules.length; r++) {
        if (rules[r] == rule) {
          pending[r >>> 6] &= ~(1L << r);
        }
      }
    }
    boolean perTarget = exclusions.hasTargetExclusions();
    for (int i = from; i < to; i++) {
      Target target = targets[i];
      if (select(target) == 0) {
        continue;
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
    for (int w = 0; w < words; w++) {
      for (long set = matched[w]; set != 0; set &= set - 1) {
        int r = (w << 6) + Long.numberOfTrailingZeros(set);
        inspection.add(rules[r], matchedTargets[r].name(), matchedData[r]);
        matchedData[r] = null;
        matchedTargets[r] = null;
      }
    }
  }

  /**
   * Puts in {@link #selected} the pending rules whose preconditions {@code target} meets; the
   * keyword sets present in the value are found, when some rule needs them, in one pass
   * ({@link KeywordSieve}), which also spares the selected rules' searches of sets absent.
   *
   * @return how many rules were selected
   */
  private int select(Target target) {
    long[] table = rulesFor(target.kind());
    int words = this.words;
    int tail = words * ENTRIES;
    // The table and the per-call bit sets are read directly inside the module: every index
    // below is within them by construction, and TeaVM's checked reads cost several times as
    // much (the JVM, in unit tests, reads the arrays).
    boolean direct = PlatformDetector.isWebAssembly();
    if (table[tail + 3] == 0) {
      return 0;
    }
    long neededKeywords = table[tail + 2];
    boolean sieving = neededKeywords != 0;
    // The value's scan, decoding and lowercasing may allocate, and an allocation may move the
    // arrays: their addresses are taken only after the last call that can.
    int characters = target.signature(sieving ? sieve : null, classes);
    long keywords = sieving ? target.keywords(sieve, classes) & neededKeywords : 0;
    int flags = target.scannedFlags();
    // Character bits and flag bits are one mask: the entries of flag bits follow those of
    // character bits.
    long conditions = (characters & (int) table[tail]) & 0xffffffffL | (long) (flags & (int) table[tail + 1]) << 32;
    Address entries = direct ? Address.ofData(table) : null;
    Address pendingAt = direct ? Address.ofData(pending) : null;
    Address selectedAt = direct ? Address.ofData(selected) : null;
    int count = 0;
    for (int w = 0; w < words; w++) {
      int base = w * ENTRIES;
      long characterRules = 0;
      for (long b = conditions; b != 0; b &= b - 1) {
        int at = base + 1 + Long.numberOfTrailingZeros(b);
        characterRules |= direct ? entries.add(at << 3).getLong() : table[at];
      }
      long keywordRules = 0;
      for (long b = keywords; b != 0; b &= b - 1) {
        int at = base + KEYWORDS_AT + Long.numberOfTrailingZeros(b);
        keywordRules |= direct ? entries.add(at << 3).getLong() : table[at];
      }
      // A rule needing both kinds of precondition must meet both.
      long set;
      if (direct) {
        Address row = entries.add(base << 3);
        set = row.getLong() | characterRules & ~row.add(NEEDING_KEYWORDS << 3).getLong()
            | keywordRules & ~row.add(NEEDING_CHARACTERS << 3).getLong() | characterRules & keywordRules;
        set &= pendingAt.add(w << 3).getLong();
        selectedAt.add(w << 3).putLong(set);
      } else {
        set = table[base] | characterRules & ~table[base + NEEDING_KEYWORDS]
            | keywordRules & ~table[base + NEEDING_CHARACTERS] | characterRules & keywordRules;
        set &= pending[w];
        selected[w] = set;
      }
      count += Long.bitCount(set);
    }
    return count;
  }

  /**
   * Runs value rule {@code r} on {@code target}: a method of its own so that few references
   * stay live across the matcher call in runValueRules' loop (TeaVM stores every live
   * reference to its shadow stack at each call).
   */
  private void meet(int r, Target target) {
    String found = valueRules[r].valueMatcher().match(target);
    if (found != null) {
      matchedData[r] = found;
      matchedTargets[r] = target;
      pending[r >>> 6] &= ~(1L << r);
      matched[r >>> 6] |= 1L << r;
    }
  }
}
