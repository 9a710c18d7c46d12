package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.LocalResponse;
import dev.proxywasm.harness.LogEntry;
import dev.proxywasm.harness.PluginStartException;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compiled module (target/plugin.wasm) in the harness: first the cases of the reference
 * filter's e2e test (istio-ecosystem/wasm-extensions test/basicauth), with its configuration,
 * then the host cases and what this plugin adds.
 */
class BasicAuthFilterTest {
    static final Path WASM = Path.of("target/plugin.wasm");

    /** The reference e2e test's filter configuration, with its realm variable. */
    static String referenceConfig(String realm) {
        return "{" + (realm == null ? "" : "\"realm\": \"" + realm + "\",") + """
                "basic_auth_rules": [
                  {"prefix": "/api", "request_methods": ["GET", "POST"],
                   "credentials": ["ok:test", "admin:admin", "admin2:admin2", "YWRtaW4zOmFkbWluMw=="]},
                  {"exact": "/api", "request_methods": ["GET", "POST"],
                   "credentials": ["admin:admin", "admin2:admin2", "ok:test", "YWRtaW4zOmFkbWluMw=="]}
                ]}""";
    }

    private ProxyWasmHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private ProxyWasmHost start(String config) {
        host = ProxyWasmHost.load(WASM).pluginConfig(config).start();
        return host;
    }

    static Headers request(String method, String path, String... more) {
        Headers headers = Headers.of(":method", method, ":path", path, ":authority", "example.com");
        for (int i = 0; i < more.length; i += 2) {
            headers = headers.with(more[i], more[i + 1]);
        }
        return headers;
    }

    private void assertPasses(Headers request) {
        HttpStream stream = host.newHttpStream();
        assertEquals(Action.CONTINUE, stream.sendRequestHeaders(request, true));
        assertFalse(stream.hasLocalResponse(), () -> "denied: " + stream.localResponse());
    }

    private LocalResponse assertDenied(Headers request) {
        HttpStream stream = host.newHttpStream();
        assertEquals(Action.PAUSE, stream.sendRequestHeaders(request, true), request::toString);
        assertTrue(stream.hasLocalResponse());
        LocalResponse response = stream.localResponse();
        assertEquals(401, response.status());
        return response;
    }

    private void assertDeniedWithoutCredentials(Headers request, String realm) {
        LocalResponse response = assertDenied(request);
        assertEquals(Optional.of("Basic realm=" + realm), response.headers().get("www-authenticate"));
        assertEquals(BasicAuthStream.NO_CREDENTIALS_MESSAGE, response.body());
        assertEquals(BasicAuthStream.NO_CREDENTIALS_MESSAGE.replace(' ', '_'), response.details());
    }

    private void assertDeniedAsInvalid(Headers request) {
        LocalResponse response = assertDenied(request);
        assertEquals(Optional.of("Basic realm=istio"), response.headers().get("www-authenticate"));
        assertEquals(BasicAuthStream.INVALID_CREDENTIALS_MESSAGE, response.body());
    }

    // ---- the reference e2e cases ----

    @Test
    void correctCredentialsPass() {
        start(referenceConfig(null));
        assertPasses(request("GET", "/api", "authorization", "Basic b2s6dGVzdA=="));
    }

    @Test
    void incorrectCredentialsAreDeniedWithTheRealm() {
        start(referenceConfig(null));
        assertDeniedAsInvalid(request("POST", "/api/reviews/pay", "authorization", "Basic AtRtaW46YWRtaW4="));
    }

    @Test
    void aBase64ConfiguredCredentialPasses() {
        start(referenceConfig(null));
        assertPasses(request("POST", "/api/reviews/pay", "authorization", "Basic YWRtaW4zOmFkbWluMw=="));
    }

    @Test
    void missingCredentialsAreDenied() {
        start(referenceConfig(null));
        assertDeniedWithoutCredentials(request("GET", "/api/reviews/pay"), "istio");
        assertDeniedWithoutCredentials(request("POST", "/api/reviews/pay"), "istio");
    }

    @Test
    void aPathNoRuleMatchesPasses() {
        start(referenceConfig(null));
        assertPasses(request("GET", "/secret"));
    }

    @Test
    void aMethodNoRuleNamesPasses() {
        start(referenceConfig(null));
        assertPasses(request("DELETE", "/api/reviews/pay"));
    }

    @Test
    void theConfiguredRealmIsAnnounced() {
        start(referenceConfig("test"));
        assertDeniedWithoutCredentials(request("POST", "/api/reviews/pay"), "test");
    }

    // ---- hosts ----

    static String hostsConfig() {
        return """
                {"basic_auth_rules": [{"prefix": "/", "request_methods": ["GET"], "credentials": ["ok:test"],
                  "hosts": ["exact.example.com", "prefix.*", "*.suffix.com", "api.example.com:8080"]}]}""";
    }

