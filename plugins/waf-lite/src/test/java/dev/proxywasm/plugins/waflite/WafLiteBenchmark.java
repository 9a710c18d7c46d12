package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.ProxyWasmHost;
import dev.proxywasm.harness.V8Benchmark;
import dev.proxywasm.harness.V8Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Prints what a typical 1 KB request costs inside the module (WebAssembly instructions, exact;
 * guest microseconds, noisy), the module size, and linear memory before and after 100,000
 * requests. Timing is printed, never asserted; memory must stay flat.
 *
 * <p>Wall time comes from two hosts. The wasmtime harness pays about 19 µs per call from the
 * plugin into a Java host function, and its wall time includes that; {@link V8Benchmark} runs the
 * same module in Node 20's V8 (Envoy's default runtime) under a JavaScript host whose calls cost
 * nanoseconds, which gives the guest's time. The V8 runs assert that the typical request passes
 * and that the seed attack is answered 403, so the timed path is the real one.
 */
class WafLiteBenchmark {
  private static final int WARM_UP = 2_000;
  private static final int REQUESTS = Integer.getInteger("waf.bench.requests", 100_000);

  static Headers typicalHeaders() {
    return Headers.of(":method", "POST", ":path", "/api/v2/orders?currency=EUR&locale=en-GB&ref=spring-sale",
        ":authority", "shop.example.com", ":scheme", "https",
        "user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36",
        "accept", "application/json, text/plain, */*", "accept-language", "en-GB,en;q=0.9",
        "accept-encoding", "gzip, deflate, br", "content-type", "application/json",
        "referer", "https://shop.example.com/checkout", "origin", "https://shop.example.com",
        "cookie", "session=8f3c2a9e41b0d7; cart=3; consent=analytics%3Dno",
        "x-request-id", "2b7e1516-28ae-d2a6-abf7-158809cf4f3c", "content-length", "512");
  }

  static final String TYPICAL_BODY = "{\"customer\":{\"name\":\"Ann O'Neil\",\"email\":\"ann@example.com\","
      + "\"address\":{\"street\":\"12 Baker Street\",\"city\":\"London\",\"zip\":\"NW1 6XE\"}},"
      + "\"items\":[{\"sku\":\"TSHIRT-RED-M\",\"qty\":2,\"price\":19.99},{\"sku\":\"MUG-WHITE\",\"qty\":1,"
      + "\"price\":8.5}],\"note\":\"Please leave the parcel with the neighbour if nobody is at home, "
      + "thank you!\",\"coupon\":\"SPRING-10\",\"gift\":false,\"newsletter\":true,\"channel\":\"web\","
      + "\"device\":{\"os\":\"Windows\",\"browser\":\"Chrome 124\"}}";

  /** The seed attack, {@code GET /api/catalog?arg=<script>alert(0)</script>}, URL-encoded as a browser sends it. */
  static final String SEED_ATTACK_PATH = "/api/catalog?arg=%3Cscript%3Ealert(0)%3C%2Fscript%3E";

  static Headers seedAttackHeaders() {
    return Headers.of(":method", "GET", ":path", SEED_ATTACK_PATH, ":authority", "shop.example.com",
        ":scheme", "https", "user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/124.0.0.0 Safari/537.36", "accept", "*/*");
  }

