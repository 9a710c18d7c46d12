package dev.proxywasm.abi.conformance;

import dev.proxywasm.abi.ProxyWasm;

/**
 * A filter that exercises every group of Proxy-Wasm ABI 0.2.1 through the SDK, so that the
 * harness tests can check each group against a real compiled module. The default root serves
 * HTTP (one route per ABI group, see {@link ConformanceStream}); the root id {@code tcp} serves
 * TCP connections ({@link ConformanceConnection}).
 */
public final class ConformanceFilter {
    private ConformanceFilter() {
    }

    public static void main(String[] args) {
        ProxyWasm.setRootContext(ConformanceRoot::new);
        ProxyWasm.setRootContext("tcp", TcpRoot::new);
    }
}
