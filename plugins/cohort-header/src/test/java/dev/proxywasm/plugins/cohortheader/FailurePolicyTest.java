package dev.proxywasm.plugins.cohortheader;

import static dev.proxywasm.plugins.cohortheader.CohortPlugin.COHORT;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpCall;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.LocalResponse;
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of not getting a cohort, under both policies: the request continues without the
 * header (or with the default cohort) under {@code fail_open}, gets a 503 under
 * {@code fail_closed}; either way the failure is logged once with its reason and counted.
 */
class FailurePolicyTest {

    /** How the bucket tester lets the request down; {@code null} answer: the call is never made. */
    private record Letdown(String name, String code, String logged, Consumer<HttpCall> answer) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Stream<Letdown> letdowns() {
        return Stream.of(
                new Letdown("unknown cluster", "call_rejected", "the host rejected the call (BAD_ARGUMENT for cluster \"bucket_tester\")", null),
                new Letdown("reset", "reset", "the call was reset (reason \"reset\")", HttpCall::fail),
                new Letdown("timeout", "timeout", "the call timed out (after 5000 ms)", HttpCall::expire),
                new Letdown("404", "bad_status", "non-2xx status (status 404)",
                        c -> c.respond(404, Headers.empty(), "dark-launch-7\n")),
                new Letdown("503 from the bucket tester", "bad_status", "(status 503)",
                        c -> c.respond(503, Headers.empty(), "upstream connect error")),
                new Letdown("status not a number", "bad_status", "(status missing or malformed)",
                        c -> c.respond(Headers.of(":status", "2OO"), "dark-launch-7".getBytes(StandardCharsets.UTF_8),
                                Headers.empty())),
                new Letdown("empty body", "empty_value", "an empty cohort (the answer holds no value)",
                        c -> c.respond(200, Headers.empty(), "")),
                new Letdown("blank body", "empty_value", "an empty cohort (the answer holds no value)",
                        c -> c.respond(200, Headers.empty(), " \r\n\t\n")),
                new Letdown("inner newline", "invalid_value", "(the value contains byte 0x0a at offset 4)",
                        c -> c.respond(200, Headers.empty(), "dark\nlaunch-7\n")),
                new Letdown("NUL byte", "invalid_value", "(the value contains byte 0x00 at offset 1)",
                        c -> c.respond(Headers.of(":status", "200"), new byte[] {'a', 0, 'b'}, Headers.empty())),
                new Letdown("non-ASCII", "invalid_value", "(the value contains byte 0xc3 at offset 3)",
                        c -> c.respond(200, Headers.empty(), "caf\u00e9")),
                new Letdown("too long", "invalid_value", "(the value is 129 bytes long, over max_value_length 128)",
                        c -> c.respond(200, Headers.empty(), "x".repeat(129) + "\n")),
                new Letdown("huge body", "invalid_value", "(the answer is 100000 bytes long, over max_value_length 128)",
                        c -> c.respond(200, Headers.empty(), "y".repeat(100_000))));
    }

    private static Stream<Arguments> failOpen() {
        return letdowns().map(Arguments::of);
    }

    private static ProxyWasmHost start(Letdown letdown, String config) {
        ProxyWasmHost.Builder builder = ProxyWasmHost.load(CohortPlugin.WASM).pluginConfig(config);
        // An undeclared cluster is what Envoy answers BadArgument for.
        return letdown.answer() == null ? builder.start() : builder.cluster(CohortPlugin.BUCKET_TESTER).start();
    }

    /** Sends a request that carries a cohort of its own and lets the bucket tester down. */
    private static HttpStream letDown(ProxyWasmHost host, Letdown letdown, Action expectedAtHeaders) {
        HttpStream stream = host.newHttpStream();
        Action action = stream.sendRequestHeaders(request().with(COHORT, "chosen-by-client"), true);
        if (letdown.answer() == null) {
            assertTrue(host.httpCalls().isEmpty());
            assertEquals(expectedAtHeaders, action);
        } else {
            assertEquals(Action.PAUSE, action);
            letdown.answer().accept(host.lastHttpCall());
        }
        return stream;
    }

    private static void assertLoggedAndCounted(ProxyWasmHost host, Letdown letdown, String outcome) {
        List<String> warnings = host.logMessages(LogLevel.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.startsWith("cohort-header: ") && warning.contains(letdown.logged())
                && warning.endsWith("; " + outcome), warning);
        for (Failure f : Failure.values()) {
            assertEquals(f.code().equals(letdown.code()) ? 1 : 0, host.metric("cohort_header.failures." + f.code()),
                    f.code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failOpen")
    void failOpenForwardsWithoutTheCohort(Letdown letdown) {
        try (ProxyWasmHost host = start(letdown, "{}")) {
            HttpStream stream = letDown(host, letdown, Action.CONTINUE);
            assertFalse(stream.isRequestPaused());
            assertFalse(stream.hasLocalResponse());
            assertFalse(stream.requestHeaders().contains(COHORT));
            assertLoggedAndCounted(host, letdown, "forwarding without x-test-cohort");
            assertEquals(Action.CONTINUE, stream.sendResponseHeaders(CohortPlugin.response(), true));
            assertEquals(Optional.of("it works!"), stream.responseHeaders().get("istioinaction"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failOpen")
    void failOpenWithADefaultForwardsTheDefault(Letdown letdown) {
        try (ProxyWasmHost host = start(letdown, "{\"default_cohort\": \"control\"}")) {
            HttpStream stream = letDown(host, letdown, Action.CONTINUE);
            assertFalse(stream.isRequestPaused());
            assertEquals(List.of("control"), stream.requestHeaders().getAll(COHORT));
            assertLoggedAndCounted(host, letdown, "forwarding with the default cohort");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failOpen")
    void failClosedAnswers503(Letdown letdown) {
        try (ProxyWasmHost host = start(letdown, "{\"failure_policy\": \"fail_closed\", \"default_cohort\": \"unused\"}")) {
            HttpStream stream = letDown(host, letdown, Action.PAUSE);
            LocalResponse reply = stream.localResponse();
            assertEquals(503, reply.status());
            assertEquals("cohort_header_" + letdown.code(), reply.details());
            Failure failure = Failure.valueOf(letdown.code().toUpperCase(java.util.Locale.ROOT));
            assertEquals("cohort-header: " + failure.description() + "\n", reply.body());
            assertEquals(Optional.of("text/plain"), reply.headers().get("content-type"));
            assertLoggedAndCounted(host, letdown, "answering 503");
        }
    }
}
