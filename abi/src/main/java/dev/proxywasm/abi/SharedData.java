package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * The host's key-value store shared by every VM on a worker thread and across workers (in Envoy:
 * process-wide, per VM id). Updates can be made conditional on a compare-and-swap token, so
 * concurrent workers do not overwrite each other.
 */
public final class SharedData {
    private final byte[] value;
    private final int cas;

    private SharedData(byte[] value, int cas) {
        this.value = value;
        this.cas = cas;
    }

    /** The stored bytes. */
    public byte[] value() {
        return value;
    }

    /** The compare-and-swap token of this version. */
    public int cas() {
        return cas;
    }

    /** The entry stored under {@code key}, or {@code null}. */
    public static SharedData get(String key) {
        byte[] v = HostCalls.getSharedData(key);
        return v == null ? null : new SharedData(v, HostCalls.lastCas());
    }

    /** Stores {@code value} under {@code key} unconditionally. */
    public static void set(String key, byte[] value) {
        HostCalls.setSharedData(key, value, 0);
    }

    /**
     * Stores {@code value} under {@code key} only if the entry is still at version {@code cas}
     * (from {@link #cas()}); returns false when another writer got there first.
     */
    public static boolean compareAndSet(String key, byte[] value, int cas) {
        return HostCalls.setSharedData(key, value, cas) == Status.OK;
    }
}
