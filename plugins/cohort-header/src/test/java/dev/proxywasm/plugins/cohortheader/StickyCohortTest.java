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
import dev.proxywasm.harness.PluginContext;
import dev.proxywasm.harness.ProxyWasmHost;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sticky cohorts: the bucket tester is asked once per user per TTL; the cohort lives in shared
 * data, so every plugin instance (every worker) that shares it gives the user the same cohort.
 */
class StickyCohortTest {
    private static final String STICKY = "{\"sticky\": {\"key_header\": \"x-user-id\", \"ttl_ms\": 60000}}";
    private static final String KEY_PREFIX =
            "cohort-header|bucket_tester|bucket-tester.istioinaction.svc.cluster.local/|";

    private static HttpStream requestAs(ProxyWasmHost host, PluginContext plugin, String user) {
        HttpStream stream = plugin.newHttpStream();
        stream.sendRequestHeaders(user == null ? request() : request().with("x-user-id", user), true);
        return stream;
    }

    private static HttpStream requestAs(ProxyWasmHost host, String user) {
        return requestAs(host, host.plugin(), user);
    }

    @Test
    void aUserIsAskedForOncePerTtl() {
        try (ProxyWasmHost host = CohortPlugin.start(STICKY)) {
            HttpStream first = requestAs(host, "alice");
            assertTrue(first.isRequestPaused());
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
            assertEquals(Optional.of("dark-launch-7"), first.requestHeaders().get(COHORT));
            assertTrue(host.sharedData(KEY_PREFIX + "alice").isPresent());

            host.advanceTime(Duration.ofSeconds(59));
            HttpStream hit = host.newHttpStream();
            assertEquals(Action.CONTINUE, hit.sendRequestHeaders(request().with("x-user-id", "alice")
                    .with(COHORT, "chosen-by-client"), true), "a cache hit waits for no call");
            assertEquals(java.util.List.of("dark-launch-7"), hit.requestHeaders().getAll(COHORT));
            assertEquals(1, host.httpCalls().size());

            HttpStream bob = requestAs(host, "bob");
            assertTrue(bob.isRequestPaused(), "another user is asked for");
            host.lastHttpCall().respond(200, Headers.empty(), "control\n");
            assertEquals(Optional.of("control"), bob.requestHeaders().get(COHORT));

            host.advanceTime(Duration.ofSeconds(1));
            HttpStream expired = requestAs(host, "alice");
            assertTrue(expired.isRequestPaused(), "the TTL is over");
            assertEquals(3, host.httpCalls().size());
            host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-8\n");
            assertEquals(Optional.of("dark-launch-8"), expired.requestHeaders().get(COHORT));

            HttpStream renewed = requestAs(host, "alice");
            assertFalse(renewed.isRequestPaused());
            assertEquals(Optional.of("dark-launch-8"), renewed.requestHeaders().get(COHORT));

            assertEquals(2, host.metric("cohort_header.cache_hits"));
            assertEquals(3, host.metric("cohort_header.cache_misses"));
            assertEquals(3, host.metric("cohort_header.calls"));
        }
    }

    @Test
    void everyPluginInstanceSharingTheDataAgrees() {
        try (ProxyWasmHost host = CohortPlugin.start(STICKY)) {
            PluginContext worker2 = host.startPlugin("", STICKY);
            // Both miss before either answer arrives: two calls, but the first cohort stored wins.
            HttpStream onWorker1 = requestAs(host, host.plugin(), "carol");
            HttpStream onWorker2 = requestAs(host, worker2, "carol");
            assertEquals(2, host.httpCalls().size());
            host.httpCalls().get(1).respond(200, Headers.empty(), "bucket-b\n");
            host.httpCalls().get(0).respond(200, Headers.empty(), "bucket-a\n");
            assertEquals(Optional.of("bucket-b"), onWorker2.requestHeaders().get(COHORT));
            assertEquals(Optional.of("bucket-b"), onWorker1.requestHeaders().get(COHORT));

            // After expiry, the entry is replaced by compare-and-swap, and again the first answer wins.
            host.advanceTime(Duration.ofMinutes(2));
            HttpStream again1 = requestAs(host, host.plugin(), "carol");
            HttpStream again2 = requestAs(host, worker2, "carol");
            host.httpCalls().get(2).respond(200, Headers.empty(), "bucket-c\n");
            host.httpCalls().get(3).respond(200, Headers.empty(), "bucket-d\n");
            assertEquals(Optional.of("bucket-c"), again1.requestHeaders().get(COHORT));
            assertEquals(Optional.of("bucket-c"), again2.requestHeaders().get(COHORT));

            HttpStream later = requestAs(host, worker2, "carol");
            assertEquals(Optional.of("bucket-c"), later.requestHeaders().get(COHORT));
            assertEquals(4, host.httpCalls().size());
        }
    }

    @Test
    void requestsWithoutAUsableKeyAreAskedForEveryTime() {
        try (ProxyWasmHost host = CohortPlugin.start(STICKY)) {
            for (String user : new String[] {null, "", "u".repeat(StickyCohorts.MAX_KEY_LENGTH + 1)}) {
                for (int round = 0; round < 2; round++) {
                    HttpStream stream = requestAs(host, user);
                    assertTrue(stream.isRequestPaused());
                    host.lastHttpCall().respond(200, Headers.empty(), "dark-launch-7\n");
                    assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
                }
            }
            assertEquals(6, host.metric("cohort_header.calls"));
            assertEquals(0, host.metric("cohort_header.cache_hits"));
            assertEquals(0, host.metric("cohort_header.cache_misses"));
        }
    }

    @Test
    void failuresAreNotCached() {
        try (ProxyWasmHost host = CohortPlugin.start(STICKY.replace("{\"sticky\"",
                "{\"default_cohort\": \"control\", \"sticky\""))) {
            HttpStream failed = requestAs(host, "dave");
            host.lastHttpCall().respond(500, Headers.empty(), "dark-launch-7\n");
            assertEquals(Optional.of("control"), failed.requestHeaders().get(COHORT));
            assertFalse(host.sharedData(KEY_PREFIX + "dave").isPresent());

            HttpStream retried = requestAs(host, "dave");
            assertTrue(retried.isRequestPaused());
            assertEquals(2, host.httpCalls().size());
        }
    }

    @Test
    void aDamagedEntryIsAMiss() {
        try (ProxyWasmHost host = CohortPlugin.start(STICKY)) {
            host.putSharedData(KEY_PREFIX + "erin", "garbage");
            HttpStream stream = requestAs(host, "erin");
            assertTrue(stream.isRequestPaused());
            HttpCall call = host.lastHttpCall();
            call.respond(200, Headers.empty(), "dark-launch-7\n");
            assertEquals(Optional.of("dark-launch-7"), stream.requestHeaders().get(COHORT));
            HttpStream next = requestAs(host, "erin");
            assertEquals(Optional.of("dark-launch-7"), next.requestHeaders().get(COHORT));
            assertEquals(1, host.metric("cohort_header.cache_hits"));
        }
    }
}
