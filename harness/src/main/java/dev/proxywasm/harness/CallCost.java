package dev.proxywasm.harness;

import java.time.Duration;

/**
 * What one callback into the plugin cost: wall time (noisy; JIT, GC and the machine's load all
 * show) and, when the host counts instructions, the number of WebAssembly instructions it ran
 * (deterministic: the same input always costs the same, so budgets can be exact).
 */
public final class CallCost {
  private final String callback;
  private final long wallNanos;
  private final long instructions;

  CallCost(String callback, long wallNanos, long instructions) {
    this.callback = callback;
    this.wallNanos = wallNanos;
    this.instructions = instructions;
  }

  /** The export that was called, for example {@code proxy_on_request_headers}. */
  public String callback() {
    return callback;
  }

  /** Wall time of the call, including the host functions it called. */
  public Duration wallTime() {
    return Duration.ofNanos(wallNanos);
  }

  /**
   * WebAssembly instructions executed by the call (allocator calls made by host functions
   * included); wasmtime-java 0.19.0 does not expose wasmtime's fuel, so the host injects a counter.
   *
   * @throws IllegalStateException when the host was built without
   *     {@link ProxyWasmHost.Builder#countInstructions()}
   */
  public long instructions() {
    if (instructions < 0) {
      throw new IllegalStateException(
          "instructions are not counted: build the host with ProxyWasmHost.Builder.countInstructions()");
    }
    return instructions;
  }

  @Override
  public String toString() {
    return callback + ": " + wallNanos / 1000 + " us"
        + (instructions < 0 ? "" : ", " + instructions + " instructions");
  }
}
