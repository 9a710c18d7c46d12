package dev.proxywasm.abi;

/** Kinds of host metrics ({@code proxy_metric_type_t}). */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM;

    // The ABI values the SDK passes itself, as compile-time constants: javac copies them into
    // the caller, so a module that only logs, reads its configuration or counts does not
    // carry this enum (its constants, their names, its initialiser). Equal to code().
    static final int COUNTER_CODE = 0;
    static final int GAUGE_CODE = 1;
    static final int HISTOGRAM_CODE = 2;

    /** The ABI value of this metric type. */
    public int code() {
        return ordinal();
    }
}
