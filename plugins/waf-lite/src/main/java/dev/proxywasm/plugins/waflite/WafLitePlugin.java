package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.ProxyWasm;

/** Entry point of the compiled module: registers the root context. */
public final class WafLitePlugin {
  private WafLitePlugin() {}

  /** Called once when the Wasm VM starts. */
  public static void main(String[] args) {
    ProxyWasm.setRootContext(WafRootContext::new);
  }
}
