package dev.proxywasm.abi;

import dev.proxywasm.abi.internal.HostCalls;

/**
 * One TCP connection through a network filter. Downstream is the client side, upstream the
 * backend side. Override the callbacks the filter needs; each default continues.
 */
public abstract class TcpContext extends Context {

    /** A client connected. */
    public Action onNewConnection() {
        return Action.CONTINUE;
    }

    /** Data from the client; {@code dataSize} is what is buffered so far. */
    public Action onDownstreamData(int dataSize, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** The client side closed. */
    public void onDownstreamConnectionClose(PeerType peer) {
    }

    /** Data from the backend. */
    public Action onUpstreamData(int dataSize, boolean endOfStream) {
        return Action.CONTINUE;
    }

    /** The backend side closed. */
    public void onUpstreamConnectionClose(PeerType peer) {
    }




    @Override
    final int onKindCallback(int callback, int a, int b) {
        switch (callback) {
            case Exports.NEW_CONNECTION:
                return onNewConnection().code();
            case Exports.DOWNSTREAM_DATA:
                return onDownstreamData(a, b != 0).code();
            case Exports.DOWNSTREAM_CLOSE:
                onDownstreamConnectionClose(PeerType.of(a));
                return 0;
            case Exports.UPSTREAM_DATA:
                return onUpstreamData(a, b != 0).code();
            case Exports.UPSTREAM_CLOSE:
                onUpstreamConnectionClose(PeerType.of(a));
                return 0;
            default:
                return Action.CONTINUE.code();
        }
    }

    /** Up to {@code maxSize} buffered client bytes from {@code start}. */
    public final byte[] downstreamData(int start, int maxSize) {
        return data(BufferType.DOWNSTREAM_DATA, start, maxSize);
    }

    /** Up to {@code maxSize} buffered backend bytes from {@code start}. */
    public final byte[] upstreamData(int start, int maxSize) {
        return data(BufferType.UPSTREAM_DATA, start, maxSize);
    }

    /** Replaces {@code size} buffered client bytes at {@code start} with {@code data}. */
    public final void setDownstreamData(int start, int size, byte[] data) {
        activate();
        HostCalls.setBufferBytes(BufferType.DOWNSTREAM_DATA.code(), start, size, data);
    }

    /** Replaces {@code size} buffered backend bytes at {@code start} with {@code data}. */
    public final void setUpstreamData(int start, int size, byte[] data) {
        activate();
        HostCalls.setBufferBytes(BufferType.UPSTREAM_DATA.code(), start, size, data);
    }

    /** Resumes a paused direction ({@link StreamType#DOWNSTREAM} or {@link StreamType#UPSTREAM}). */
    public final Status resume(StreamType direction) {
        activate();
        return Status.of(HostCalls.continueStream(direction.code()));
    }

    /** Closes a direction ({@link StreamType#DOWNSTREAM} or {@link StreamType#UPSTREAM}). */
    public final Status close(StreamType direction) {
        activate();
        return Status.of(HostCalls.closeStream(direction.code()));
    }

    private byte[] data(BufferType type, int start, int maxSize) {
        activate();
        byte[] bytes = HostCalls.getBufferBytes(type.code(), start, maxSize);
        return bytes == null ? new byte[0] : bytes;
    }
}
