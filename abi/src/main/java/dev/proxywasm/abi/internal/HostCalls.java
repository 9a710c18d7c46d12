package dev.proxywasm.abi.internal;

import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.ProxyException;
import dev.proxywasm.abi.Status;
import org.teavm.interop.Import;

/**
 * One safe Java method per host function of Proxy-Wasm ABI 0.2.1, each with its raw import
 * declared right above it. Safe means: arguments are encoded, results are decoded and claimed
 * through {@link HostMemory}, and unexpected statuses become {@link ProxyException}s. Statuses
 * that are ordinary answers (a missing key, an empty queue) are returned as {@code null}, as a
 * {@link Status} or as the raw {@code proxy_status_t}, as each method documents.
 */
public final class HostCalls {
    private static final String ENV = "env";

    // The proxy_status_t values the SDK's own calls look at, as ints: the request path then
    // compares and throws without loading the Status enum. Equal to Status.X.code()
    // (StatusCodesTest).
    static final int NOT_FOUND = 1;
    static final int INVALID_MEMORY_ACCESS = 6;
    static final int EMPTY = 7;
    static final int CAS_MISMATCH = 8;

    private HostCalls() {
    }

    /**
     * Encoded header names, by identity, in a slot chosen by the name's hash (which a String
     * caches): filters ask for the same few literal names (interned constants) on every
     * request, and encoding one costs more than the host call itself.
     */
    private static final int NAME_CACHE_SIZE = 16;
    // Created on first use: without field initialisers the class needs no static initialisation,
    // so TeaVM adds no class-initialisation check to every host call wrapper.
    private static String[] cachedNames;
    private static byte[][] cachedBytes;

    /** The UTF-8 bytes of header name {@code name}; never modify the returned array. */
    static byte[] headerName(String name) {
        if (cachedNames == null) {
            cachedNames = new String[NAME_CACHE_SIZE];
            cachedBytes = new byte[NAME_CACHE_SIZE][];
        }
        int slot = name.hashCode() & (NAME_CACHE_SIZE - 1);
        if (cachedNames[slot] == name) {
            return cachedBytes[slot];
        }
        byte[] bytes = Utf8.encode(name);
        cachedNames[slot] = name;
        cachedBytes[slot] = bytes;
        return bytes;
    }

    private static void check(String call, int status) {
        if (status != 0) {
            throw new ProxyException(call, status, null);
        }
    }

    // ---- logging --------------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_log")
    private static native int proxyLog(int level, int messageData, int messageSize);

    /** Logs {@code message} at {@code level} (an ABI log level). */
    public static void log(int level, String message) {
        byte[] bytes = Utf8.encode(message);
        proxyLog(level, HostMemory.addressOf(bytes), bytes.length);
    }

    @Import(module = ENV, name = "proxy_get_log_level")
    private static native int proxyGetLogLevel(int returnLevel);

