package dev.proxywasm.abi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Prints what the SDK costs: module size, VM start time, and {@code proxy_on_request_headers}
 * with 10 headers (executed Wasm instructions, deterministic; and wall time, noisy). Figures
 * only: nothing here asserts on time.
 */
class SdkCostBenchmark {
    static final Headers TEN_HEADERS = Headers.of(
            ":method", "GET", ":path", "/read-all", ":authority", "api.example.com", ":scheme", "https",
            "user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0",
            "accept", "text/html,application/xhtml+xml", "accept-language", "en-GB,en;q=0.9",
            "accept-encoding", "gzip, deflate, br", "x-request-id", "5f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "cookie", "session=abc123; theme=dark");

    @Test
    void printCosts() throws Exception {
        long size = Files.size(ConformanceTest.WASM);
        long[] startNanos = new long[5];
        for (int i = 0; i < startNanos.length; i++) {
            long t0 = System.nanoTime();
            try (ProxyWasmHost host = ProxyWasmHost.load(ConformanceTest.WASM).start()) {
                startNanos[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(startNanos);
        System.out.printf("SDK cost: conformance module %,d B; VM start (compile, instantiate, _initialize, "
                + "configure) median %.0f ms%n", size, startNanos[2] / 1e6);
        for (String route : new String[] {"/read-all", "/read-one", "/none"}) {
            Headers headers = TEN_HEADERS.without(":path").with(":path", route);
            // Averaged over many requests: an occasional one pays for a young-generation GC.
            long instructions = 0;
            long minInstructions = Long.MAX_VALUE;
            int counted = 500;
            try (ProxyWasmHost counting = ProxyWasmHost.load(ConformanceTest.WASM).countInstructions().start()) {
                for (int i = 0; i < counted; i++) {
                    HttpStream stream = counting.newHttpStream();
                    assertEquals(Action.CONTINUE, stream.sendRequestHeaders(headers, true));
                    long cost = counting.lastCallCost().instructions();
                    instructions += cost;
                    minInstructions = Math.min(minInstructions, cost);
                    stream.complete();
                }
            }
            instructions /= counted;
            try (ProxyWasmHost host = ProxyWasmHost.load(ConformanceTest.WASM).start()) {
                long[] micros = new long[400];
                for (int i = 0; i < micros.length; i++) {
                    HttpStream stream = host.newHttpStream();
                    stream.sendRequestHeaders(headers, true);
                    micros[i] = host.lastCallCost().wallTime().toNanos() / 1000;
                    stream.complete();
                }
                Arrays.sort(micros);
                System.out.printf("SDK cost: proxy_on_request_headers, 10 headers, %s: %,d instructions on average "
                        + "(%,d without a GC), wall median %d us (p90 %d us)%n", route, instructions, minInstructions,
                        micros[200], micros[360]);
            }
        }
    }
}
