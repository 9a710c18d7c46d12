package dev.proxywasm.harness;

/** {@code proxy_status_t}: what a host function returns to the plugin. */
enum Status {
  OK(0),
  NOT_FOUND(1),
  BAD_ARGUMENT(2),
  SERIALIZATION_FAILURE(3),
  PARSE_FAILURE(4),
  INVALID_MEMORY_ACCESS(6),
  EMPTY(7),
  CAS_MISMATCH(8),
  INTERNAL_FAILURE(10),
  BROKEN_CONNECTION(11),
  UNIMPLEMENTED(12);

  final int code;

  Status(int code) {
    this.code = code;
  }
}
