package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.ProxyWasm;

/** Entry point of the module: every plugin it serves is a {@link BasicAuthRoot}. */
public final class BasicAuthPlugin {
    private BasicAuthPlugin() {
    }

    public static void main(String[] args) {
        ProxyWasm.setRootContext(BasicAuthRoot::new);
    }
}
