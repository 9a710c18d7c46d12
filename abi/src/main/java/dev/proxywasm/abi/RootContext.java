package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * The plugin (root) context: one per plugin configuration in a VM. It receives the VM and plugin
 * configuration, timers and queue events, and creates a context per HTTP stream or TCP
 * connection. Override only what the plugin needs; every callback has a default.
 */
public abstract class RootContext extends Context {

    /** The VM started; {@code vmConfigurationSize} bytes are in {@link #vmConfiguration()}. Return false to fail. */
    public boolean onVmStart(int vmConfigurationSize) {
        return true;
    }

    /**
     * The plugin is (re)configured; {@code pluginConfigurationSize} bytes are in
     * {@link #pluginConfiguration()}. Return false to reject the configuration (the host then
     * refuses to use this plugin) after logging why.
     */
    public boolean onConfigure(int pluginConfigurationSize) {
        return true;
    }

    /** The timer set with {@link #setTickPeriod(int)} fired. */
    public void onTick() {
    }

    /** An item was enqueued on a shared queue this VM registered. */
    public void onQueueReady(int queueId) {
    }

    /** The host called foreign callback {@code functionId}; arguments are in {@link BufferType#FOREIGN_FUNCTION_ARGUMENTS}. */
    public void onForeignFunction(int functionId, int argumentsSize) {
    }




    /**
     * Creates the context of a new HTTP stream, or returns null when this plugin does not
     * filter HTTP (then {@link #newTcpContext} is asked).
     */
    public HttpContext newHttpContext(int contextId) {
        return null;
    }

    /** Creates the context of a new TCP connection, or returns null when this plugin does not filter TCP. */
    public TcpContext newTcpContext(int contextId) {
        return null;
    }

    @Override
    final int onKindCallback(int callback, int a, int b) {
        switch (callback) {
            case Exports.VM_START:
                return bool(onVmStart(a));
            case Exports.CONFIGURE:
                return bool(onConfigure(a));
            case Exports.TICK:
                onTick();
                return 0;
            case Exports.QUEUE_READY:
                onQueueReady(a);
                return 0;
            case Exports.FOREIGN_FUNCTION:
                onForeignFunction(a, b);
                return 0;
            default:
                return 0;
        }
    }

    /** The VM configuration (empty when none was given). */
    public final byte[] vmConfiguration() {
        return buffer(BufferType.VM_CONFIGURATION_CODE);
    }

    /** The plugin configuration (Istio's {@code pluginConfig} as JSON; empty when none was given). */
    public final byte[] pluginConfiguration() {
        return buffer(BufferType.PLUGIN_CONFIGURATION_CODE);
    }

    /** Buffer {@code type} (an ABI value, see BufferType's *_CODE constants), whole. */
    private byte[] buffer(int type) {
        activate();
        int size = HostCalls.getBufferSize(type);
        if (size <= 0) {
            return new byte[0];
        }
        byte[] bytes = HostCalls.getBufferBytes(type, 0, size);
        return bytes == null ? new byte[0] : bytes;
    }

    /** Asks the host to call {@link #onTick()} every {@code millis} ms; 0 stops the timer. */
    public final void setTickPeriod(int millis) {
        activate();
        HostCalls.setTickPeriod(millis);
    }
}
