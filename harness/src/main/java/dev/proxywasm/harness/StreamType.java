package dev.proxywasm.harness;

/** {@code proxy_stream_type_t}: the stream {@code proxy_continue_stream}/{@code proxy_close_stream} act on. */
enum StreamType {
  HTTP_REQUEST,
  HTTP_RESPONSE,
  DOWNSTREAM,
  UPSTREAM;

  /** The type with ABI code {@code code}, or {@code null} past the last one. */
  static StreamType fromCode(int code) {
    StreamType[] types = values();
    return code >= 0 && code < types.length ? types[code] : null;
  }
}
