package dev.proxywasm.plugins.waflite.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.plugins.waflite.corpus.CorpusRecord;
import dev.proxywasm.plugins.waflite.corpus.CorpusReport;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import dev.proxywasm.plugins.waflite.rules.CrsRules;
import dev.proxywasm.plugins.waflite.rules.ProtocolPolicy;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Runs the development corpus through the engine on the JVM (fast feedback while tuning;
 * the same corpus also runs through the compiled module in the harness). Set
 * {@code -Dwaf.misses=942} to print the missed attacks of a family, {@code -Dwaf.misses=fp}
 * for the false positives.
 */
class EngineCorpusTest {
  private final WafEngine engine =
      new WafEngine(CrsRules.all(ProtocolPolicy.defaults()), 1, 5, new RuleExclusions());

  @Test
  void detectsPl1CriticalAttacksWithFewFalsePositives() throws IOException {
    CorpusReport report = new CorpusReport();
    String misses = System.getProperty("waf.misses", "");
    for (CorpusRecord r : CorpusRecord.read(CorpusRecord.corpusDir().resolve("crs-dev.jsonl"))) {
      if (r.mustBlock()) {
        Inspection inspection = inspect(r);
        boolean blocked = inspection.thresholdReached();
        report.attack(r.family, blocked);
        if (!blocked && misses.equals(r.family)) {
          System.out.println("MISS " + r.id + " " + r.method + " " + r.uri + " " + r.headers.stream()
              .map(h -> h[0] + ": " + h[1]).toList() + " body=" + r.body);
        }
      }
    }
    for (CorpusRecord r : CorpusRecord.read(CorpusRecord.corpusDir().resolve("benign-dev.jsonl"))) {
      Inspection inspection = inspect(r);
      report.benign(inspection.thresholdReached());
      if (inspection.thresholdReached() && misses.equals("fp")) {
        StringBuilder why = new StringBuilder();
        for (RuleMatch m : inspection.matches()) {
          why.append(m.rule().id()).append(' ').append(m.target()).append('=').append(m.data()).append("; ");
        }
        System.out.println("FP " + r.id + " " + why);
      }
    }
    System.out.println(report);
    assertTrue(report.detectionRate() >= 0.90, "detection below 90%");
    assertTrue(report.falsePositiveRate() <= 0.01, "false positives above 1%");
  }

  private Inspection inspect(CorpusRecord r) {
    HttpRequest request = new HttpRequest(r.method, r.uri, r.httpVersion);
    for (String[] h : r.headers) {
      request.header(h[0], h[1]);
    }
    if (r.body != null) {
      request.body(r.bodyBytes(), false);
    }
    RequestFacts facts = new RequestFacts(request);
    Inspection inspection = engine.inspectHeaders(facts);
    engine.inspectBody(facts, inspection);
    return inspection;
  }
}
