package dev.proxywasm.abi;

import java.util.function.Supplier;

/**
 * The root-context factories registered for particular root ids. The SDK creates it at the
 * first such registration, so a module that registers only a default factory does not contain
 * the lookup (nor the property read it makes): TeaVM compiles only the methods of classes the
 * program can instantiate. (Not final on purpose: TeaVM links a call to a final class's method
 * whether or not an instance can exist.)
 */
class NamedRoots {
    private String[] rootIds = new String[0];
    private Supplier<?>[] factories = new Supplier<?>[0];

    void add(String rootId, Supplier<? extends RootContext> factory) {
        int n = rootIds.length;
        String[] ids = new String[n + 1];
        Supplier<?>[] grown = new Supplier<?>[n + 1];
        System.arraycopy(rootIds, 0, ids, 0, n);
        System.arraycopy(factories, 0, grown, 0, n);
        ids[n] = rootId;
        grown[n] = factory;
        rootIds = ids;
        factories = grown;
    }

    /** The factory registered for the host's {@code plugin_root_id}, or {@code null}. */
    @SuppressWarnings("unchecked")
    Supplier<? extends RootContext> forThisPlugin() {
        String rootId = Properties.pluginRootId();
        for (int i = 0; i < rootIds.length; i++) {
            if (rootIds[i].equals(rootId)) {
                return (Supplier<? extends RootContext>) factories[i];
            }
        }
        return null;
    }
}
