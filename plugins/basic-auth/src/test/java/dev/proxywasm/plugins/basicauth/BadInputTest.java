package dev.proxywasm.plugins.basicauth;

import static dev.proxywasm.plugins.basicauth.BasicAuthFilterTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.PluginStartException;
import dev.proxywasm.harness.ProxyWasmHost;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input through the compiled module: each gets the answer documented in the
 * README (401 or pass), never a trap.
 */
class BadInputTest {
    private ProxyWasmHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private int status(Headers request) {
        HttpStream stream = host.newHttpStream();
        Action action = stream.sendRequestHeaders(request, true);
        if (!stream.hasLocalResponse()) {
            assertEquals(Action.CONTINUE, action);
            return 200;
        }
        assertEquals(Action.PAUSE, action);
        return stream.localResponse().status();
    }

    @Test
    void missingPseudoHeaders() {
        host = ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig("""
                {"basic_auth_rules": [
                  {"prefix": "", "request_methods": ["GET"], "credentials": ["ok:test"]},
                  {"prefix": "/", "hosts": ["*"], "request_methods": ["POST"], "credentials": ["ok:test"]}]}""")
                .start();
        // No :method: no rule can apply.
        assertEquals(200, status(Headers.of(":path", "/", ":authority", "a")));
        // No :path is an empty path: only an empty prefix (or suffix) matches it.
        assertEquals(401, status(Headers.of(":method", "GET", ":authority", "a")));
        assertEquals(200, status(Headers.of(":method", "POST", ":authority", "a")));
        // No :authority is an empty host, which "*" matches.
        assertEquals(401, status(Headers.of(":method", "POST", ":path", "/")));
        assertEquals(200, status(Headers.empty()));
    }

    @Test
    void duplicateAuthorizationHeaders() {
        host = ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig(BasicAuthFilterTest.referenceConfig(null)).start();
        // Envoy folds repeated Authorization headers into one comma-separated value: not base64.
        assertEquals(401, status(request("GET", "/api", "authorization", "Basic b2s6dGVzdA==,Basic b2s6dGVzdA==")));
        // A host that keeps them apart answers a lookup with the first, which decides.
        assertEquals(200, status(request("GET", "/api", "authorization", "Basic b2s6dGVzdA==")
                .with("authorization", "Basic eDp5")));
        assertEquals(401, status(request("GET", "/api", "authorization", "Basic eDp5")
                .with("authorization", "Basic b2s6dGVzdA==")));
    }

    @Test
    void nonAsciiAndOverlongHeaders() {
        host = ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig("""
                {"basic_auth_rules": [{"prefix": "/api", "hosts": ["*.example.com"], "request_methods": ["GET"],
                  "credentials": ["ok:test", "ünï:cødé"]}]}""").start();
        String big = "x".repeat(64 * 1024);
        assertEquals(401, status(request("GET", "/api", "authorization", "Basic " + big).without(":authority").with(":authority", "a.example.com")));
        assertEquals(401, status(request("GET", "/api/" + big).without(":authority").with(":authority", "a.example.com")));
        assertEquals(401, status(request("GET", "/api").without(":authority").with(":authority", big + ".example.com")));
        assertEquals(200, status(request("GET", "/api").without(":authority").with(":authority", big)));
        String longCredential = Base64.getEncoder().encodeToString(("ok:" + big).getBytes());
        assertEquals(401, status(request("GET", "/api", "authorization", "Basic " + longCredential)
                .without(":authority").with(":authority", "a.example.com")));
        assertEquals(401, status(request("GET", "/api", "authorization", "Basic ünï:cødé").without(":authority").with(":authority", "a.example.com")));
        assertEquals(401, status(request("GET", "/api", "authorization", "Básic b2s6dGVzdA==").without(":authority").with(":authority", "a.example.com")));
        assertEquals(200, status(request("GET", "/api", "authorization",
                "Basic " + Base64.getEncoder().encodeToString("ünï:cødé".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .without(":authority").with(":authority", "a.example.com")));
        assertEquals(200, status(request("GET", "/api\u00e9").without(":authority").with(":authority", "ä.b")));
        assertEquals(401, status(request("GET", "/api\u0000x", "authorization", "Basic \u0000").without(":authority").with(":authority", "a.example.com")));
    }

    @Test
    void aHugeCredentialListStartsAndChecksQuickly() {
        StringBuilder config = new StringBuilder("{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [");
        for (int i = 0; i < 20_000; i++) {
            config.append(i == 0 ? "" : ",").append("\"user").append(i).append(":password-").append(i).append('"');
        }
        host = ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig(config.append("]}]}").toString()).start();
        for (int i = 0; i < 20_000; i += 997) {
            String good = Base64.getEncoder().encodeToString(("user" + i + ":password-" + i).getBytes());
            String bad = Base64.getEncoder().encodeToString(("user" + i + ":password-" + (i + 1)).getBytes());
            assertEquals(200, status(request("GET", "/", "authorization", "Basic " + good)));
            assertEquals(401, status(request("GET", "/", "authorization", "Basic " + bad)));
        }
    }

    @Test
    void hostileConfigurationsAreRejectedNotTrapped() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        for (String config : new String[] {"{\"x\": " + deep + "}", "{\"basic_auth_rules\": " + deep + "}",
            "\u0000", "{\"realm\": \"\\ud800\"}", "{\"basic_auth_rules\": [{\"prefix\": \"" + "a".repeat(100_000) + "\""}) {
            PluginStartException failure = assertThrows(PluginStartException.class,
                    () -> ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig(config).start());
            assertTrue(failure.logs().stream().anyMatch(e -> e.message().startsWith("basic_auth: configuration rejected: ")),
                    failure.logs().toString());
        }
    }
}
