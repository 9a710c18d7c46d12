package dev.proxywasm.abi;

/** Kinds of host metrics ({@code proxy_metric_type_t}). */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM;

    /** The ABI value of this metric type. */
    public int code() {
        return ordinal();
    }
}
