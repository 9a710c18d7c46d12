package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.Metric;

/**
 * The plugin's Envoy stats (Istio exposes them as {@code wasmcustom.cohort_header.*} once the
 * proxy's stats inclusion lists that prefix). Defined once per root context.
 */
final class CohortMetrics {
    static final String PREFIX = "cohort_header.";

    /** Calls made to the bucket tester. */
    final Metric calls;
    /** Requests whose cohort came from the sticky cache. */
    final Metric cacheHits;
    /** Requests with a user key that the sticky cache did not know (or had expired). */
    final Metric cacheMisses;
    /** Requests that ended while their call was in flight; the answer is dropped. */
    final Metric abandoned;
    /** Milliseconds from the call to its answer (or failure). */
    final Metric callLatency;
    private final Metric[] failures;

    CohortMetrics() {
        calls = Metric.counter(PREFIX + "calls");
        cacheHits = Metric.counter(PREFIX + "cache_hits");
        cacheMisses = Metric.counter(PREFIX + "cache_misses");
        abandoned = Metric.counter(PREFIX + "abandoned");
        callLatency = Metric.histogram(PREFIX + "call_latency_ms");
        Failure[] kinds = Failure.values();
        failures = new Metric[kinds.length];
        for (Failure f : kinds) {
            failures[f.ordinal()] = Metric.counter(PREFIX + "failures." + f.code());
        }
    }

    /** The counter of failures of kind {@code failure}. */
    Metric failures(Failure failure) {
        return failures[failure.ordinal()];
    }
}
