package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/** A unary gRPC call in flight. */
public class GrpcCall {
    private final int id;

    GrpcCall(int id) {
        this.id = id;
    }

    /** The host's id of this call. */
    public final int id() {
        return id;
    }

    /** Cancels the call; its handler gets no further events. */
    public final void cancel() {
        Dispatcher.calls().forgetGrpc(id);
        HostCalls.grpcCancel(id);
    }

    /** Closes the call. */
    public final void close() {
        HostCalls.grpcClose(id);
    }
}
