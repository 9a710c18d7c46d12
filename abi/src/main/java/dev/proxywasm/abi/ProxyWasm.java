package dev.proxywasm.abi;

import java.util.function.Supplier;

/**
 * Where a plugin starts. Its {@code main} (run once when the host initialises the module)
 * registers how to create root contexts:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ProxyWasm.setRootContext(BasicAuthRoot::new);
 * }
 * }</pre>
 *
 * A module can serve several plugins: register a factory per {@code root_id} (the host's
 * {@code plugin_root_id} property) with {@link #setRootContext(String, Supplier)}.
 */
public final class ProxyWasm {
    private ProxyWasm() {
    }

    /** Creates the root context of every plugin that has no factory registered for its root id. */
    public static void setRootContext(Supplier<? extends RootContext> factory) {
        Dispatcher.registerDefaultRoot(factory);
    }

    /** Creates the root context of plugins configured with {@code root_id = rootId}. */
    public static void setRootContext(String rootId, Supplier<? extends RootContext> factory) {
        Dispatcher.registerRoot(rootId, factory);
    }
}
