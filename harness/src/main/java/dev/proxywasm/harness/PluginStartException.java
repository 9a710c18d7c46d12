package dev.proxywasm.harness;

import java.util.List;

/**
 * The plugin refused to start: {@code proxy_on_vm_start} or {@code proxy_on_configure} returned
 * false, so Envoy would reject the configuration. Carries what the plugin logged on the way, which
 * is usually where it says why.
 */
public final class PluginStartException extends RuntimeException {
  private final String callback;
  private final List<LogEntry> logs;

  PluginStartException(String callback, String rootId, List<LogEntry> logs) {
    super(callback + " returned false for root id \"" + rootId + "\", so Envoy would reject it"
        + (logs.isEmpty() ? " (the plugin logged nothing)" : "; the plugin logged: " + logs));
    this.callback = callback;
    this.logs = List.copyOf(logs);
  }

  /** {@code proxy_on_vm_start} or {@code proxy_on_configure}. */
  public String callback() {
    return callback;
  }

  /** Everything the plugin logged until it failed. */
  public List<LogEntry> logs() {
    return logs;
  }
}
