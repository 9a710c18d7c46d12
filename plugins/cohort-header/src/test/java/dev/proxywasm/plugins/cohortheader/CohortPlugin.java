package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.file.Path;

/** The compiled module under test and the requests the tests send through it. */
final class CohortPlugin {
    /** The shipped module: the build writes it before the tests run. */
    static final Path WASM = Path.of("target/plugin.wasm");
    static final String BUCKET_TESTER = "bucket_tester";
    static final String COHORT = "x-test-cohort";

    private CohortPlugin() {
    }

    /** A host running the plugin with {@code config}, whose {@code bucket_tester} cluster the test answers. */
    static ProxyWasmHost start(String config) {
        return ProxyWasmHost.load(WASM).pluginConfig(config).cluster(BUCKET_TESTER).start();
    }

    /** A request to httpbin, as the sidecar sees it. */
    static Headers request() {
        return Headers.of(":method", "GET", ":path", "/headers", ":scheme", "http", ":authority", "httpbin:8000",
                "user-agent", "curl/8.5.0", "accept", "*/*");
    }

    /** httpbin's response headers. */
    static Headers response() {
        return Headers.of(":status", "200", "content-type", "application/json", "content-length", "2");
    }
}
