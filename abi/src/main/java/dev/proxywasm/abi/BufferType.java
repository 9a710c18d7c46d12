package dev.proxywasm.abi;

/** The byte buffers a filter can read or change ({@code proxy_buffer_type_t}). */
public enum BufferType {
    HTTP_REQUEST_BODY,
    HTTP_RESPONSE_BODY,
    DOWNSTREAM_DATA,
    UPSTREAM_DATA,
    HTTP_CALL_RESPONSE_BODY,
    GRPC_CALL_MESSAGE,
    VM_CONFIGURATION,
    PLUGIN_CONFIGURATION,
    FOREIGN_FUNCTION_ARGUMENTS;

    /** The ABI value of this buffer type. */
    public int code() {
        return ordinal();
    }
}
