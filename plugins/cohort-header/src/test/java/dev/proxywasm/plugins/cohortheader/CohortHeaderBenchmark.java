package dev.proxywasm.plugins.cohortheader;

import static dev.proxywasm.plugins.cohortheader.CohortPlugin.COHORT;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.harness.CallCost;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Prints what a request costs the plugin, with a bucket-tester call and with a sticky-cache
 * hit, in WebAssembly instructions (deterministic) and in wall time, and the module's size.
 * Figures are printed, not asserted: only the behaviour measured is checked.
 */
class CohortHeaderBenchmark {
    private static final int WARM_UP = 50;
    private static final int REQUESTS = 500;
    private static final String STICKY = "{\"sticky\": {\"key_header\": \"x-user-id\", \"ttl_ms\": 600000}}";

    /** Instructions or wall nanoseconds of each measured request. */
    private record Costs(long[] instructions, long[] wallNanos) {}

    @Test
    void printsPerRequestCostAndModuleSize() throws IOException {
        long raw = Files.size(Path.of("target/wasm/plugin.raw.wasm"));
        long shipped = Files.size(CohortPlugin.WASM);
        System.out.printf("cohort-header module: raw %,d B, wasm-opt -Oz %,d B%n", raw, shipped);

        report("call per request (pluginConfig {})", measure("{}", false, true), measure("{}", false, false));
        report("sticky cache hit", measure(STICKY, true, true), measure(STICKY, true, false));
        report("sticky cache miss", measure(STICKY, false, true), measure(STICKY, false, false));
    }

    /**
     * Runs requests and returns the cost of the measured ones: every callback from the stream's
     * creation to its deletion, the bucket tester's answer included.
     */
    private static Costs measure(String config, boolean cacheHits, boolean countInstructions) {
        ProxyWasmHost.Builder builder = ProxyWasmHost.load(CohortPlugin.WASM).pluginConfig(config)
                .cluster(CohortPlugin.BUCKET_TESTER, call -> call.respond(200, Headers.empty(), "dark-launch-7\n"));
        if (countInstructions) {
            builder.countInstructions();
        }
        try (ProxyWasmHost host = builder.start()) {
            long[] instructions = new long[REQUESTS];
            long[] wall = new long[REQUESTS];
            for (int i = -WARM_UP; i < REQUESTS; i++) {
                // Hits: one user, answered once during warm-up. Misses: a new user every time.
                String user = cacheHits ? "alice" : "user-" + i;
                int before = host.callCosts().size();
                HttpStream stream = host.newHttpStream();
                stream.sendRequestHeaders(request().with("x-user-id", user), true);
                stream.sendResponseHeaders(CohortPlugin.response(), true);
                stream.complete();
                assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
                if (i >= 0) {
                    List<CallCost> costs = host.callCosts();
                    for (CallCost c : costs.subList(before, costs.size())) {
                        wall[i] += c.wallTime().toNanos();
                        if (countInstructions) {
                            instructions[i] += c.instructions();
                        }
                    }
                }
            }
            long expectedCalls = cacheHits ? 1 : WARM_UP + REQUESTS;
            assertEquals(expectedCalls, host.httpCalls().size());
            return new Costs(instructions, wall);
        }
    }

    private static void report(String what, Costs counted, Costs plain) {
        long[] instructions = counted.instructions().clone();
        long[] wall = plain.wallNanos().clone();
        Arrays.sort(instructions);
        Arrays.sort(wall);
        System.out.printf("%-36s %,9d instructions/request (min %,d, max %,d); wall median %.1f us, p90 %.1f us%n",
                what, instructions[instructions.length / 2], instructions[0], instructions[instructions.length - 1],
                wall[wall.length / 2] / 1000.0, wall[wall.length * 9 / 10] / 1000.0);
    }
}
