package dev.proxywasm.harness;

import java.time.Duration;

/**
 * What one callback into the plugin cost: wall time (noisy; JIT, GC and the machine's load all
 * show), the part of it spent in the host's functions, and, when the host counts instructions,
 * the number of WebAssembly instructions it ran (deterministic: the same input always costs the
 * same, so budgets can be exact).
 */
public final class CallCost {
  private final String callback;
  private final long wallNanos;
  private final long hostNanos;
  private final long hostCalls;
  private final long instructions;

  CallCost(String callback, long wallNanos, long hostNanos, long hostCalls, long instructions) {
    this.callback = callback;
    this.wallNanos = wallNanos;
    this.hostNanos = hostNanos;
    this.hostCalls = hostCalls;
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
   * The part of {@link #wallTime()} spent inside the host functions the plugin called (the
   * harness's Java code: header maps, buffers, logs...). Crossing between wasmtime and Java for
   * each call is in neither this nor the plugin's code, so {@code wallTime - hostTime} is an
   * upper bound of the plugin's own time.
   */
  public Duration hostTime() {
    return Duration.ofNanos(hostNanos);
  }

  /** How many host functions the plugin called during the call. */
  public long hostCalls() {
    return hostCalls;
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
    return callback + ": " + wallNanos / 1000 + " us, " + hostCalls + " host calls taking "
        + hostNanos / 1000 + " us"
        + (instructions < 0 ? "" : ", " + instructions + " instructions");
  }
}
