package dev.proxywasm.harness;

/**
 * One line a plugin logged, through {@code proxy_log} or by writing to stdout (INFO) or stderr
 * (ERROR), as Envoy would log it. A trailing newline written to stdout/stderr is dropped, as Envoy
 * does.
 *
 * @param level the level it was logged at
 * @param message the text
 */
public record LogEntry(LogLevel level, String message) {
  @Override
  public String toString() {
    return level + " " + message;
  }
}
