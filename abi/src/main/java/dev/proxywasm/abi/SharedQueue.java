package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * A host queue for handing items between VMs. The VM that registers a queue gets
 * {@link RootContext#onQueueReady} when items arrive; others resolve it by VM id and name.
 */
public final class SharedQueue {
    private final int id;

    private SharedQueue(int id) {
        this.id = id;
    }

    /** Registers (or opens) queue {@code name} of this VM. */
    public static SharedQueue register(String name) {
        return new SharedQueue(HostCalls.registerSharedQueue(name));
    }

    /** The queue {@code name} of VM {@code vmId}, or {@code null} when it does not exist. */
    public static SharedQueue resolve(String vmId, String name) {
        int id = HostCalls.resolveSharedQueue(vmId, name);
        return id < 0 ? null : new SharedQueue(id);
    }

    /** The host's id of this queue (what {@link RootContext#onQueueReady} receives). */
    public int id() {
        return id;
    }

    /** Appends {@code item}. */
    public void enqueue(byte[] item) {
        HostCalls.enqueueSharedQueue(id, item);
    }

    /** Takes the first item, or returns {@code null} when the queue is empty. */
    public byte[] dequeue() {
        return HostCalls.dequeueSharedQueue(id);
    }
}
