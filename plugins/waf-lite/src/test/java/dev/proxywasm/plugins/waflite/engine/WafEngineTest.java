package dev.proxywasm.plugins.waflite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WafEngineTest {
  private static List<String> run(WafEngine engine, String uri, String body) {
    HttpRequest request = new HttpRequest("POST", uri, "").header("content-type", "application/x-www-form-urlencoded")
        .body(body.getBytes(StandardCharsets.ISO_8859_1), false);
    RequestFacts facts = new RequestFacts(request);
    Inspection inspection = engine.inspectHeaders(facts);
    engine.inspectBody(facts, inspection);
    List<String> fired = new ArrayList<>();
    for (RuleMatch m : inspection.matches()) {
      fired.add(m.rule().id() + " " + m.target() + "=" + m.data());
    }
    return fired;
  }

  @Test
  void eachRuleFiresOnceOnItsFirstValueAndOnlyOnValuesWithItsCharacters() {
    List<Rule> rules = new ArrayList<>();
    KeywordSet words = KeywordSet.of("evil");
    rules.add(Rule.values(1, "x", TargetKind.ARGS, t -> words.containsAny(t.lower()) ? t.value() : null));
    rules.add(Rule.values(2, "lt", TargetKind.ARGS, t -> {
      if (t.value().indexOf('<') < 0) {
        throw new AssertionError("rule 2 ran on a value without '<': " + t.value());
      }
      return t.value();
    }).needs("<"));
    // Over 64 value rules, so the rule sets span two words.
    for (int i = 0; i < 70; i++) {
      String name = "k" + i;
      rules.add(Rule.values(100 + i, "n", TargetKind.ARG_NAMES, t -> t.value().equals(name) ? t.value() : null));
    }
    WafEngine engine = new WafEngine(rules, 1, 1000, new RuleExclusions());
    assertEquals(List.of("1 ARGS:a=EVIL", "2 ARGS:b=<", "165 ARGS_NAMES:k65=k65"),
        run(engine, "/p?a=EVIL&b=%3C&k65=1", "c=evil&d=<"));
    assertEquals(List.of("1 ARGS:c=evil", "169 ARGS_NAMES:k69=k69"), run(engine, "/p?a=1", "c=evil&k69=2"));

    WafEngine excluding = new WafEngine(rules, 1, 1000, new RuleExclusions().removeTarget(1, "a"));
    assertEquals(List.of("1 ARGS:c=evil"), run(excluding, "/p?a=evil", "c=evil"));
  }

  /** A rule that records every value it is run on and matches none (so it runs on all). */
  private static Rule recording(int id, List<String> seen) {
    return Rule.values(id, "r", TargetKind.ARGS, t -> {
      seen.add(id + ":" + t.value());
      return null;
    });
  }

  @Test
  void aRuleNeedingKeywordsRunsOnlyOnValuesHoldingOneAndWithItsCharactersWhenItNeedsBoth() {
    KeywordSet select = KeywordSet.of("select");
    KeywordSet union = KeywordSet.of("union");
    List<String> seen = new ArrayList<>();
    List<Rule> rules = List.of(
        recording(1, seen).needsKeyword(select, union),
        recording(2, seen).needs("(").needsKeyword(select),
        recording(3, seen).needsNul(),
        recording(4, seen).needsNonAscii());
    WafEngine engine = new WafEngine(rules, 1, 1000, new RuleExclusions());

    // Keywords are looked for in the decoded lowercase value, wherever they stand.
    run(engine, "/p?a=plain&b=UNIONS&c=%53elect&d=select(1)&e=(x)&f=x%00&g=caf%E9", "");

    assertEquals(List.of("1:UNIONS", "1:Select", "1:select(1)", "2:select(1)", "3:x\0", "4:caf\u00e9"), seen);
  }

  @Test
  void aRuleDeclaresEachKindOfPreconditionOnce() {
    Rule rule = Rule.values(1, "r", TargetKind.ARGS, t -> null).needs("<");
    assertThrows(IllegalStateException.class, () -> rule.needs(">"));
    assertThrows(IllegalStateException.class, rule::needsNul);
    Rule keywords = rule.needsKeyword(KeywordSet.of("a"));
    assertThrows(IllegalStateException.class, () -> keywords.needsKeyword(KeywordSet.of("b")));
  }

  @Test
  void aLineBreakInARulesCharactersMeansCrOrLfNotAnyWhitespace() {
    List<String> seen = new ArrayList<>();
    WafEngine engine = new WafEngine(List.of(recording(1, seen).needs("\n")), 1, 1000, new RuleExclusions());

    run(engine, "/p?a=x%20y&b=x%09y&c=x%0Dy&d=x%0Ay", "");

    assertEquals(List.of("1:x\ry", "1:x\ny"), seen);
  }
}
