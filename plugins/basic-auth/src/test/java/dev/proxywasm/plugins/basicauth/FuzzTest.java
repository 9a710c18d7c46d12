package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 12,000 random and mutated requests through the compiled module: none may trap (a trap fails
 * the test with WasmTrapException), and every answer must be the one the same policy gives on the
 * JVM, so the Wasm build cannot drift from the tested Java semantics.
 */
class FuzzTest {
    static final int REQUESTS = 12_000;
    static final String CONFIG = """
            {"realm": "fuzz", "basic_auth_rules": [
              {"prefix": "/api", "request_methods": ["GET", "POST"], "credentials": ["ok:test", "YWRtaW4zOmFkbWluMw=="]},
              {"exact": "/admin", "hosts": ["*.example.com", "admin.*", "[::1]"], "request_methods": ["GET", "DELETE"],
               "credentials": ["root:{SHA256}HsHCa1DV08WNlYMYGvgHZlX+AHVr9yhZQLo2cPmfy6A=", "ok:test"]},
              {"suffix": ".json", "request_methods": ["GET"], "credentials": ["ünï:cødé", "ok:test"]}]}""";

    static final String[] METHODS = {"GET", "POST", "DELETE", "PUT", "get", "", "GET ", "OPTIONS"};
    static final String[] PATHS = {"/api", "/api/x?y=1", "/admin", "/admin?", "/a.json", "/", "", "/API", "/admin/"};
    static final String[] HOSTS = {"www.example.com", "admin.x", "[::1]:80", "[::1]", "::1", "example.com",
        "WWW.EXAMPLE.COM:8080", "", "admin.", ":80"};
    static final String[] USERS = {"ok:test", "admin3:admin3", "root:s3cret", "ünï:cødé", "ok:tes", "root", ":", ""};

    private final Random random = new Random(20240611);

    @Test
    void randomAndMutatedRequestsNeverTrapAndMatchTheJvmPolicy() throws Exception {
        AccessPolicy oracle = BasicAuthConfig.parse(CONFIG.getBytes(StandardCharsets.UTF_8)).policy();
        int denied = 0;
        try (ProxyWasmHost host = ProxyWasmHost.load(BasicAuthFilterTest.WASM).pluginConfig(CONFIG).start()) {
            for (int i = 0; i < REQUESTS; i++) {
                String method = maybe(mutate(pick(METHODS)));
                String path = maybe(mutate(pick(PATHS)));
                String authority = maybe(mutate(pick(HOSTS)));
                String authorization = maybe(mutate(authorization()));
                Headers headers = Headers.empty();
                headers = method == null ? headers : headers.with(":method", method);
                headers = path == null ? headers : headers.with(":path", path);
                headers = authority == null ? headers : headers.with(":authority", authority);
                headers = authorization == null ? headers : headers.with("authorization", authorization);

                HttpStream stream = host.newHttpStream();
                Action action = stream.sendRequestHeaders(headers, true);
                stream.complete();
                int expected = oracle.check(AccessPolicyTest.utf8(method), new AccessPolicyTest.Request(
                        AccessPolicyTest.utf8(path), AccessPolicyTest.utf8(authority), AccessPolicyTest.utf8(authorization)));
                boolean deny = expected == Verdict.NO_CREDENTIALS || expected == Verdict.INVALID_CREDENTIALS;
                String what = "request " + i + ": " + headers;
                assertEquals(deny ? Action.PAUSE : Action.CONTINUE, action, what);
                assertEquals(deny, stream.hasLocalResponse(), what);
                if (deny) {
                    denied++;
                    assertEquals(401, stream.localResponse().status(), what);
                    assertEquals(Optional.of("Basic realm=fuzz"), stream.localResponse().headers().get("www-authenticate"));
                    assertEquals(expected == Verdict.NO_CREDENTIALS ? BasicAuthStream.NO_CREDENTIALS_MESSAGE
                            : BasicAuthStream.INVALID_CREDENTIALS_MESSAGE, stream.localResponse().body(), what);
                }
            }
            assertEquals(denied, host.metric("basic_auth.denied"));
        }
        System.out.println("fuzz: " + REQUESTS + " requests, " + denied + " denied, no trap");
    }

    private String authorization() {
        String credential = Base64.getEncoder().encodeToString(pick(USERS).getBytes(StandardCharsets.UTF_8));
        String[] schemes = {"Basic ", "basic  ", "BASIC\t", "Bearer ", "Basic", " Basic "};
        return pick(schemes) + credential;
    }

    /** Leaves the value as it is half the time, else damages it one of several ways. */
    private String mutate(String value) {
        if (random.nextBoolean()) {
            return value;
        }
        StringBuilder s = new StringBuilder(value);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(7)) {
                case 0 -> s.insert(at, randomChar());
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.replace(at, at + 1, randomChar());
                    }
                }
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, "=:/ *[]".charAt(random.nextInt(7)));
                case 5 -> s.append(s);
                default -> s.insert(at, "x".repeat(random.nextInt(3000)));
            }
        }
        // Edits may split a surrogate pair; the host sends UTF-8, so judge what the guest receives.
        return new String(s.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Printable ASCII mostly, some Latin-1, CJK and emoji (never a lone surrogate). */
    private String randomChar() {
        return switch (random.nextInt(10)) {
            case 0 -> String.valueOf((char) (0xa0 + random.nextInt(0x60)));
            case 1 -> String.valueOf((char) (0x4e00 + random.nextInt(0x100)));
            case 2 -> "\ud83d\ude00";
            default -> String.valueOf((char) (0x20 + random.nextInt(0x5f)));
        };
    }

    private String maybe(String value) {
        return random.nextInt(20) == 0 ? null : value;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
