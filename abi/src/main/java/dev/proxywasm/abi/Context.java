package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * What every context (plugin/root, HTTP stream, TCP connection) can do. Host calls made through
 * a context act on that context: when it is not the one the host is currently calling back
 * (for instance a stream touched from a timer), the SDK makes it the effective context first.
 */
public abstract class Context {
    private int id;

    /** The host's id of this context; 0 until the SDK has registered it. */
    public final int id() {
        return id;
    }

    /** Called by the SDK when the host creates this context. */
    final void bind(int contextId) {
        this.id = contextId;
    }

    /**
     * The host is done with this context (stream complete, plugin shutting down). Return false
     * to finish deferred work first, then call {@link #done()}.
     */
    public boolean onDone() {
        return true;
    }

    /** Access-log time: for a stream, headers of both directions are still readable. */
    public void onLog() {
    }

    /** The context is gone; release what it held. */
    public void onDelete() {
    }

    /**
     * Runs the callback {@code callback} (one of {@link Exports}' callback numbers) on this
     * context; returns its ABI result. The lifecycle callbacks are common; each kind of context
     * handles its own in {@link #onKindCallback}, so the exports need no type tests.
     */
    final int onCallback(int callback, int a, int b) {
        switch (callback) {
            case Exports.DONE:
                return bool(onDone());
            case Exports.LOG:
                onLog();
                return 0;
            case Exports.DELETE:
                onDelete();
                return 0;
            default:
                return onKindCallback(callback, a, b);
        }
    }

    /** The callbacks specific to this kind of context (see {@link #onCallback}). */
    abstract int onKindCallback(int callback, int a, int b);

    static int bool(boolean value) {
        return value ? 1 : 0;
    }

    /** Makes this context the one later host calls act on. */
    protected final void activate() {
        // Tested here, not only in Dispatcher.activate: TeaVM does not inline that call, and the
        // context is almost always effective already.
        if (Dispatcher.effective != id) {
            Dispatcher.activate(id);
        }
    }

    /**
     * Sends an HTTP request to the upstream cluster {@code cluster}. The answer (or the failure:
     * reset, timeout) is delivered to {@code handler} with this context made effective, so the
     * handler can touch this stream's headers. If this context is gone by then, the answer is
     * dropped.
     *
     * @param headers must contain {@code :method}, {@code :path} and {@code :authority}
     * @return the call id
     * @throws ProxyException BAD_ARGUMENT for an unknown cluster or missing pseudo-headers
     */
    public final int httpCall(String cluster, Headers headers, byte[] body, Headers trailers, int timeoutMillis,
            HttpCallHandler handler) {
        activate();
        int callId = HostCalls.httpCall(cluster, headers, body == null ? new byte[0] : body,
                trailers == null ? new Headers(0) : trailers, timeoutMillis);
        Dispatcher.calls().awaitHttpCall(callId, id, handler);
        return callId;
    }

    /**
     * Starts a unary gRPC call, delivered to {@code handler} with this context made effective:
     * on success the reply message ({@link GrpcHandler#onMessage}) is the last event, as in
     * Envoy; on failure {@link GrpcHandler#onClose} reports the gRPC status.
     */
    public final GrpcCall grpcCall(String cluster, String service, String method, Headers initialMetadata,
            byte[] message, int timeoutMillis, GrpcHandler handler) {
        activate();
        int callId = HostCalls.grpcCall(cluster, service, method,
                initialMetadata == null ? new Headers(0) : initialMetadata, message, timeoutMillis);
        Dispatcher.calls().awaitGrpc(callId, id, handler, true);
        return new GrpcCall(callId);
    }

    /** Opens a gRPC stream; what arrives on it is delivered to {@code handler}. */
    public final GrpcStream grpcStream(String cluster, String service, String method, Headers initialMetadata,
            GrpcHandler handler) {
        activate();
        int streamId = HostCalls.grpcStream(cluster, service, method,
                initialMetadata == null ? new Headers(0) : initialMetadata);
        Dispatcher.calls().awaitGrpc(streamId, id, handler, false);
        return new GrpcStream(streamId);
    }

    /** The raw value of a host property of this context (see {@link Properties}), or {@code null}. */
    public final byte[] property(String... path) {
        activate();
        return Properties.get(path);
    }

    /**
     * Tells the host this context finished work it deferred by returning {@code false} from
     * {@code onDone}.
     */
    public final void done() {
        activate();
        HostCalls.done();
    }
}
