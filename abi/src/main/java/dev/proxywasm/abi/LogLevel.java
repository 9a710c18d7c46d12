package dev.proxywasm.abi;

/** Host log levels ({@code proxy_log_level_t}), lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL;

    // The ABI values the SDK passes itself, as compile-time constants: javac copies them into
    // the caller, so a module that only logs, reads its configuration or counts does not
    // carry this enum (its constants, their names, its initialiser). Equal to code().
    static final int TRACE_CODE = 0;
    static final int DEBUG_CODE = 1;
    static final int INFO_CODE = 2;
    static final int WARN_CODE = 3;
    static final int ERROR_CODE = 4;
    static final int CRITICAL_CODE = 5;

    /** The ABI value of this level. */
    public int code() {
        return ordinal();
    }

    static LogLevel of(int code) {
        LogLevel[] all = values();
        return code >= 0 && code < all.length ? all[code] : CRITICAL;
    }
}
