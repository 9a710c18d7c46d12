package dev.proxywasm.abi;

/** Host log levels ({@code proxy_log_level_t}), lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL;

    /** The ABI value of this level. */
    public int code() {
        return ordinal();
    }

    static LogLevel of(int code) {
        LogLevel[] all = values();
        return code >= 0 && code < all.length ? all[code] : CRITICAL;
    }
}
