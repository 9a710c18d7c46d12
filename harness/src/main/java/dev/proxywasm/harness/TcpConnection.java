package dev.proxywasm.harness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection through a network (L4) plugin, driven by the test the way Envoy's network
 * filter manager drives a filter. Data the plugin pauses stays buffered and is offered again, with
 * what arrives next, on the next data event; {@code proxy_continue_stream(DOWNSTREAM)} forwards
 * it. When the downstream closes, the connection completes: {@code proxy_on_done},
 * {@code proxy_on_log}, {@code proxy_on_delete}.
 */
public final class TcpConnection extends StreamContext {
  /** Data in one direction. */
  private static final class Flow {
    final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
    Buffer.Mutable pending;

    void forward() {
      if (pending != null) {
        forwarded.writeBytes(pending.bytes());
        pending = null;
      }
    }

    String all() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(forwarded.toByteArray());
      if (pending != null) {
        all.writeBytes(pending.bytes());
      }
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  private final Flow downstream = new Flow();
  private final Flow upstream = new Flow();
  private boolean connected;
  private boolean downstreamClosed;
  private boolean upstreamClosed;
  private boolean completed;

  TcpConnection(ProxyWasmHost host, int id, PluginContext plugin) {
    super(host, id, plugin);
  }

  /** The connection is accepted ({@code proxy_on_context_create}, {@code proxy_on_new_connection}). */
  public Action connect() {
    if (connected) {
      throw new IllegalStateException("connection " + id + " is already connected");
    }
    connected = true;
    return host.run(() -> {
      host.createContext(this, pluginContext().id);
      return host.callIfExported(this, "proxy_on_new_connection", id).action();
    });
  }

  /** Data arrives from the client ({@code proxy_on_downstream_data}). */
  public Action sendDownstreamData(String data, boolean endOfStream) {
    return sendDownstreamData(utf8(data), endOfStream);
  }

  /** Data arrives from the client ({@code proxy_on_downstream_data}). */
  public Action sendDownstreamData(byte[] data, boolean endOfStream) {
    requireOpen();
    return host.run(() -> deliver(downstream, "proxy_on_downstream_data", data.clone(), endOfStream));
  }

  /**
   * Data arrives from the upstream ({@code proxy_on_upstream_data}); with end of stream, Envoy
   * then reports the upstream closed ({@code proxy_on_upstream_connection_close}).
   */
  public Action sendUpstreamData(String data, boolean endOfStream) {
    return sendUpstreamData(utf8(data), endOfStream);
  }

  /** Data arrives from the upstream; see {@link #sendUpstreamData(String, boolean)}. */
  public Action sendUpstreamData(byte[] data, boolean endOfStream) {
    requireOpen();
    return host.run(() -> {
      Action action = deliver(upstream, "proxy_on_upstream_data", data.clone(), endOfStream);
      if (endOfStream) {
        upstreamClose(PeerType.UNKNOWN);
      }
      return action;
    });
  }

  /** The client side closes ({@code proxy_on_downstream_connection_close}); the connection completes. */
  public void closeDownstream(PeerType peer) {
    requireOpen();
    host.run(() -> {
      downstreamClose(peer);
      return Action.CONTINUE;
    });
  }

  /** The upstream side closes ({@code proxy_on_upstream_connection_close}). */
  public void closeUpstream(PeerType peer) {
    requireOpen();
    host.run(() -> {
      upstreamClose(peer);
      return Action.CONTINUE;
    });
  }

  /** The client's data as the plugin left it (forwarded and still buffered), UTF-8. */
  public String downstreamData() {
    return downstream.all();
  }

  /** The upstream's data as the plugin left it (forwarded and still buffered), UTF-8. */
  public String upstreamData() {
    return upstream.all();
  }

  /** Whether client data is held back, waiting for {@code proxy_continue_stream(DOWNSTREAM)}. */
  public boolean isDownstreamPaused() {
    return downstream.pending != null;
  }

  /** Whether the connection has completed (done, log, delete ran). */
  public boolean isCompleted() {
    return completed;
  }

  @Override
  public String toString() {
    return "TcpConnection(" + id + ")";
  }

  private void requireOpen() {
    if (!connected) {
      throw new IllegalStateException("connect() connection " + id + " first");
    }
    if (completed) {
      throw new IllegalStateException("connection " + id + " has completed");
    }
  }

  private Action deliver(Flow flow, String callback, byte[] data, boolean end) {
    if (flow.pending == null) {
      flow.pending = new Buffer.Mutable(data);
    } else {
      flow.pending.append(data);
    }
    Action action =
        host.callIfExported(this, callback, id, flow.pending.size(), end ? 1 : 0).action();
    if (action == Action.CONTINUE) {
      flow.forward();
    }
    return action;
  }

  private void downstreamClose(PeerType peer) {
    if (downstreamClosed) {
      return;
    }
    downstreamClosed = true;
    host.callIfExported(this, "proxy_on_downstream_connection_close", id, peer.ordinal());
    finish();
  }

  private void upstreamClose(PeerType peer) {
    if (upstreamClosed) {
      return;
    }
    upstreamClosed = true;
    host.callIfExported(this, "proxy_on_upstream_connection_close", id, peer.ordinal());
    if (downstreamClosed) {
      finish();
    }
  }

  /** Envoy's {@code onCloseTCP}: done, log, delete. */
  private void finish() {
    if (completed) {
      return;
    }
    completed = true;
    host.callIfExported(this, "proxy_on_done", id);
    host.callIfExported(this, "proxy_on_log", id);
    host.callIfExported(this, "proxy_on_delete", id);
    host.removeContext(this);
  }

  /** {@code proxy_continue_stream}: downstream data goes on after the callback; upstream is Unimplemented in Envoy. */
  Status continueStream(StreamType type) {
    if (type == StreamType.UPSTREAM) {
      return Status.UNIMPLEMENTED;
    }
    host.afterCall(() -> {
      if (!completed) {
        downstream.forward();
      }
    });
    return Status.OK;
  }

  /** {@code proxy_close_stream}: Envoy closes the connection after the callback, a local close. */
  Status closeStream() {
    host.afterCall(() -> {
      if (!completed) {
        downstreamClose(PeerType.LOCAL);
      }
    });
    return Status.OK;
  }

  @Override
  Buffer buffer(BufferType type) {
    return switch (type) {
      case DOWNSTREAM_DATA -> downstream.pending != null ? downstream.pending : Buffer.NONE;
      case UPSTREAM_DATA -> upstream.pending != null ? upstream.pending : Buffer.NONE;
      default -> super.buffer(type);
    };
  }
}
