package dev.proxywasm.harness;

/**
 * The plugin trapped (or a host function failed) while the harness ran one of its callbacks.
 * In Envoy this fails the VM; here the call that was running throws this, and every later call on
 * the same host fails fast. When a host function threw, that exception is the cause.
 */
public final class WasmTrapException extends RuntimeException {
  WasmTrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
