package dev.proxywasm.abi.conformance;

import dev.proxywasm.harness.EnvoyCompatibility;
import org.junit.jupiter.api.Test;

class EnvoyCompatibilityTest {
    @Test
    void theCompiledFilterIsACoreModuleEnvoysRuntimesLoad() {
        EnvoyCompatibility.assertCompatible(ConformanceTest.WASM);
    }
}
