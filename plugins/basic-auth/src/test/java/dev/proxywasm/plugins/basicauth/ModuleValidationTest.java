package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.harness.EnvoyCompatibility;
import org.junit.jupiter.api.Test;

/**
 * The shipped module is a plain core module Envoy's runtimes load: wabt validates it with only
 * the proposals TeaVM emits, its imports are Proxy-Wasm and WASI functions Envoy provides, it
 * exports the ABI marker, an allocator and {@code _initialize}, and V8 instantiates it.
 */
class ModuleValidationTest {
    @Test
    void envoysRuntimesLoadTheShippedModule() {
        EnvoyCompatibility.assertCompatible(BasicAuthFilterTest.WASM);
    }
}
