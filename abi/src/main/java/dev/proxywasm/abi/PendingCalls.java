package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * The HTTP and gRPC calls awaiting answers, and the routing of those answers to the context
 * that started each call. The SDK creates it at a plugin's first call, so a module whose plugin
 * never calls out does not contain this code: TeaVM compiles only the methods of classes the
 * program can instantiate. (Not final on purpose: TeaVM links a call to a final class's method
 * whether or not an instance can exist.)
 */
class PendingCalls {
    private final IdTable<PendingCall> httpCalls = new IdTable<>();
    private final IdTable<PendingCall> grpcCalls = new IdTable<>();

    /** A call awaiting its answer: who started it and who handles the answer. */
    private static final class PendingCall {
        final int ownerId;
        final Object handler;
        /** A unary gRPC call ends with its one message (Envoy sends no close after success). */
        final boolean endsWithMessage;

        PendingCall(int ownerId, Object handler, boolean endsWithMessage) {
            this.ownerId = ownerId;
            this.handler = handler;
            this.endsWithMessage = endsWithMessage;
        }
    }

    void awaitHttpCall(int callId, int ownerId, HttpCallHandler handler) {
        httpCalls.put(callId, new PendingCall(ownerId, handler, true));
    }

    void awaitGrpc(int callId, int ownerId, GrpcHandler handler, boolean unary) {
        grpcCalls.put(callId, new PendingCall(ownerId, handler, unary));
    }

    void forgetGrpc(int callId) {
        grpcCalls.remove(callId);
    }

    /**
     * Delivers callback {@code callback} (one of {@link Exports}' call callbacks) for call
     * {@code callId} with its remaining arguments {@code a}, {@code b}, {@code c}. The answer
     * to a call that is unknown, or whose owner is gone, is dropped.
     */
    void answer(int callback, int callId, int a, int b, int c) {
        if (callback == Exports.HTTP_CALL_RESPONSE) {
            PendingCall call = httpCalls.remove(callId);
            if (call != null && Dispatcher.switchTo(call.ownerId)) {
                ((HttpCallHandler) call.handler).onResponse(new HttpCallResponse(callId, a, b, c));
            }
            return;
        }
        PendingCall call = grpcCalls.get(callId);
        if (call == null) {
            return;
        }
        // The call is forgotten when it closes, and a unary call also when its message
        // arrives, which is its last event after a success.
        if (callback == Exports.GRPC_CLOSE || (callback == Exports.GRPC_RECEIVE && call.endsWithMessage)) {
            grpcCalls.remove(callId);
        }
        if (!Dispatcher.switchTo(call.ownerId)) {
            return;
        }
        GrpcHandler handler = (GrpcHandler) call.handler;
        switch (callback) {
            case Exports.GRPC_INITIAL_METADATA:
                handler.onInitialMetadata(HostCalls.getHeaderMapPairs(MapType.GRPC_CALL_INITIAL_METADATA.code()));
                break;
            case Exports.GRPC_RECEIVE: {
                byte[] message = a == 0 ? null : HostCalls.getBufferBytes(BufferType.GRPC_CALL_MESSAGE.code(), 0, a);
                handler.onMessage(message == null ? new byte[0] : message);
                break;
            }
            case Exports.GRPC_TRAILING_METADATA:
                handler.onTrailingMetadata(HostCalls.getHeaderMapPairs(MapType.GRPC_CALL_TRAILING_METADATA.code()));
                break;
            default:
                handler.onClose(a, HostCalls.statusMessage());
                break;
        }
    }
}
