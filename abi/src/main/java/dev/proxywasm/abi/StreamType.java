package dev.proxywasm.abi;

/** The directions of a stream that can be resumed or closed ({@code proxy_stream_type_t}). */
public enum StreamType {
    HTTP_REQUEST,
    HTTP_RESPONSE,
    DOWNSTREAM,
    UPSTREAM;

    // The ABI values the SDK passes itself, as compile-time constants: javac copies them into
    // the caller, so a module that only logs, reads its configuration, counts or filters HTTP does not
    // carry this enum (its constants, their names, its initialiser). Equal to code().
    static final int HTTP_REQUEST_CODE = 0;
    static final int HTTP_RESPONSE_CODE = 1;
    static final int DOWNSTREAM_CODE = 2;

    /** The ABI value of this stream type. */
    public int code() {
        return ordinal();
    }
}
