package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;
import dev.proxywasm.abi.internal.HostMemory;
import dev.proxywasm.abi.internal.StaticRootsRepair;
import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.abi.internal.Utf8;
import org.teavm.backend.wasm.runtime.WasmSupport;
import org.teavm.interop.Export;

/**
 * Every callback of Proxy-Wasm ABI 0.2.1 that the module exports, routed to the context objects.
 * No exception escapes into the host (TeaVM would trap, killing the VM and every stream on it):
 * each is logged, and a request or response callback then fails closed with a local 500, a TCP
 * callback closes the connection, and a configuration callback reports failure.
 *
 * <p>Each export only names its callback; {@link #dispatch} holds the one try/catch. TeaVM
 * expands exception handling around every call inside a try block, so one shared block keeps
 * the module small.
 */
final class Exports {
    static final int TRUE = 1;
    static final int FALSE = 0;
    private static boolean linked;

    private Exports() {
    }

    /** Referenced from {@link ProxyWasm} so that TeaVM compiles (and exports) this class. */
    static void link() {
        linked = true;
    }

    /**
     * Envoy calls {@code _initialize} (a WASI reactor) instead of TeaVM's {@code _start}, whose
     * argument handling corrupts the heap when the host reports no arguments. This runs TeaVM's
     * class initialisers and the plugin's {@code main} with no arguments, after checking the
     * String layout the SDK's in-place readers rely on ({@link StringChars}).
     */
    @Export(name = "_initialize")
    public static void initialize() {
        StringChars.checkLayout();
        StaticRootsRepair.apply();
        HostMemory.start();
        WasmSupport.runWithArgs(new String[0]);
    }

    /** The ABI version marker hosts look for; never called. */
    @Export(name = "proxy_abi_version_0_2_1")
    public static void abiVersion() {
    }

    @Export(name = "proxy_on_memory_allocate")
    public static int onMemoryAllocate(int size) {
        return HostMemory.allocate(size);
    }

    // ---- lifecycle ------------------------------------------------------------------------

    static final int CONTEXT_CREATE = 0;
    static final int VM_START = 1;
    static final int CONFIGURE = 2;
    static final int TICK = 3;
    static final int QUEUE_READY = 4;
    static final int FOREIGN_FUNCTION = 5;
    static final int DONE = 6;
    static final int LOG = 7;
    static final int DELETE = 8;
    static final int REQUEST_HEADERS = 9;
    static final int REQUEST_BODY = 10;
    static final int REQUEST_TRAILERS = 11;
    static final int RESPONSE_HEADERS = 12;
    static final int RESPONSE_BODY = 13;
    static final int RESPONSE_TRAILERS = 14;
    static final int HTTP_CALL_RESPONSE = 15;
    static final int NEW_CONNECTION = 16;
    static final int DOWNSTREAM_DATA = 17;
    static final int DOWNSTREAM_CLOSE = 18;
    static final int UPSTREAM_DATA = 19;
    static final int UPSTREAM_CLOSE = 20;
    static final int GRPC_INITIAL_METADATA = 21;
    static final int GRPC_RECEIVE = 22;
    static final int GRPC_TRAILING_METADATA = 23;
    static final int GRPC_CLOSE = 24;

    /**
     * The callbacks' export names without their {@code proxy_on_} prefix, in callback order and
     * space-separated: one string constant, where an array of names would cost the module a
     * string object per name and a class initialiser (checked at every use of this class).
     */
    private static final String NAMES = "context_create vm_start configure tick queue_ready foreign_function done log"
            + " delete request_headers request_body request_trailers response_headers response_body"
            + " response_trailers http_call_response new_connection downstream_data downstream_connection_close"
            + " upstream_data upstream_connection_close grpc_receive_initial_metadata grpc_receive"
            + " grpc_receive_trailing_metadata grpc_close";

    @Export(name = "proxy_on_context_create")
    public static void onContextCreate(int contextId, int parentId) {
        dispatch(CONTEXT_CREATE, contextId, parentId, 0, 0);
    }

    @Export(name = "proxy_on_vm_start")
    public static int onVmStart(int rootId, int vmConfigurationSize) {
        return dispatch(VM_START, rootId, vmConfigurationSize, 0, 0);
    }

    @Export(name = "proxy_on_configure")
    public static int onConfigure(int rootId, int pluginConfigurationSize) {
        return dispatch(CONFIGURE, rootId, pluginConfigurationSize, 0, 0);
    }

