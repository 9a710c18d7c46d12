package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;
import java.util.function.Supplier;

/**
 * Context ids to Java objects: the only place that knows about ids. It creates root contexts
 * from the registered factories, stream contexts from their root, routes HTTP-call and gRPC
 * answers back to the context that started them, and tracks which context the host treats as
 * effective so that switching costs a host call only when needed.
 */
final class Dispatcher {
    // Set by start(): with no field initialisers the class needs no static initialisation, so
    // TeaVM adds no class-initialisation check (and stack frame) to every callback's lookups.
    private static String[] rootIds;
    private static Supplier<?>[] rootFactories;
    private static Supplier<? extends RootContext> defaultRootFactory;
    private static IdTable<Context> contexts;
    private static IdTable<PendingCall> httpCalls;
    private static IdTable<PendingCall> grpcCalls;
    private static int effective;

    private Dispatcher() {
    }

    /** Creates the tables; {@code _initialize} calls it before the plugin's {@code main}. */
    static void start() {
        rootIds = new String[0];
        rootFactories = new Supplier<?>[0];
        contexts = new IdTable<>();
        httpCalls = new IdTable<>();
        grpcCalls = new IdTable<>();
    }

    /** A call awaiting its answer: who started it and who handles the answer. */
    private static final class PendingCall {
        final int ownerId;
        final Object handler;
        /** A unary gRPC call ends with its one message (Envoy sends no close after success). */
        final boolean endsWithMessage;

        PendingCall(int ownerId, Object handler, boolean endsWithMessage) {
            this.ownerId = ownerId;
            this.handler = handler;
            this.endsWithMessage = endsWithMessage;
        }
    }

    static void registerRoot(String rootId, Supplier<? extends RootContext> factory) {
        Exports.link();
        if (rootId == null) {
            defaultRootFactory = factory;
            return;
        }
        int n = rootIds.length;
        String[] ids = new String[n + 1];
        Supplier<?>[] factories = new Supplier<?>[n + 1];
        System.arraycopy(rootIds, 0, ids, 0, n);
        System.arraycopy(rootFactories, 0, factories, 0, n);
        ids[n] = rootId;
        factories[n] = factory;
        rootIds = ids;
        rootFactories = factories;
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
        return contexts.get(contextId);
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
            Context parent = contexts.get(parentId);
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

    @SuppressWarnings("unchecked")
    private static Supplier<? extends RootContext> rootFactoryFor() {
        if (rootIds.length > 0) {
            String rootId = Properties.pluginRootId();
            for (int i = 0; i < rootIds.length; i++) {
                if (rootIds[i].equals(rootId)) {
                    return (Supplier<? extends RootContext>) rootFactories[i];
                }
            }
        }
        return defaultRootFactory;
    }

    static void delete(int contextId) {
        contexts.remove(contextId);
    }

    static void awaitHttpCall(int callId, int ownerId, HttpCallHandler handler) {
        httpCalls.put(callId, new PendingCall(ownerId, handler, true));
    }

    static void awaitGrpc(int callId, int ownerId, GrpcHandler handler, boolean unary) {
        grpcCalls.put(callId, new PendingCall(ownerId, handler, unary));
    }

    static void forgetGrpc(int callId) {
        grpcCalls.remove(callId);
    }

    /**
     * The handler of HTTP call {@code callId} with its owner made effective, or {@code null}
     * when the call is unknown or its owner is gone (the answer is then dropped).
     */
    static HttpCallHandler takeHttpCall(int callId) {
        PendingCall call = httpCalls.remove(callId);
        return call != null && switchTo(call.ownerId) ? (HttpCallHandler) call.handler : null;
    }

    /**
     * Like {@link #takeHttpCall} for gRPC events. The call is forgotten when it closes, and for
     * a unary call also when its message arrives, which is its last event after a success.
     */
    static GrpcHandler grpcHandler(int callId, boolean closing, boolean message) {
        PendingCall call = grpcCalls.get(callId);
        if (call == null) {
            return null;
        }
        if (closing || (message && call.endsWithMessage)) {
            grpcCalls.remove(callId);
        }
        return switchTo(call.ownerId) ? (GrpcHandler) call.handler : null;
    }

    private static boolean switchTo(int ownerId) {
        if (!contexts.contains(ownerId)) {
            return false;
        }
        if (effective != ownerId) {
            if (HostCalls.setEffectiveContext(ownerId) != Status.OK) {
                return false;
            }
            effective = ownerId;
        }
        return true;
    }
}
