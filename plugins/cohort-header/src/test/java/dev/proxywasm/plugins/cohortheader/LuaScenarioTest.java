package dev.proxywasm.plugins.cohortheader;

import static dev.proxywasm.plugins.cohortheader.CohortPlugin.BUCKET_TESTER;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.COHORT;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.request;
import static dev.proxywasm.plugins.cohortheader.CohortPlugin.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpCall;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.ProxyWasmHost;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Lua filter's scenario on the compiled module: {@code pluginConfig: {}} plus a
 * {@code bucket_tester} cluster that answers like {@code http-echo -text=dark-launch-7}.
 */
class LuaScenarioTest {

    @Test
    void darkLaunchAnswerBecomesTheCohortHeaderAndTheResponseIsMarked() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream stream = host.newHttpStream();
            assertEquals(Action.PAUSE, stream.sendRequestHeaders(request(), true));
            assertTrue(stream.isRequestPaused());

            HttpCall call = host.lastHttpCall();
            assertEquals(BUCKET_TESTER, call.cluster());
            assertEquals(Headers.of(":method", "GET", ":path", "/", ":scheme", "http",
                    ":authority", "bucket-tester.istioinaction.svc.cluster.local", "accept", "*/*"), call.headers());
            assertEquals("", call.body());
            assertEquals(Duration.ofMillis(5000), call.timeout());

            call.respond(200, Headers.of("content-type", "text/plain; charset=utf-8", "x-app-name", "http-echo"),
                    "dark-launch-7\n");

            assertFalse(stream.isRequestPaused());
            assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
            assertEquals(request().with(COHORT, "dark-launch-7"), stream.requestHeaders());

            assertEquals(Action.CONTINUE, stream.sendResponseHeaders(response(), false));
            assertEquals(Optional.of("it works!"), stream.responseHeaders().get("istioinaction"));
            assertEquals(Action.CONTINUE, stream.sendResponseBody("{}", true));
            stream.complete();

            assertEquals(1, host.metric("cohort_header.calls"));
            assertEquals(0, host.metric("cohort_header.failures.invalid_value"));
            assertEquals(List.of(), host.logMessages(LogLevel.WARN));
            assertEquals(List.of(), host.logMessages(LogLevel.ERROR));
            assertEquals(List.of(), host.diagnostics(), "the module needs nothing Envoy lacks");
        }
    }

    @Test
    void anAnswerGivenAtOnceAlsoResumesTheRequest() {
        try (ProxyWasmHost host = ProxyWasmHost.load(CohortPlugin.WASM).pluginConfig("{}")
                .cluster(BUCKET_TESTER, call -> call.respond(200, Headers.empty(), "dark-launch-7\n")).start()) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            assertFalse(stream.isRequestPaused());
            assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
        }
    }

    @Test
    void noPluginConfigAtAllIsTheSameAsAnEmptyObject() {
        try (ProxyWasmHost host = CohortPlugin.start("")) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
            assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
        }
    }

    @Test
    void everyResponseIsMarkedEvenWhenTheCohortIsMissing() {
        try (ProxyWasmHost host = CohortPlugin.start("{\"response_headers\": {\"istioinaction\": \"it works!\","
                + " \"x-served-by\": \"cohort-header\"}}")) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            host.lastHttpCall().fail();
            stream.sendResponseHeaders(response().with("istioinaction", "upstream"), true);
            assertEquals(List.of("upstream", "it works!"), stream.responseHeaders().getAll("istioinaction"));
            assertEquals(Optional.of("cohort-header"), stream.responseHeaders().get("x-served-by"));
        }
    }

    @Test
    void aClientCannotChooseItsOwnCohort() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream answered = host.newHttpStream();
            answered.sendRequestHeaders(request().with(COHORT, "admin-preview"), true);
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
            assertEquals(List.of("dark-launch-7"), answered.requestHeaders().getAll(COHORT));

            HttpStream failed = host.newHttpStream();
            failed.sendRequestHeaders(request().with(COHORT, "admin-preview"), true);
            host.lastHttpCall().fail();
            assertEquals(List.of(), failed.requestHeaders().getAll(COHORT));
        }
    }

    @Test
    void aRequestBodyWaitsForTheCohort() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream stream = host.newHttpStream();
            assertEquals(Action.PAUSE, stream.sendRequestHeaders(request().without(":method").with(":method", "POST"), false));
            stream.sendRequestBody("part one, ", false);
            stream.sendRequestBody("part two", true);
            assertTrue(stream.isRequestPaused());
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
            assertFalse(stream.isRequestPaused());
            assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
            assertEquals("part one, part two", stream.requestBody());
        }
    }

    @Test
    void theCohortCanComeFromAResponseHeaderAndGoToAnotherRequestHeader() {
        try (ProxyWasmHost host = ProxyWasmHost.load(CohortPlugin.WASM)
                .pluginConfig("{\"cluster\": \"outbound|80||bucket-tester.istioinaction.svc.cluster.local\","
                        + " \"path\": \"/bucket\", \"headers\": {\"x-caller\": \"httpbin\"},"
                        + " \"value_header\": \"X-Bucket\", \"request_header\": \"x-cohort\", \"timeout_ms\": 250}")
                .cluster("outbound|80||bucket-tester.istioinaction.svc.cluster.local").start()) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            HttpCall call = host.lastHttpCall();
            assertEquals(Optional.of("/bucket"), call.headers().get(":path"));
            assertEquals(Optional.of("httpbin"), call.headers().get("x-caller"));
            assertFalse(call.headers().contains("accept"), "configured headers replace the default accept */*");
            assertEquals(Duration.ofMillis(250), call.timeout());
            call.respond(200, Headers.of("x-bucket", "  canary \r\n"), "ignored body\n");
            assertEquals(Optional.of("canary"), stream.requestHeaders().get("x-cohort"));
            assertFalse(stream.requestHeaders().contains(COHORT));
        }
    }

    @Test
    void callLatencyIsRecordedWithTheHostClock() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            host.advanceTime(Duration.ofMillis(137));
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
            assertEquals(List.of(137L), host.histogram("cohort_header.call_latency_ms"));
        }
    }
}
