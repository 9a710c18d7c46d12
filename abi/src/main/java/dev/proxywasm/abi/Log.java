package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;
import java.util.function.Supplier;

/**
 * Logging to the host's log (Envoy's {@code wasm} logger). The {@code Supplier} forms build the
 * message only when the host would keep it, so debug logging costs one host call when off.
 */
public final class Log {
    private Log() {
    }

    /** Whether the host keeps messages at {@code level}. */
    public static boolean enabled(LogLevel level) {
        return level.code() >= HostCalls.logLevel();
    }

    /** Logs {@code message} at {@code level}. */
    public static void log(LogLevel level, String message) {
        HostCalls.log(level.code(), message);
    }

    /** Logs the supplied message at {@code level} if the host keeps that level. */
    public static void log(LogLevel level, Supplier<String> message) {
        log(level.code(), message);
    }

    // The fixed-level methods pass the level's ABI value (see LogLevel's *_CODE constants).

    public static void trace(Supplier<String> message) {
        log(LogLevel.TRACE_CODE, message);
    }

    public static void debug(Supplier<String> message) {
        log(LogLevel.DEBUG_CODE, message);
    }

    public static void debug(String message) {
        HostCalls.log(LogLevel.DEBUG_CODE, message);
    }

    public static void info(String message) {
        HostCalls.log(LogLevel.INFO_CODE, message);
    }

    public static void warn(String message) {
        HostCalls.log(LogLevel.WARN_CODE, message);
    }

    public static void error(String message) {
        HostCalls.log(LogLevel.ERROR_CODE, message);
    }

    public static void critical(String message) {
        HostCalls.log(LogLevel.CRITICAL_CODE, message);
    }

    private static void log(int level, Supplier<String> message) {
        if (level >= HostCalls.logLevel()) {
            HostCalls.log(level, message.get());
        }
    }
}