    /** The host's current log level (an ABI log level). */
    public static int logLevel() {
        check("proxy_get_log_level", proxyGetLogLevel(HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    // ---- timers, context lifecycle --------------------------------------------------------

    @Import(module = ENV, name = "proxy_set_tick_period_milliseconds")
    private static native int proxySetTickPeriodMilliseconds(int millis);

    /** Asks for {@code proxy_on_tick} every {@code millis} ms; 0 stops the timer. */
    public static void setTickPeriod(int millis) {
        check("proxy_set_tick_period_milliseconds", proxySetTickPeriodMilliseconds(millis));
    }

    @Import(module = ENV, name = "proxy_set_effective_context")
    private static native int proxySetEffectiveContext(int contextId);

    /** Makes {@code contextId} the context later host calls act on; returns the raw status (0: OK). */
    public static int setEffectiveContext(int contextId) {
        return proxySetEffectiveContext(contextId);
    }

    @Import(module = ENV, name = "proxy_done")
    private static native int proxyDone();

    /** Tells the host the effective context finished its deferred work. */
    public static Status done() {
        return Status.of(proxyDone());
    }

    // ---- buffers --------------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_get_buffer_bytes")
    private static native int proxyGetBufferBytes(int type, int start, int maxSize, int returnData, int returnSize);

    /** Up to {@code maxSize} bytes of buffer {@code type} from {@code start}; {@code null} if the buffer is not available. */
    public static byte[] getBufferBytes(int type, int start, int maxSize) {
        byte[] arena = HostMemory.beginCall();
        // Hosts write nothing when there is nothing to read (Envoy, for an empty body or a
        // start at the end): without this the last call's pointer and size would be read.
        HostMemory.slotClear(0, 2);
        int status = proxyGetBufferBytes(type, start, maxSize, HostMemory.slot(0), HostMemory.slot(1));
        if (status != 0) {
            HostMemory.endCall();
            if (status == NOT_FOUND) {
                return null;
            }
            throw new ProxyException("proxy_get_buffer_bytes", status, null);
        }
        return HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_buffer_bytes");
    }

    @Import(module = ENV, name = "proxy_get_buffer_status")
    private static native int proxyGetBufferStatus(int type, int returnSize, int returnFlags);

    /** The size of buffer {@code type}, or -1 when it is not available. */
    public static int getBufferSize(int type) {
        int status = proxyGetBufferStatus(type, HostMemory.slot(0), HostMemory.slot(1));
        if (status == NOT_FOUND) {
            return -1;
        }
        check("proxy_get_buffer_status", status);
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_set_buffer_bytes")
    private static native int proxySetBufferBytes(int type, int start, int size, int data, int dataSize);

    /** Replaces {@code size} bytes of buffer {@code type} at {@code start} with {@code data}. */
    public static void setBufferBytes(int type, int start, int size, byte[] data) {
        check("proxy_set_buffer_bytes", proxySetBufferBytes(type, start, size, HostMemory.addressOf(data), data.length));
    }

    // ---- header maps ----------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_get_header_map_pairs")
    private static native int proxyGetHeaderMapPairs(int type, int returnData, int returnSize);

    /** All pairs of map {@code type}. */
    public static Headers getHeaderMapPairs(int type) {
        byte[] arena = HostMemory.beginCall();
        int status = proxyGetHeaderMapPairs(type, HostMemory.slot(0), HostMemory.slot(1));
        if (status != 0) {
            HostMemory.endCall();
            throw new ProxyException("proxy_get_header_map_pairs", status, null);
        }
        return HostMemory.takeMap(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_header_map_pairs");
    }

    @Import(module = ENV, name = "proxy_set_header_map_pairs")
    private static native int proxySetHeaderMapPairs(int type, int data, int size);

    /** Replaces every pair of map {@code type}. */
    public static void setHeaderMapPairs(int type, Headers headers) {
        byte[] bytes = MapCodec.encode(headers);
        check("proxy_set_header_map_pairs", proxySetHeaderMapPairs(type, HostMemory.addressOf(bytes), bytes.length));
    }

    @Import(module = ENV, name = "proxy_get_header_map_value")
    private static native int proxyGetHeaderMapValue(int type, int keyData, int keySize, int returnData, int returnSize);

    /** The value of {@code key} in map {@code type}, or {@code null} when absent. */
    public static String getHeaderMapValue(int type, String key) {
        byte[] k = headerName(key);
        byte[] arena = HostMemory.beginCall();
        if (!headerMapValueFound(type, k)) {
            return null;
        }
        return HostMemory.takeString(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_header_map_value");
    }

    /** The first value of {@code key} in map {@code type} as the host's bytes, or {@code null}. */
    public static byte[] getHeaderMapValueBytes(int type, String key) {
        byte[] k = headerName(key);
        byte[] arena = HostMemory.beginCall();
        if (!headerMapValueFound(type, k)) {
            return null;
        }
        return HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_header_map_value");
    }

    /**
     * Runs {@code proxy_get_header_map_value} inside a call the caller began: true when the
     * value is in the return slots; false (call ended) when the map has no such key.
     */
    private static boolean headerMapValueFound(int type, byte[] k) {
        int status = proxyGetHeaderMapValue(type, HostMemory.addressOf(k), k.length, HostMemory.slot(0), HostMemory.slot(1));
        HostMemory.keep(k);
        if (status == 0) {
            return true;
        }
        HostMemory.endCall();
        if (status == NOT_FOUND) {
            return false;
        }
        throw new ProxyException("proxy_get_header_map_value", status, null);
    }

    @Import(module = ENV, name = "proxy_get_header_map_size")
    private static native int proxyGetHeaderMapSize(int type, int returnSize);

    /** The serialised size in bytes of map {@code type}. */
    public static int getHeaderMapSize(int type) {
        check("proxy_get_header_map_size", proxyGetHeaderMapSize(type, HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_add_header_map_value")
    private static native int proxyAddHeaderMapValue(int type, int keyData, int keySize, int valueData, int valueSize);

    /** Adds a pair to map {@code type}, keeping existing values of {@code key}. */
    public static void addHeaderMapValue(int type, String key, String value) {
        byte[] k = headerName(key);
        byte[] v = Utf8.encode(value);
        check("proxy_add_header_map_value",
                proxyAddHeaderMapValue(type, HostMemory.addressOf(k), k.length, HostMemory.addressOf(v), v.length));
    }

    @Import(module = ENV, name = "proxy_replace_header_map_value")
    private static native int proxyReplaceHeaderMapValue(int type, int keyData, int keySize, int valueData, int valueSize);

    /** Sets {@code key} to {@code value} in map {@code type}, replacing existing values. */
    public static void replaceHeaderMapValue(int type, String key, String value) {
        byte[] k = headerName(key);
        byte[] v = Utf8.encode(value);
        check("proxy_replace_header_map_value",
                proxyReplaceHeaderMapValue(type, HostMemory.addressOf(k), k.length, HostMemory.addressOf(v), v.length));
    }

    @Import(module = ENV, name = "proxy_remove_header_map_value")
    private static native int proxyRemoveHeaderMapValue(int type, int keyData, int keySize);

    /** Removes every value of {@code key} from map {@code type}. */
    public static void removeHeaderMapValue(int type, String key) {
        byte[] k = headerName(key);
        check("proxy_remove_header_map_value", proxyRemoveHeaderMapValue(type, HostMemory.addressOf(k), k.length));
    }

    // ---- streams --------------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_continue_stream")
    private static native int proxyContinueStream(int streamType);

    /** Resumes a paused stream direction; returns the host's raw status (0: OK). */
    public static int continueStream(int streamType) {
        return proxyContinueStream(streamType);
    }

    @Import(module = ENV, name = "proxy_close_stream")
    private static native int proxyCloseStream(int streamType);

    /** Closes or resets a stream direction; returns the host's raw status (0: OK). */
    public static int closeStream(int streamType) {
        return proxyCloseStream(streamType);
    }

    @Import(module = ENV, name = "proxy_send_local_response")
    private static native int proxySendLocalResponse(int statusCode, int detailsData, int detailsSize, int bodyData,
            int bodySize, int headersData, int headersSize, int grpcStatus);

    /** Answers the stream locally instead of forwarding it. */
    public static void sendLocalResponse(int statusCode, String details, byte[] body, Headers headers, int grpcStatus) {
        sendLocalResponse(statusCode, Utf8.encode(details), body, MapCodec.encode(headers), grpcStatus);
    }

    /** {@code proxy_send_local_response} with details and headers already encoded (headers as {@link MapCodec} does). */
    public static void sendLocalResponse(int statusCode, byte[] d, byte[] body, byte[] h, int grpcStatus) {
        check("proxy_send_local_response", proxySendLocalResponse(statusCode, HostMemory.addressOf(d), d.length,
                HostMemory.addressOf(body), body.length, HostMemory.addressOf(h), h.length, grpcStatus));
    }

    @Import(module = ENV, name = "proxy_get_status")
    private static native int proxyGetStatus(int returnCode, int returnMessageData, int returnMessageSize);

    /**
     * The status message of the HTTP call or gRPC call being answered (e.g. {@code "reset"});
     * the status code itself reaches the plugin as a callback argument.
     */
    public static String statusMessage() {
        byte[] arena = HostMemory.beginCall();
        int status = proxyGetStatus(HostMemory.slot(2), HostMemory.slot(0), HostMemory.slot(1));
        if (status != 0) {
            HostMemory.endCall();
            throw new ProxyException("proxy_get_status", status, null);
        }
        return HostMemory.takeString(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_status");
    }

    // ---- HTTP and gRPC calls --------------------------------------------------------------

    @Import(module = ENV, name = "proxy_http_call")
    private static native int proxyHttpCall(int upstreamData, int upstreamSize, int headersData, int headersSize,
            int bodyData, int bodySize, int trailersData, int trailersSize, int timeoutMillis, int returnCallId);

    /** Starts an HTTP call; returns its id. BAD_ARGUMENT (unknown cluster, missing pseudo-headers) throws. */
    public static int httpCall(String upstream, Headers headers, byte[] body, Headers trailers, int timeoutMillis) {
        byte[] u = Utf8.encode(upstream);
        byte[] h = MapCodec.encode(headers);
        byte[] t = MapCodec.encode(trailers);
        check("proxy_http_call", proxyHttpCall(HostMemory.addressOf(u), u.length, HostMemory.addressOf(h), h.length,
                HostMemory.addressOf(body), body.length, HostMemory.addressOf(t), t.length, timeoutMillis,
                HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_grpc_call")
    private static native int proxyGrpcCall(int upstreamData, int upstreamSize, int serviceData, int serviceSize,
            int methodData, int methodSize, int metadataData, int metadataSize, int messageData, int messageSize,
            int timeoutMillis, int returnCallId);

    /** Starts a unary gRPC call; returns its id. */
    public static int grpcCall(String upstream, String service, String method, Headers initialMetadata,
            byte[] message, int timeoutMillis) {
        byte[] u = Utf8.encode(upstream);
        byte[] s = Utf8.encode(service);
        byte[] m = Utf8.encode(method);
        byte[] md = MapCodec.encode(initialMetadata);
        check("proxy_grpc_call", proxyGrpcCall(HostMemory.addressOf(u), u.length, HostMemory.addressOf(s), s.length,
                HostMemory.addressOf(m), m.length, HostMemory.addressOf(md), md.length, HostMemory.addressOf(message),
                message.length, timeoutMillis, HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_grpc_stream")
    private static native int proxyGrpcStream(int upstreamData, int upstreamSize, int serviceData, int serviceSize,
            int methodData, int methodSize, int metadataData, int metadataSize, int returnStreamId);

    /** Opens a gRPC stream; returns its id. */
    public static int grpcStream(String upstream, String service, String method, Headers initialMetadata) {
        byte[] u = Utf8.encode(upstream);
        byte[] s = Utf8.encode(service);
        byte[] m = Utf8.encode(method);
        byte[] md = MapCodec.encode(initialMetadata);
        check("proxy_grpc_stream", proxyGrpcStream(HostMemory.addressOf(u), u.length, HostMemory.addressOf(s),
                s.length, HostMemory.addressOf(m), m.length, HostMemory.addressOf(md), md.length, HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_grpc_send")
    private static native int proxyGrpcSend(int streamId, int messageData, int messageSize, int endStream);

    /** Sends a message on a gRPC stream. */
    public static void grpcSend(int streamId, byte[] message, boolean endStream) {
        check("proxy_grpc_send", proxyGrpcSend(streamId, HostMemory.addressOf(message), message.length, endStream ? 1 : 0));
    }

    @Import(module = ENV, name = "proxy_grpc_cancel")
    private static native int proxyGrpcCancel(int callId);

    /** Cancels a gRPC call or stream. */
    public static void grpcCancel(int callId) {
        check("proxy_grpc_cancel", proxyGrpcCancel(callId));
    }

    @Import(module = ENV, name = "proxy_grpc_close")
    private static native int proxyGrpcClose(int callId);

    /** Closes a gRPC call or stream. */
    public static void grpcClose(int callId) {
        check("proxy_grpc_close", proxyGrpcClose(callId));
    }

    // ---- properties -----------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_get_property")
    private static native int proxyGetProperty(int pathData, int pathSize, int returnData, int returnSize);

    /** The raw value of the property at {@code path} (NUL-separated segments), or {@code null}. */
    public static byte[] getProperty(byte[] path) {
        byte[] arena = HostMemory.beginCall();
        int status = proxyGetProperty(HostMemory.addressOf(path), path.length, HostMemory.slot(0), HostMemory.slot(1));
        HostMemory.keep(path);
        if (status != 0) {
            HostMemory.endCall();
            if (status == NOT_FOUND) {
                return null;
            }
            throw new ProxyException("proxy_get_property", status, null);
        }
        return HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_property");
    }

    @Import(module = ENV, name = "proxy_set_property")
    private static native int proxySetProperty(int pathData, int pathSize, int valueData, int valueSize);

    /** Sets the property at {@code path}; returns the host's status. */
    public static Status setProperty(byte[] path, byte[] value) {
        return Status.of(proxySetProperty(HostMemory.addressOf(path), path.length, HostMemory.addressOf(value), value.length));
    }

    // ---- shared data and queues -----------------------------------------------------------

    @Import(module = ENV, name = "proxy_get_shared_data")
    private static native int proxyGetSharedData(int keyData, int keySize, int returnData, int returnSize, int returnCas);

    private static int lastCas;

    /** The value stored under {@code key}, or {@code null}; its CAS token is then in {@link #lastCas()}. */
    public static byte[] getSharedData(String key) {
        byte[] k = Utf8.encode(key);
        byte[] arena = HostMemory.beginCall();
        int status = proxyGetSharedData(HostMemory.addressOf(k), k.length, HostMemory.slot(0), HostMemory.slot(1),
                HostMemory.slot(2));
        HostMemory.keep(k);
        if (status != 0) {
            HostMemory.endCall();
            if (status == NOT_FOUND) {
                return null;
            }
            throw new ProxyException("proxy_get_shared_data", status, null);
        }
        int cas = HostMemory.slotValue(2);
        byte[] value = HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_get_shared_data");
        lastCas = cas;
        return value;
    }

    /** The CAS token returned by the last successful {@link #getSharedData}. */
    public static int lastCas() {
        return lastCas;
    }

    @Import(module = ENV, name = "proxy_set_shared_data")
    private static native int proxySetSharedData(int keyData, int keySize, int valueData, int valueSize, int cas);

    /** Stores {@code value} under {@code key} if {@code cas} is 0 or still current; OK or CAS_MISMATCH. */
    public static Status setSharedData(String key, byte[] value, int cas) {
        byte[] k = Utf8.encode(key);
        int status = proxySetSharedData(HostMemory.addressOf(k), k.length, HostMemory.addressOf(value), value.length, cas);
        if (status != 0 && status != CAS_MISMATCH) {
            throw new ProxyException("proxy_set_shared_data", status, null);
        }
        return Status.of(status);
    }

    @Import(module = ENV, name = "proxy_register_shared_queue")
    private static native int proxyRegisterSharedQueue(int nameData, int nameSize, int returnId);

    /** Registers (or opens) the queue {@code name} of this VM; returns its id. */
    public static int registerSharedQueue(String name) {
        byte[] n = Utf8.encode(name);
        check("proxy_register_shared_queue", proxyRegisterSharedQueue(HostMemory.addressOf(n), n.length, HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_resolve_shared_queue")
    private static native int proxyResolveSharedQueue(int vmIdData, int vmIdSize, int nameData, int nameSize, int returnId);

    /** The id of queue {@code name} of VM {@code vmId}, or -1 when there is none. */
    public static int resolveSharedQueue(String vmId, String name) {
        byte[] v = Utf8.encode(vmId);
        byte[] n = Utf8.encode(name);
        int status = proxyResolveSharedQueue(HostMemory.addressOf(v), v.length, HostMemory.addressOf(n), n.length,
                HostMemory.slot(0));
        if (status == NOT_FOUND) {
            return -1;
        }
        check("proxy_resolve_shared_queue", status);
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_enqueue_shared_queue")
    private static native int proxyEnqueueSharedQueue(int queueId, int valueData, int valueSize);

    /** Appends {@code value} to queue {@code queueId}. */
    public static void enqueueSharedQueue(int queueId, byte[] value) {
        check("proxy_enqueue_shared_queue", proxyEnqueueSharedQueue(queueId, HostMemory.addressOf(value), value.length));
    }

    @Import(module = ENV, name = "proxy_dequeue_shared_queue")
    private static native int proxyDequeueSharedQueue(int queueId, int returnData, int returnSize);

    /** Takes the first item of queue {@code queueId}, or {@code null} when it is empty. */
    public static byte[] dequeueSharedQueue(int queueId) {
        byte[] arena = HostMemory.beginCall();
        int status = proxyDequeueSharedQueue(queueId, HostMemory.slot(0), HostMemory.slot(1));
        if (status != 0) {
            HostMemory.endCall();
            if (status == EMPTY) {
                return null;
            }
            throw new ProxyException("proxy_dequeue_shared_queue", status, null);
        }
        return HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_dequeue_shared_queue");
    }

    // ---- metrics --------------------------------------------------------------------------

    @Import(module = ENV, name = "proxy_define_metric")
    private static native int proxyDefineMetric(int type, int nameData, int nameSize, int returnId);

    /** Defines metric {@code name} of {@code type}; returns its id. */
    public static int defineMetric(int type, String name) {
        byte[] n = Utf8.encode(name);
        check("proxy_define_metric", proxyDefineMetric(type, HostMemory.addressOf(n), n.length, HostMemory.slot(0)));
        return HostMemory.slotValue(0);
    }

    @Import(module = ENV, name = "proxy_record_metric")
    private static native int proxyRecordMetric(int metricId, long value);

    /** Sets a gauge or records a histogram value. */
    public static void recordMetric(int metricId, long value) {
        check("proxy_record_metric", proxyRecordMetric(metricId, value));
    }

    @Import(module = ENV, name = "proxy_increment_metric")
    private static native int proxyIncrementMetric(int metricId, long delta);

    /** Adds {@code delta} to a counter or gauge. */
    public static void incrementMetric(int metricId, long delta) {
        check("proxy_increment_metric", proxyIncrementMetric(metricId, delta));
    }

    @Import(module = ENV, name = "proxy_get_metric")
    private static native int proxyGetMetric(int metricId, int returnValue);

    /** The current value of a metric. */
    public static long getMetric(int metricId) {
        check("proxy_get_metric", proxyGetMetric(metricId, HostMemory.slot(0)));
        return HostMemory.slotLong(0);
    }

    // ---- foreign functions ----------------------------------------------------------------

    @Import(module = ENV, name = "proxy_call_foreign_function")
    private static native int proxyCallForeignFunction(int nameData, int nameSize, int argsData, int argsSize,
            int returnData, int returnSize);

    /** Calls the host function {@code name}; returns its result (possibly empty). NOT_FOUND throws. */
    public static byte[] callForeignFunction(String name, byte[] arguments) {
        byte[] n = Utf8.encode(name);
        byte[] arena = HostMemory.beginCall();
        HostMemory.slotClear(0, 2);
        int status = proxyCallForeignFunction(HostMemory.addressOf(n), n.length, HostMemory.addressOf(arguments),
                arguments.length, HostMemory.slot(0), HostMemory.slot(1));
        HostMemory.keep(arguments);
        HostMemory.keep(n);
        if (status != 0) {
            HostMemory.endCall();
            throw new ProxyException("proxy_call_foreign_function", status, name);
        }
        return HostMemory.takeBytes(arena, HostMemory.slotValue(0), HostMemory.slotValue(1), "proxy_call_foreign_function");
    }
}
