package dev.proxywasm.abi;

/** The header maps a filter can read or change ({@code proxy_map_type_t}). */
public enum MapType {
    HTTP_REQUEST_HEADERS,
    HTTP_REQUEST_TRAILERS,
    HTTP_RESPONSE_HEADERS,
    HTTP_RESPONSE_TRAILERS,
    GRPC_CALL_INITIAL_METADATA,
    GRPC_CALL_TRAILING_METADATA,
    HTTP_CALL_RESPONSE_HEADERS,
    HTTP_CALL_RESPONSE_TRAILERS;

    // The ABI values the SDK passes itself, as compile-time constants: javac copies them into
    // the caller, so a filter that reads headers does not carry this enum (its constants,
    // their names, its initialiser). Equal to code().
    static final int HTTP_REQUEST_HEADERS_CODE = 0;
    static final int HTTP_REQUEST_TRAILERS_CODE = 1;
    static final int HTTP_RESPONSE_HEADERS_CODE = 2;
    static final int HTTP_RESPONSE_TRAILERS_CODE = 3;

    /** The ABI value of this map type. */
    public int code() {
        return ordinal();
    }
}