    @Export(name = "proxy_on_tick")
    public static void onTick(int rootId) {
        dispatch(TICK, rootId, 0, 0, 0);
    }

    @Export(name = "proxy_on_queue_ready")
    public static void onQueueReady(int rootId, int queueId) {
        dispatch(QUEUE_READY, rootId, queueId, 0, 0);
    }

    @Export(name = "proxy_on_foreign_function")
    public static void onForeignFunction(int rootId, int functionId, int argumentsSize) {
        dispatch(FOREIGN_FUNCTION, rootId, functionId, argumentsSize, 0);
    }

    @Export(name = "proxy_on_done")
    public static int onDone(int contextId) {
        return dispatch(DONE, contextId, 0, 0, 0);
    }

    @Export(name = "proxy_on_log")
    public static void onLog(int contextId) {
        dispatch(LOG, contextId, 0, 0, 0);
    }

    @Export(name = "proxy_on_delete")
    public static void onDelete(int contextId) {
        dispatch(DELETE, contextId, 0, 0, 0);
    }

    // ---- HTTP -----------------------------------------------------------------------------

    @Export(name = "proxy_on_request_headers")
    public static int onRequestHeaders(int contextId, int headerCount, int endOfStream) {
        return dispatch(REQUEST_HEADERS, contextId, headerCount, endOfStream, 0);
    }

    @Export(name = "proxy_on_request_body")
    public static int onRequestBody(int contextId, int bodySize, int endOfStream) {
        return dispatch(REQUEST_BODY, contextId, bodySize, endOfStream, 0);
    }

    @Export(name = "proxy_on_request_trailers")
    public static int onRequestTrailers(int contextId, int trailerCount) {
        return dispatch(REQUEST_TRAILERS, contextId, trailerCount, 0, 0);
    }

    @Export(name = "proxy_on_response_headers")
    public static int onResponseHeaders(int contextId, int headerCount, int endOfStream) {
        return dispatch(RESPONSE_HEADERS, contextId, headerCount, endOfStream, 0);
    }

    @Export(name = "proxy_on_response_body")
    public static int onResponseBody(int contextId, int bodySize, int endOfStream) {
        return dispatch(RESPONSE_BODY, contextId, bodySize, endOfStream, 0);
    }

    @Export(name = "proxy_on_response_trailers")
    public static int onResponseTrailers(int contextId, int trailerCount) {
        return dispatch(RESPONSE_TRAILERS, contextId, trailerCount, 0, 0);
    }

    @Export(name = "proxy_on_http_call_response")
    public static void onHttpCallResponse(int rootId, int callId, int headerCount, int bodySize, int trailerCount) {
        Dispatcher.entered(rootId);
        dispatch(HTTP_CALL_RESPONSE, callId, headerCount, bodySize, trailerCount);
    }

    // ---- TCP ------------------------------------------------------------------------------

    @Export(name = "proxy_on_new_connection")
    public static int onNewConnection(int contextId) {
        return dispatch(NEW_CONNECTION, contextId, 0, 0, 0);
    }

    @Export(name = "proxy_on_downstream_data")
    public static int onDownstreamData(int contextId, int dataSize, int endOfStream) {
        return dispatch(DOWNSTREAM_DATA, contextId, dataSize, endOfStream, 0);
    }

    @Export(name = "proxy_on_downstream_connection_close")
    public static void onDownstreamConnectionClose(int contextId, int peerType) {
        dispatch(DOWNSTREAM_CLOSE, contextId, peerType, 0, 0);
    }

    @Export(name = "proxy_on_upstream_data")
    public static int onUpstreamData(int contextId, int dataSize, int endOfStream) {
        return dispatch(UPSTREAM_DATA, contextId, dataSize, endOfStream, 0);
    }

    @Export(name = "proxy_on_upstream_connection_close")
    public static void onUpstreamConnectionClose(int contextId, int peerType) {
        dispatch(UPSTREAM_CLOSE, contextId, peerType, 0, 0);
    }

    // ---- gRPC -----------------------------------------------------------------------------

    @Export(name = "proxy_on_grpc_receive_initial_metadata")
    public static void onGrpcReceiveInitialMetadata(int rootId, int callId, int elementCount) {
        Dispatcher.entered(rootId);
        dispatch(GRPC_INITIAL_METADATA, callId, elementCount, 0, 0);
    }

