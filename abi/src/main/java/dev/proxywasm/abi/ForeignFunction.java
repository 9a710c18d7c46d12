package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/** Calls into functions the host registered by name (Envoy's foreign functions). */
public final class ForeignFunction {
    private ForeignFunction() {
    }

    /**
     * Calls host function {@code name} with {@code arguments}; returns its result (empty when it
     * returns nothing).
     *
     * @throws ProxyException NOT_FOUND when the host has no such function
     */
    public static byte[] call(String name, byte[] arguments) {
        return HostCalls.callForeignFunction(name, arguments);
    }
}
