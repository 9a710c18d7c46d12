package dev.proxywasm.plugins.basicauth;

import static dev.proxywasm.plugins.basicauth.BasicAuthFilterTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.CModuleCompiler;
import dev.proxywasm.harness.CallCost;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import dev.proxywasm.harness.V8Benchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints what a request costs the Java plugin and the same check written in C
 * (src/test/c/basic_auth.c), both with 1,000 credentials, in the same harness: WebAssembly
 * instructions of {@code proxy_on_request_headers} (deterministic for a given heap state; averaged
 * over 300 requests so the guest's occasional GC is shared out) and its median wall time, and
 * the module sizes. It asserts only that both modules answer as expected, never on time.
 *
 * <p>The harness's wall time includes about 19 µs per call from the plugin into a Java host
 * function (wasmtime-java), so the same allowed and denied requests are also timed in Node 20's
 * V8, Envoy's default runtime, with {@link V8Benchmark}, whose host calls cost nanoseconds: that
 * checks "within 1.5x of a C filter's cost" in wall time too.
 */
class BasicAuthBenchmark {
    static final int CREDENTIALS = 1000;
    static final int TIMED_RUNS = 3000;
    static final int COUNTED_RUNS = 300;
    static final int V8_WARM_UP = 2000;
    static final int V8_RUNS = 20000;

    record Module(String name, Path wasm, String config) {
    }

    record Cost(long instructions, double micros, long streamInstructions) {
    }

    @Test
    void printsCostPerRequestAndModuleSize() throws Exception {
        StringBuilder json = new StringBuilder("{\"basic_auth_rules\": [{\"prefix\": \"/api\", \"request_methods\": [\"GET\", \"POST\"], \"credentials\": [");
        StringBuilder lines = new StringBuilder("istio\n/api\nGET POST");
        for (int i = 0; i < CREDENTIALS; i++) {
            json.append(i == 0 ? "\"" : ",\"").append("user").append(i).append(":password").append(i).append('"');
            lines.append("\nuser").append(i).append(":password").append(i);
        }
        json.append("]}]}");
        Path c = CModuleCompiler.compile(Path.of("src/test/c/basic_auth.c"), Path.of("target/c-modules/basic_auth.wasm"));
        Path cOz = optimize(c, Path.of("target/c-modules/basic_auth.oz.wasm"));
        List<Module> modules = List.of(new Module("Java (TeaVM, -Oz)", BasicAuthFilterTest.WASM, json.toString()),
                new Module("C (clang -O2)", c, lines.toString()), new Module("C (clang -O2, -Oz)", cOz, lines.toString()));

        Headers allowed = request("GET", "/api/items", "authorization", "Basic " + encode("user500:password500"));
        Headers denied = request("GET", "/api/items", "authorization", "Basic " + encode("user500:password501"));
        Headers missing = request("GET", "/api/items");
        Headers unprotected = request("GET", "/public");

        System.out.println();
        System.out.printf("basic-auth benchmark: %d credentials, one prefix rule; proxy_on_request_headers only"
                + " (stream = create + headers + done + delete)%n", CREDENTIALS);
        System.out.printf("%-20s %-12s %14s %10s %20s%n", "module", "request", "instructions", "median us", "stream instructions");
        List<Cost> java = new ArrayList<>();
        List<Cost> cost = new ArrayList<>();
        for (Module module : modules) {
            String[] names = {"allowed", "denied", "no creds", "unprotected"};
            Headers[] requests = {allowed, denied, missing, unprotected};
            for (int r = 0; r < requests.length; r++) {
                Cost measured = measure(module, requests[r], r == 0 || r == 3 ? Action.CONTINUE : Action.PAUSE);
                System.out.printf("%-20s %-12s %14d %10.2f %20d%n", module.name(), names[r], measured.instructions(),
                        measured.micros(), measured.streamInstructions());
                (module == modules.get(0) ? java : module == modules.get(1) ? cost : new ArrayList<Cost>()).add(measured);
            }
        }
        for (int r = 0; r < 2; r++) {
            System.out.printf("Java / C, %s: %.2fx instructions, %.2fx wall time%n", r == 0 ? "allowed" : "denied",
                    (double) java.get(r).instructions() / cost.get(r).instructions(),
                    java.get(r).micros() / cost.get(r).micros());
        }
        System.out.println();
        System.out.printf("in V8 (Node 20): median / mean us over %d requests after %d warm-up; headers ="
                + " proxy_on_request_headers alone, stream = create to delete%n", V8_RUNS, V8_WARM_UP);
        System.out.printf("%-20s %-12s %20s %20s%n", "module", "request", "headers us", "stream us");
        List<V8Benchmark.Result> javaV8 = new ArrayList<>();
        List<V8Benchmark.Result> cV8 = new ArrayList<>();
        for (Module module : modules) {
            V8Benchmark.Result allowedV8 = inV8(module, allowed);
            assertTrue(allowedV8.localResponse().isEmpty(), () -> module.name() + " denied the allowed request in V8");
            assertEquals(0, allowedV8.localResponses());
            V8Benchmark.Result deniedV8 = inV8(module, denied);
            assertEquals(401, deniedV8.localResponse().orElseThrow().status());
            assertEquals(1 + V8_WARM_UP + V8_RUNS, deniedV8.localResponses());
            for (V8Benchmark.Result r : List.of(allowedV8, deniedV8)) {
                System.out.printf("%-20s %-12s %9.2f / %-8.2f %9.2f / %-8.2f%n", module.name(), r == allowedV8 ? "allowed" : "denied",
                        r.headersAndBodyMedianMicros(), r.headersAndBodyMeanMicros(), r.medianMicros(), r.meanMicros());
            }
            (module == modules.get(0) ? javaV8 : module == modules.get(1) ? cV8 : new ArrayList<V8Benchmark.Result>())
                    .addAll(List.of(allowedV8, deniedV8));
        }
        for (int r = 0; r < 2; r++) {
            System.out.printf("Java / C in V8, %s: %.2fx headers median, %.2fx stream median%n", r == 0 ? "allowed" : "denied",
                    javaV8.get(r).headersAndBodyMedianMicros() / cV8.get(r).headersAndBodyMedianMicros(),
                    javaV8.get(r).medianMicros() / cV8.get(r).medianMicros());
        }
        System.out.printf("module size: Java raw %d B, Java -Oz %d B; C -O2 %d B, C -O2 + wasm-opt -Oz %d B%n",
                Files.size(Path.of("target/wasm/plugin.raw.wasm")), Files.size(BasicAuthFilterTest.WASM),
                Files.size(c), Files.size(cOz));
    }

    private static Cost measure(Module module, Headers request, Action expected) {
        long instructions;
        long streamInstructions = 0;
        try (ProxyWasmHost host = ProxyWasmHost.load(module.wasm()).pluginConfig(module.config()).countInstructions().start()) {
            for (int i = 0; i < 50; i++) {
                run(host, request, expected);
            }
            // Averaged over many requests: a call that triggers the guest's GC pays for it.
            long headers = 0;
            for (int i = 0; i < COUNTED_RUNS; i++) {
                int before = host.callCosts().size();
                run(host, request, expected);
                List<CallCost> costs = host.callCosts().subList(before, host.callCosts().size());
                headers += headersCost(costs).instructions();
                for (CallCost c : costs) {
                    streamInstructions += c.instructions();
                }
            }
            instructions = headers / COUNTED_RUNS;
            streamInstructions /= COUNTED_RUNS;
        }
        List<Long> nanos = new ArrayList<>();
        try (ProxyWasmHost host = ProxyWasmHost.load(module.wasm()).pluginConfig(module.config()).start()) {
            for (int i = 0; i < TIMED_RUNS; i++) {
                int before = host.callCosts().size();
                run(host, request, expected);
                if (i >= TIMED_RUNS / 3) {
                    nanos.add(headersCost(host.callCosts().subList(before, host.callCosts().size())).wallTime().toNanos());
                }
            }
        }
        Collections.sort(nanos);
        return new Cost(instructions, nanos.get(nanos.size() / 2) / 1000.0, streamInstructions);
    }

    private static V8Benchmark.Result inV8(Module module, Headers request) {
        return V8Benchmark.load(module.wasm()).pluginConfig(module.config()).request(request)
                .warmUp(V8_WARM_UP).requests(V8_RUNS).run();
    }

    private static void run(ProxyWasmHost host, Headers request, Action expected) {
        HttpStream stream = host.newHttpStream();
        assertEquals(expected, stream.sendRequestHeaders(request, true));
        stream.complete();
    }

    private static CallCost headersCost(List<CallCost> costs) {
        return costs.stream().filter(c -> c.callback().equals("proxy_on_request_headers")).findFirst().orElseThrow();
    }

    private static Path optimize(Path in, Path out) throws Exception {
        Process p = new ProcessBuilder("wasm-opt", "-Oz", "--enable-bulk-memory", in.toString(), "-o", out.toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        return out;
    }

    private static String encode(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes());
    }
}
