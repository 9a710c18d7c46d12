package dev.proxywasm.abi.conformance;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.PeerType;
import dev.proxywasm.abi.StreamType;
import dev.proxywasm.abi.TcpContext;

/**
 * TCP group: upper-cases what the client sends, prefixes what the backend answers with
 * {@code "echo:"}, closes the connection when the client sends {@code "quit"}, and logs each
 * event.
 */
final class ConformanceConnection extends TcpContext {
    @Override
    public Action onNewConnection() {
        Log.info("tcp: new connection " + id());
        return Action.CONTINUE;
    }

    @Override
    public Action onDownstreamData(int dataSize, boolean endOfStream) {
        byte[] data = downstreamData(0, dataSize);
        String text = new String(data);
        if (text.trim().equals("quit")) {
            close(StreamType.DOWNSTREAM);
            return Action.PAUSE;
        }
        setDownstreamData(0, dataSize, text.toUpperCase().getBytes());
        return Action.CONTINUE;
    }

    @Override
    public Action onUpstreamData(int dataSize, boolean endOfStream) {
        setUpstreamData(0, 0, "echo:".getBytes());
        return Action.CONTINUE;
    }

    @Override
    public void onDownstreamConnectionClose(PeerType peer) {
        Log.info("tcp: downstream closed by " + peer);
    }

    @Override
    public void onUpstreamConnectionClose(PeerType peer) {
        Log.info("tcp: upstream closed by " + peer);
    }

    @Override
    public void onLog() {
        Log.info("tcp: log " + id());
    }
}
