package dev.proxywasm.abi;

/** Receives the answer to {@link Context#httpCall}. */
@FunctionalInterface
public interface HttpCallHandler {
    /** The call completed or failed ({@link HttpCallResponse#failed()}). */
    void onResponse(HttpCallResponse response);
}
