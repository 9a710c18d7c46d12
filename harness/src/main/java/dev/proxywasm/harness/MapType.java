package dev.proxywasm.harness;

/** {@code proxy_map_type_t}: which header map a host function reads or writes. */
enum MapType {
  HTTP_REQUEST_HEADERS,
  HTTP_REQUEST_TRAILERS,
  HTTP_RESPONSE_HEADERS,
  HTTP_RESPONSE_TRAILERS,
  GRPC_RECEIVE_INITIAL_METADATA,
  GRPC_RECEIVE_TRAILING_METADATA,
  HTTP_CALL_RESPONSE_HEADERS,
  HTTP_CALL_RESPONSE_TRAILERS;

  /** The type with ABI code {@code code}, or {@code null} past the last one. */
  static MapType fromCode(int code) {
    MapType[] types = values();
    return code >= 0 && code < types.length ? types[code] : null;
  }
}
