package dev.proxywasm.abi;

/** The directions of a stream that can be resumed or closed ({@code proxy_stream_type_t}). */
public enum StreamType {
    HTTP_REQUEST,
    HTTP_RESPONSE,
    DOWNSTREAM,
    UPSTREAM;

    /** The ABI value of this stream type. */
    public int code() {
        return ordinal();
    }
}
