package dev.proxywasm.plugins.basicauth;

import static dev.proxywasm.plugins.basicauth.BasicAuthFilterTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.CModuleCompiler;
import dev.proxywasm.harness.CallCost;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
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
 */
class BasicAuthBenchmark {
    static final int CREDENTIALS = 1000;
    static final int TIMED_RUNS = 3000;
    static final int COUNTED_RUNS = 300;

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
