package dev.proxywasm.harness;

/** {@code proxy_buffer_type_t}: which buffer a host function reads or writes. */
enum BufferType {
  HTTP_REQUEST_BODY,
  HTTP_RESPONSE_BODY,
  DOWNSTREAM_DATA,
  UPSTREAM_DATA,
  HTTP_CALL_RESPONSE_BODY,
  GRPC_RECEIVE_BUFFER,
  VM_CONFIGURATION,
  PLUGIN_CONFIGURATION,
  FOREIGN_FUNCTION_ARGUMENTS;

  /** The type with ABI code {@code code}, or {@code null} past the last one. */
  static BufferType fromCode(int code) {
    BufferType[] types = values();
    return code >= 0 && code < types.length ? types[code] : null;
  }
}
