package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;
import java.util.function.Supplier;

/**
 * Context ids to Java objects: the only place that knows about ids. It creates root contexts
 * from the registered factories, stream contexts from their root, holds the pending HTTP and
 * gRPC calls (whose {@link PendingCalls} routes each answer back to the context that started
 * the call), and tracks which context the host treats as effective so that switching costs a
 * host call only when needed.
 */
final class Dispatcher {
    private static Supplier<? extends RootContext> defaultRootFactory;
    /** Created by the first factory registered for a root id (see {@link NamedRoots} for why). */
    private static NamedRoots namedRoots;
    /**
     * The live contexts, created with the first root factory (no context can exist before). Not
     * a static initialiser: TeaVM would check that it ran at every call into this class.
     */
    private static IdTable<Context> contexts;
    /** Created by the first HTTP or gRPC call (see {@link PendingCalls} for why). */
    private static PendingCalls calls;
    /** The context the host treats as effective; read inline by {@link Context#activate}. */
    static int effective;

    private Dispatcher() {
    }

    /** Registers {@code factory} for every root id that has none of its own. */
    static void registerDefaultRoot(Supplier<? extends RootContext> factory) {
        Exports.link();
        if (contexts == null) {
            contexts = new IdTable<>();
        }
        defaultRootFactory = factory;
    }

    /** Registers {@code factory} for {@code rootId}. */
    static void registerRoot(String rootId, Supplier<? extends RootContext> factory) {
        Exports.link();
        if (contexts == null) {
            contexts = new IdTable<>();
        }
        if (namedRoots == null) {
            namedRoots = new NamedRoots();
        }
        namedRoots.add(rootId, factory);
    }

    /** The host entered a callback of {@code contextId}, which makes it effective. */
    static void entered(int contextId) {
        effective = contextId;
    }

    /** Makes {@code contextId} effective, with a host call only if it is not already. */
    static void activate(int contextId) {
        if (effective != contextId) {
            HostCalls.setEffectiveContext(contextId);
            effective = contextId;
        }
    }

    static Context get(int contextId) {
        return contexts == null ? null : contexts.get(contextId);
    }

    static void create(int contextId, int parentId) {
        Context created;
        if (parentId == 0) {
            Supplier<? extends RootContext> factory = rootFactoryFor();
            if (factory == null) {
                Log.error("proxy_on_context_create: no root context registered for this plugin's root_id");
                return;
            }
            created = factory.get();
        } else {
            Context parent = get(parentId);
            if (!(parent instanceof RootContext)) {
                return;
            }
            RootContext root = (RootContext) parent;
            created = root.newHttpContext(contextId);
            if (created == null) {
                created = root.newTcpContext(contextId);
            }
        }
        if (created != null) {
            created.bind(contextId);
            contexts.put(contextId, created);
        }
    }

    private static Supplier<? extends RootContext> rootFactoryFor() {
        Supplier<? extends RootContext> factory = namedRoots == null ? null : namedRoots.forThisPlugin();
        return factory != null ? factory : defaultRootFactory;
    }

    static void delete(int contextId) {
        if (contexts != null) {
            contexts.remove(contextId);
        }
    }

    /** The pending calls, created now if this is the first call. */
    static PendingCalls calls() {
        if (calls == null) {
            calls = new PendingCalls();
        }
        return calls;
    }

    /** The pending calls, or {@code null} when no call was ever made (then no answer is due). */
    static PendingCalls callsIfAny() {
        return calls;
    }

    /**
     * Makes the owner of a call effective for its answer; {@code false} when the owner is gone
     * or the host refuses (the answer is then dropped).
     */
    static boolean switchTo(int ownerId) {
        if (contexts == null || !contexts.contains(ownerId)) {
            return false;
        }
        if (effective != ownerId) {
            if (HostCalls.setEffectiveContext(ownerId) != 0) {
                return false;
            }
            effective = ownerId;
        }
        return true;
    }
}