    @Test
    void aHostNoRuleNamesPasses() {
        start(hostsConfig());
        assertPasses(request("GET", "/").without(":authority").with(":authority", "other.example.com"));
        assertPasses(request("GET", "/").without(":authority").with(":authority", "exact.example.com.evil.net"));
    }

    @Test
    void exactPrefixAndSuffixHostsAreProtected() {
        start(hostsConfig());
        for (String authority : new String[] {"exact.example.com", "exact.example.com:8443", "prefix.anything",
            "www.suffix.com", "EXACT.Example.com", "api.example.com", "api.example.com:9090"}) {
            assertDeniedWithoutCredentials(request("GET", "/").without(":authority").with(":authority", authority), "istio");
        }
        assertPasses(request("GET", "/", "authorization", "Basic b2s6dGVzdA==").without(":authority").with(":authority", "www.suffix.com"));
    }

    // ---- beyond the reference ----

    @Test
    void theSchemeIsCaseInsensitiveAndSpacesAreTolerated() {
        start(referenceConfig(null));
        assertPasses(request("GET", "/api", "authorization", "basic   b2s6dGVzdA  "));
        assertPasses(request("GET", "/api", "authorization", "BASIC b2s6dGVzdA=="));
        assertDeniedAsInvalid(request("GET", "/api", "authorization", "Basic b2s6dGVz%A=="));
        assertDeniedWithoutCredentials(request("GET", "/api", "authorization", "Bearer b2s6dGVzdA=="), "istio");
    }

    @Test
    void hashedCredentialsWork() {
        // printf %s 's3cret' | openssl dgst -sha256 -binary | base64
        start("""
                {"basic_auth_rules": [{"prefix": "/", "request_methods": ["GET"],
                  "credentials": ["alice:{SHA256}HsHCa1DV08WNlYMYGvgHZlX+AHVr9yhZQLo2cPmfy6A=",
                    "bob:{SSHA256}8OqS9wl2xIrAiwfLlAEbrXP0d5djMS/xyq6dBspKWIFOYUNsLXNhbHQtMTZieXRl"]}]}""");
        assertPasses(request("GET", "/", "authorization", "Basic YWxpY2U6czNjcmV0"));
        assertDeniedAsInvalid(request("GET", "/", "authorization", "Basic YWxpY2U6czNjcmVU"));
        // bob:pepper! with the salt "NaCl-salt-16byte"
        assertPasses(request("GET", "/", "authorization", "Basic Ym9iOnBlcHBlciE="));
        assertDeniedAsInvalid(request("GET", "/", "authorization", "Basic Ym9iOnBlcHBlcj8="));
    }

    @Test
    void countsAllowedAndDeniedRequests() {
        start(referenceConfig(null));
        assertPasses(request("GET", "/api", "authorization", "Basic b2s6dGVzdA=="));
        assertPasses(request("GET", "/secret"));
        assertDenied(request("GET", "/api"));
        assertDenied(request("GET", "/api", "authorization", "Basic YWRtaW46YWRtaW5="));
        assertDenied(request("GET", "/api", "authorization", "Basic YWRtaW46YWRtaW4x"));
        assertEquals(1, host.metric("basic_auth.allowed"));
        assertEquals(3, host.metric("basic_auth.denied"));
    }

    @Test
    void credentialsAndAuthorizationValuesAreNeverLogged() {
        start("""
                {"realm": "r", "unknown": 1, "basic_auth_rules": [{"prefix": "/", "request_methods": ["GET"],
                  "credentials": ["ok:hunter2", "YWRtaW46c3dvcmRmaXNo"]}]}""");
        assertPasses(request("GET", "/", "authorization", "Basic b2s6aHVudGVyMg=="));
        assertDenied(request("GET", "/", "authorization", "Basic YWRtaW46c3dvcmRmaXNo="));
        assertDenied(request("GET", "/"));
        assertFalse(host.logs().isEmpty());
        for (LogEntry entry : host.logs()) {
            for (String secret : new String[] {"hunter2", "b2s6aHVudGVyMg", "YWRtaW46c3dvcmRmaXNo", "swordfish"}) {
                assertFalse(entry.message().contains(secret), entry.message());
            }
        }
    }

    @Test
    void aBadConfigurationIsRejectedNamingRuleAndField() {
        PluginStartException failure = assertThrows(PluginStartException.class, () -> ProxyWasmHost.load(WASM)
                .pluginConfig("{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"],"
                        + " \"credentials\": [\"ok:test\", \"not-base64!\"]}]}").start());
        assertTrue(failure.logs().stream().anyMatch(e -> e.message().equals(
                "basic_auth: configuration rejected: basic_auth_rules[0].credentials[1]:"
                        + " neither user:password nor base64 of a non-empty value")), failure.logs().toString());
        assertFalse(failure.logs().toString().contains("not-base64"));
    }

    @Test
    void anEmptyConfigurationProtectsNothing() {
        for (String config : new String[] {"", "{}"}) {
            start(config);
            assertPasses(request("GET", "/api"));
            host.close();
            host = null;
        }
    }
}
