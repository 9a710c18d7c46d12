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

    /** The ABI value of this map type. */
    public int code() {
        return ordinal();
    }
}
