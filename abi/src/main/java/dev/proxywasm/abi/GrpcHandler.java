package dev.proxywasm.abi;

/** Receives what arrives on a gRPC call or stream; every method has a default that ignores it. */
public interface GrpcHandler {
    /** Initial metadata arrived. */
    default void onInitialMetadata(Headers metadata) {
    }

    /** A message arrived. */
    default void onMessage(byte[] message) {
    }

    /** Trailing metadata arrived. */
    default void onTrailingMetadata(Headers metadata) {
    }

    /** The call or stream closed with gRPC status {@code statusCode} (0 = OK). */
    default void onClose(int statusCode, String message) {
    }
}
