package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * A host metric (an Envoy stat). Define metrics once, when the plugin starts or is configured,
 * and keep the object: defining is a host call that looks the name up.
 */
public final class Metric {
    private final int id;
    /** The ABI value of the metric type (see MetricType's *_CODE constants). */
    private final int type;

    private Metric(int id, int type) {
        this.id = id;
        this.type = type;
    }

    /** A counter: only goes up. */
    public static Metric counter(String name) {
        return define(MetricType.COUNTER_CODE, name);
    }

    /** A gauge: set or moved either way. */
    public static Metric gauge(String name) {
        return define(MetricType.GAUGE_CODE, name);
    }

    /** A histogram: records a distribution of values. */
    public static Metric histogram(String name) {
        return define(MetricType.HISTOGRAM_CODE, name);
    }

    private static Metric define(int type, String name) {
        return new Metric(HostCalls.defineMetric(type, name), type);
    }

    /** The kind of metric. */
    public MetricType type() {
        return MetricType.values()[type];
    }

    /** Adds one. */
    public void increment() {
        HostCalls.incrementMetric(id, 1);
    }

    /** Adds {@code delta} (a counter accepts only positive deltas). */
    public void increment(long delta) {
        HostCalls.incrementMetric(id, delta);
    }

    /** Sets a gauge, or records a histogram sample. */
    public void record(long value) {
        HostCalls.recordMetric(id, value);
    }

    /** The current value (counters and gauges). */
    public long value() {
        return HostCalls.getMetric(id);
    }
}