  @Test
  void printsCostSizeAndMemory() throws IOException {
    long size = Files.size(WafLiteWasmTest.WASM);
    long rawSize = Files.size(Path.of("target/wasm/plugin.raw.wasm"));
    long instructions;
    try (ProxyWasmHost counting = ProxyWasmHost.load(WafLiteWasmTest.WASM).countInstructions()
        .logLevel(LogLevel.ERROR).start()) {
      for (int i = 0; i < 50; i++) {
        send(counting);
      }
      instructions = send(counting)[0];
    }
    long before;
    long after;
    long totalNanos = 0;
    long hostNanos = 0;
    try (ProxyWasmHost host = ProxyWasmHost.load(WafLiteWasmTest.WASM).logLevel(LogLevel.ERROR).start()) {
      for (int i = 0; i < WARM_UP; i++) {
        send(host);
      }
      before = host.memorySize();
      for (int i = 0; i < REQUESTS; i++) {
        long[] cost = send(host);
        totalNanos += cost[1];
        hostNanos += cost[2];
      }
      after = host.memorySize();
      assertEquals(0, host.metric("waf_lite.blocked"));
    }
    int requestBytes = TYPICAL_BODY.length() + 560;
    System.out.printf("waf-lite benchmark (typical request: ~%d bytes, JSON body %d bytes)%n", requestBytes,
        TYPICAL_BODY.length());
    System.out.printf("  module: %d bytes raw, %d bytes after wasm-opt -Oz%n", rawSize, size);
    System.out.printf("  cost: %d WebAssembly instructions per request (headers + body callbacks)%n", instructions);
    System.out.printf("  wall time: %.1f us per request (mean of %d, wasmtime, this machine), of which %.1f us"
        + " in the harness's host functions%n", totalNanos / 1000.0 / REQUESTS, REQUESTS, hostNanos / 1000.0 / REQUESTS);
    System.out.printf("  linear memory: %d KiB after %d warm-up requests, %d KiB after %d more%n",
        before / 1024, WARM_UP, after / 1024, REQUESTS);
    assertEquals(before, after, "linear memory grew after warm-up");

    V8Benchmark.Result typical = V8Benchmark.load(WafLiteWasmTest.WASM)
        .request(typicalHeaders(), TYPICAL_BODY).warmUp(WARM_UP).requests(REQUESTS).run();
    assertTrue(typical.localResponse().isEmpty(), () -> "the typical request was blocked: " + typical.logs());
    assertTrue(typical.bodyAction().isPresent(), "the body never reached the plugin");
    assertEquals(0, typical.localResponses(), "a timed typical request was blocked");
    V8Benchmark.Result attack = V8Benchmark.load(WafLiteWasmTest.WASM)
        .request(seedAttackHeaders()).warmUp(WARM_UP).requests(REQUESTS / 10).run();
    assertEquals(403, attack.localResponse().orElseThrow().status());
    assertEquals(1L, attack.metricsAfterFirstRequest().get("waf_lite.blocked"));
    assertEquals(1 + attack.warmUp() + attack.requests(), attack.localResponses(), "a timed attack was let through");
    System.out.printf("  guest time in V8 (Node 20, %s): %.1f us median, %.1f us mean per typical request"
        + " (context create to delete; headers + body callbacks %.1f / %.1f us), %d requests after %d warm-up;"
        + " linear memory %d KiB -> %d KiB%n", typical.nodeVersion(), typical.medianMicros(), typical.meanMicros(),
        typical.headersAndBodyMedianMicros(), typical.headersAndBodyMeanMicros(), typical.requests(),
        typical.warmUp(), typical.memoryBefore() / 1024, typical.memoryAfter() / 1024);
    System.out.printf("  guest time in V8 for the seed attack GET %s (403 in the header phase):"
        + " %.1f us median, %.1f us mean per request%n", SEED_ATTACK_PATH, attack.medianMicros(), attack.meanMicros());
    if (Boolean.getBoolean("waf.bench.v8profile")) {
      printV8Profile();
    }
  }

  /**
   * With -Dwaf.bench.v8profile=true: where V8's time goes per function for the typical request
   * (names need a build with -Dteavm.minifying=false; the named module has the shipped code).
   */
  private static void printV8Profile() {
    Path file = Path.of("target/v8-typical.cpuprofile");
    V8Benchmark.load(Path.of("target/plugin.named.wasm")).request(typicalHeaders(), TYPICAL_BODY)
        .warmUp(WARM_UP).requests(REQUESTS).cpuProfile(file).run();
    System.out.println(V8Profile.read(file).top(30));
  }

  /** One typical request; returns {instructions (if counted, else -1), wall and host nanoseconds}. */
  private static long[] send(ProxyWasmHost host) {
    HttpStream stream = host.newHttpStream();
    stream.sendRequestHeaders(typicalHeaders(), false);
    long nanos = host.lastCallCost().wallTime().toNanos();
    long hostNanos = host.lastCallCost().hostTime().toNanos();
    long instructions = count(host);
    stream.sendRequestBody(TYPICAL_BODY, true);
    nanos += host.lastCallCost().wallTime().toNanos();
    hostNanos += host.lastCallCost().hostTime().toNanos();
    instructions += count(host);
    stream.complete();
    return new long[] {instructions, nanos, hostNanos};
  }

  private static long count(ProxyWasmHost host) {
    try {
      return host.lastCallCost().instructions();
    } catch (IllegalStateException notCounting) {
      return -1;
    }
  }
}
