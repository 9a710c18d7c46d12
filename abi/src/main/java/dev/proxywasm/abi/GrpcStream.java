package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/** An open gRPC stream. */
public final class GrpcStream extends GrpcCall {

    GrpcStream(int id) {
        super(id);
    }

    /** Sends {@code message}; {@code endStream} half-closes the stream. */
    public void send(byte[] message, boolean endStream) {
        HostCalls.grpcSend(id(), message, endStream);
    }
}
