package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.ProxyWasmHost;
import dev.proxywasm.plugins.waflite.corpus.CorpusRecord;
import dev.proxywasm.plugins.waflite.corpus.CorpusReport;
import dev.proxywasm.plugins.waflite.corpus.WasmRequests;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The development corpus through the compiled module at the seed (default CRS) configuration:
 * prints detection per family on pl1_critical attacks and the false-positive rate on benign
 * traffic, and fails when either target regresses.
 */
class WasmCorpusTest {
  @Test
  void meetsDetectionAndFalsePositiveTargets() throws IOException {
    CorpusReport report = new CorpusReport();
    try (ProxyWasmHost host = ProxyWasmHost.load(WafLiteWasmTest.WASM)
        .pluginConfig(WafLiteWasmTest.SEED_CONFIG).logLevel(dev.proxywasm.harness.LogLevel.ERROR).start()) {
      for (CorpusRecord r : CorpusRecord.read(CorpusRecord.corpusDir().resolve("crs-dev.jsonl"))) {
        if (r.mustBlock()) {
          report.attack(r.family, WasmRequests.send(host, r) != 0);
        }
      }
      for (CorpusRecord r : CorpusRecord.read(CorpusRecord.corpusDir().resolve("benign-dev.jsonl"))) {
        report.benign(WasmRequests.send(host, r) != 0);
      }
    }
    System.out.println(report);
    assertTrue(report.detectionRate() >= 0.90, "pl1_critical detection below 90%:\n" + report);
    assertTrue(report.falsePositiveRate() <= 0.01, "false positives above 1%:\n" + report);
  }
}
