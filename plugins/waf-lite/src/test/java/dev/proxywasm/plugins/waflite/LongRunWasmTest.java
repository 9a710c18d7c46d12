package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.harness.V8Benchmark;
import org.junit.jupiter.api.Test;

/**
 * Tens of thousands of requests through the module in V8, so that TeaVM's collector runs many
 * times, compactions included, in the middle of callbacks. Code that reads an array through a
 * raw address ({@code org.teavm.interop.Address}) taken before something allocates reads
 * garbage once a compaction has moved the array: the engine once did, and answered the
 * ~6,000th typical request with a 500.
 */
class LongRunWasmTest {
  @Test
  void everyTypicalRequestPassesThroughTheCollectorsCompactions() {
    for (String config : new String[] {"{}", "{\"mode\":\"DetectionOnly\"}"}) {
      V8Benchmark.Result run = V8Benchmark.load(WafLiteWasmTest.WASM).pluginConfig(config)
          .request(WafLiteBenchmark.typicalHeaders(), WafLiteBenchmark.TYPICAL_BODY)
          .warmUp(2_000).requests(40_000).run();
      assertEquals(0, run.localResponses(), () -> config + ": " + run.logs());
      assertEquals(0, run.logLinesAfterFirstRequest(), () -> config + ": " + run.logs());
    }
  }

  @Test
  void everySeedAttackIsRefusedThroughTheCollectorsCompactions() {
    V8Benchmark.Result run = V8Benchmark.load(WafLiteWasmTest.WASM).pluginConfig("{}")
        .request(WafLiteBenchmark.seedAttackHeaders()).warmUp(2_000).requests(20_000).run();
    long all = 1 + run.warmUp() + run.requests();
    assertEquals(all, run.localResponses());
    assertEquals(403, run.localResponse().orElseThrow().status());
    // Each refusal is counted as a block: a failure answered with a 500 is not.
    assertEquals(all, run.metrics().get("waf_lite.blocked"));
  }
}
