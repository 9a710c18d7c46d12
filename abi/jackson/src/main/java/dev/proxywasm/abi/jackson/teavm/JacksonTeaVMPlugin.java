package dev.proxywasm.abi.jackson.teavm;

import java.util.Arrays;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Registers the class transformers jackson-core needs under TeaVM. TeaVM finds this plugin through
 * {@code META-INF/services/org.teavm.vm.spi.TeaVMPlugin} on the compiled program's classpath, so a
 * plugin module that depends on abi-jackson needs no TeaVM configuration of its own. The missing
 * JDK classes themselves come from {@code dev.proxywasm.abi.jackson.classlib}, which
 * {@code META-INF/teavm.properties} maps onto {@code java.*}.
 */
public final class JacksonTeaVMPlugin implements TeaVMPlugin {
    /** TeaVM's tag for its linear-memory Wasm backend ({@code WasmTarget}, used by WASI). */
    private static final String LINEAR_MEMORY_WASM = "webassembly";

    @Override
    public void install(TeaVMHost host) {
        host.add(new NumberParsingRedirect());
        host.add(new ConcurrencyLevelConstructor());
        if (Arrays.asList(host.getPlatformTags()).contains(LINEAR_MEMORY_WASM)) {
            host.add(new StringInternBody());
        }
    }
}
