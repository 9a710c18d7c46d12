package dev.proxywasm.abi.teavm;

import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Compile-time adjustments TeaVM applies to every module built with the SDK (found by TeaVM on
 * the classpath through {@code META-INF/services}); nothing here runs inside the module.
 */
public final class ProxyWasmTeaVMPlugin implements TeaVMPlugin {
    @Override
    public void install(TeaVMHost host) {
        host.add(new StartWithoutArguments());
        host.add(new NoStackTraces());
    }
}