    @Export(name = "proxy_on_grpc_receive")
    public static void onGrpcReceive(int rootId, int callId, int messageSize) {
        Dispatcher.entered(rootId);
        dispatch(GRPC_RECEIVE, callId, messageSize, 0, 0);
    }

    @Export(name = "proxy_on_grpc_receive_trailing_metadata")
    public static void onGrpcReceiveTrailingMetadata(int rootId, int callId, int elementCount) {
        Dispatcher.entered(rootId);
        dispatch(GRPC_TRAILING_METADATA, callId, elementCount, 0, 0);
    }

    @Export(name = "proxy_on_grpc_close")
    public static void onGrpcClose(int rootId, int callId, int statusCode) {
        Dispatcher.entered(rootId);
        dispatch(GRPC_CLOSE, callId, statusCode, 0, 0);
    }

    /**
     * Runs callback {@code callback}. For context callbacks {@code target} is the context id (made
     * effective here); for HTTP-call and gRPC callbacks it is the call id (the root was made
     * effective by the export). {@code a}, {@code b}, {@code c} are the callback's remaining
     * arguments, in order.
     */
    private static int dispatch(int callback, int target, int a, int b, int c) {
        boolean callCallback = callback == HTTP_CALL_RESPONSE || callback >= GRPC_INITIAL_METADATA;
        if (!callCallback) {
            Dispatcher.entered(target);
        }
        try {
            return invoke(callback, callCallback ? null : Dispatcher.get(target), target, a, b, c);
        } catch (Throwable t) {
            report(callback, t);
            if (callback >= REQUEST_HEADERS && callback <= RESPONSE_TRAILERS) {
                return failClosed();
            } else if (callback >= NEW_CONNECTION && callback <= UPSTREAM_CLOSE) {
                return closeConnection();
            }
            return callback == DONE ? TRUE : FALSE;
        }
    }

    private static int invoke(int callback, Context context, int target, int a, int b, int c) {
        switch (callback) {
            case CONTEXT_CREATE:
                Dispatcher.create(target, a);
                return 0;
            case HTTP_CALL_RESPONSE:
            case GRPC_INITIAL_METADATA:
            case GRPC_RECEIVE:
            case GRPC_TRAILING_METADATA:
            case GRPC_CLOSE: {
                PendingCalls calls = Dispatcher.callsIfAny();
                if (calls != null) {
                    calls.answer(callback, target, a, b, c);
                }
                return 0;
            }
            case DELETE:
                // Forgotten first, so that it is gone even if its onDelete throws (a finally
                // block would be compiled twice); the callback still gets the object.
                Dispatcher.delete(target);
                return context == null ? 0 : context.onCallback(DELETE, a, b);
            default:
                // Unknown contexts (none created, or a plugin without HTTP/TCP support) continue.
                return context == null ? (callback == DONE ? TRUE : Action.CONTINUE_CODE) : context.onCallback(callback, a, b);
        }
    }

    // ---- plumbing -------------------------------------------------------------------------

    /** The export name of callback {@code callback}, e.g. {@code proxy_on_request_headers}. */
    static String name(int callback) {
        int start = 0;
        for (int i = 0; i < callback; i++) {
            start = NAMES.indexOf(' ', start) + 1;
        }
        int end = NAMES.indexOf(' ', start);
        return "proxy_on_" + NAMES.substring(start, end < 0 ? NAMES.length() : end);
    }

    private static void report(int callback, Throwable t) {
        try {
            HostCalls.log(LogLevel.ERROR_CODE, name(callback) + ": uncaught " + t.getClass().getName() + ": " + t.getMessage());
        } catch (Throwable ignored) {
            // Logging itself failed; there is nothing safer left to do than to return.
        }
    }

    private static int failClosed() {
        try {
            HostCalls.sendLocalResponse(500, "wasm_filter_exception",
                    Utf8.encode("Internal error in a Wasm filter.\n"), new Headers(0), -1);
        } catch (Throwable ignored) {
            // The stream may already be answered; the error is logged above.
        }
        return Action.PAUSE_CODE;
    }

    private static int closeConnection() {
        try {
            HostCalls.closeStream(StreamType.DOWNSTREAM_CODE);
        } catch (Throwable ignored) {
            // The connection may already be closed; the error is logged by the caller.
        }
        return Action.PAUSE_CODE;
    }
}
