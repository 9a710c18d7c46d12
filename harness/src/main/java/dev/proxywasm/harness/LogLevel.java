package dev.proxywasm.harness;

/** {@code proxy_log_level_t}: the levels a plugin logs at, in the ABI's order. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  CRITICAL;

  /** The level with the ABI code {@code code}, or {@code null} when the code is unknown. */
  static LogLevel fromCode(int code) {
    LogLevel[] levels = values();
    return code >= 0 && code < levels.length ? levels[code] : null;
  }
}
