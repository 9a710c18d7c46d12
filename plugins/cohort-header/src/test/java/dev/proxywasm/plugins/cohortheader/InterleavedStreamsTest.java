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
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.ProxyWasmHost;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Many requests in flight at once: each answer belongs to the stream that asked for it. */
class InterleavedStreamsTest {

    @Test
    void answersArrivingOutOfOrderEachReachTheirOwnStream() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            int n = 200;
            List<HttpStream> streams = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpStream stream = host.newHttpStream();
                boolean hasBody = i % 3 != 0;
                assertEquals(Action.PAUSE, stream.sendRequestHeaders(request().without(":path").with(":path", "/r/" + i), !hasBody));
                streams.add(stream);
            }
            List<HttpCall> calls = host.httpCalls();
            assertEquals(n, calls.size());
            // Events: answer i (i >= 0) and, for streams with a body, body of i (-1 - i), in random order.
            List<Integer> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(i);
                if (i % 3 != 0) {
                    events.add(-1 - i);
                }
            }
            Collections.shuffle(events, new Random(42));
            for (int event : events) {
                if (event >= 0) {
                    calls.get(event).respond(200, Headers.empty(), "cohort-" + event + "\n");
                } else {
                    int i = -1 - event;
                    streams.get(i).sendRequestBody("body-" + i, true);
                }
            }
            for (int i = 0; i < n; i++) {
                HttpStream stream = streams.get(i);
                assertFalse(stream.isRequestPaused(), "stream " + i);
                assertEquals(Optional.of("cohort-" + i), stream.requestHeaders().get(COHORT), "stream " + i);
                assertEquals(Optional.of("/r/" + i), stream.requestHeaders().get(":path"));
                assertEquals(i % 3 != 0 ? "body-" + i : "", stream.requestBody());
            }
            assertEquals(n, host.metric("cohort_header.calls"));
            assertEquals(n, host.histogram("cohort_header.call_latency_ms").size());
        }
    }

    @Test
    void aRequestThatEndsWhileItsCallIsPendingDropsTheAnswer() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream gone = host.newHttpStream();
            gone.sendRequestHeaders(request(), true);
            HttpCall goneCall = host.lastHttpCall();
            HttpStream staying = host.newHttpStream();
            staying.sendRequestHeaders(request(), true);
            HttpCall stayingCall = host.lastHttpCall();

            gone.complete();
            assertTrue(gone.isCompleted());
            assertEquals(1, host.metric("cohort_header.abandoned"));

            goneCall.respond(200, Headers.empty(), "late\n");
            stayingCall.respond(200, Headers.empty(), "on-time\n");

            assertFalse(gone.requestHeaders().contains(COHORT));
            assertEquals(Optional.of("on-time"), staying.requestHeaders().get(COHORT));
            assertEquals(List.of(), host.logMessages(LogLevel.ERROR));
            assertEquals(List.of(), host.logMessages(LogLevel.WARN));

            // The plugin goes on serving: a new stream after the dropped answer works as usual.
            HttpStream next = host.newHttpStream();
            next.sendRequestHeaders(request(), true);
            host.lastHttpCall().fail();
            assertFalse(next.isRequestPaused());
            assertEquals(1, host.metric("cohort_header.failures.reset"));
        }
    }

    @Test
    void aStreamThatCompletesNormallyIsNotCountedAsAbandoned() {
        try (ProxyWasmHost host = CohortPlugin.start("{}")) {
            HttpStream stream = host.newHttpStream();
            stream.sendRequestHeaders(request(), true);
            host.lastHttpCall().respond(200, Headers.empty(), "a\n");
            stream.sendResponseHeaders(CohortPlugin.response(), true);
            stream.complete();
            assertEquals(0, host.metric("cohort_header.abandoned"));
        }
    }
}
