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

    // The ABI values the SDK passes itself, as compile-time constants: javac copies them into
    // the caller, so a module that only logs, reads its configuration, counts or filters HTTP does not
    // carry this enum (its constants, their names, its initialiser). Equal to code().
    static final int HTTP_REQUEST_BODY_CODE = 0;
    static final int HTTP_RESPONSE_BODY_CODE = 1;
    static final int VM_CONFIGURATION_CODE = 6;
    static final int PLUGIN_CONFIGURATION_CODE = 7;

    /** The ABI value of this buffer type. */
    public int code() {
        return ordinal();
    }
}
