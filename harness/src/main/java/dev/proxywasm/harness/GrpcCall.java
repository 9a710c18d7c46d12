package dev.proxywasm.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gRPC call ({@code proxy_grpc_call}) or stream ({@code proxy_grpc_stream}) a plugin opened,
 * seen from the server: what the plugin sent, and the means to answer. Answers reach the plugin
 * after the callback that is running, never inside it.
 *
 * <p>A unary call ends with one {@link #sendMessage} (success: {@code proxy_on_grpc_receive}) or
 * with {@link #close} (failure: {@code proxy_on_grpc_close}). A stream may get initial metadata,
 * any number of messages, trailing metadata, then {@link #close}.
 */
public final class GrpcCall {
  private final ProxyWasmHost host;
  private final PluginContext plugin;
  private final int token;
  private final boolean stream;
  private final String cluster;
  private final String serviceName;
  private final String methodName;
  private final Headers initialMetadata;
  private final Duration timeout;
  private final List<byte[]> messages = new ArrayList<>();
  boolean endOfStreamSent;
  boolean cancelled;
  boolean closedByPlugin;
  private boolean finished;

  GrpcCall(ProxyWasmHost host, PluginContext plugin, int token, boolean stream, String cluster,
      String serviceName, String methodName, Headers initialMetadata, Duration timeout) {
    this.host = host;
    this.plugin = plugin;
    this.token = token;
    this.stream = stream;
    this.cluster = cluster;
    this.serviceName = serviceName;
    this.methodName = methodName;
    this.initialMetadata = initialMetadata;
    this.timeout = timeout;
  }

  public String cluster() {
    return cluster;
  }

  public String serviceName() {
    return serviceName;
  }

  public String methodName() {
    return methodName;
  }

  public Headers initialMetadata() {
    return initialMetadata;
  }

  /** The messages the plugin sent: the request of a unary call, or each {@code proxy_grpc_send}. */
  public List<byte[]> messages() {
    return List.copyOf(messages);
  }

  /** The timeout of a unary call (zero for a stream). */
  public Duration timeout() {
    return timeout;
  }

  public boolean isStream() {
    return stream;
  }

  public int token() {
    return token;
  }

  /** Whether the plugin cancelled it with {@code proxy_grpc_cancel}. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Whether the plugin closed it with {@code proxy_grpc_close}. */
  public boolean isClosedByPlugin() {
    return closedByPlugin;
  }

  /** Whether the plugin sent end-of-stream with its last {@code proxy_grpc_send}. */
  public boolean isEndOfStreamSent() {
    return endOfStreamSent;
  }

  void addMessage(byte[] message) {
    messages.add(message);
  }

  /** The server sends initial metadata ({@code proxy_on_grpc_receive_initial_metadata}); streams only. */
  public void sendInitialMetadata(Headers metadata) {
    requireStream("initial metadata");
    requireOpen();
    host.whenIdle(() -> host.deliverGrpcMetadata(plugin, token, new HeaderMap(metadata), true));
  }

  /**
   * The server sends a message ({@code proxy_on_grpc_receive}). For a unary call this is the
   * successful response and ends the call.
   */
  public void sendMessage(byte[] message) {
    requireOpen();
    if (!stream) {
      finished = true;
    }
    byte[] copy = message.clone();
    host.whenIdle(() -> host.deliverGrpcMessage(plugin, token, copy, !stream));
  }

  /** The server sends trailing metadata ({@code proxy_on_grpc_receive_trailing_metadata}); streams only. */
  public void sendTrailingMetadata(Headers metadata) {
    requireStream("trailing metadata");
    requireOpen();
    host.whenIdle(() -> host.deliverGrpcMetadata(plugin, token, new HeaderMap(metadata), false));
  }

  /**
   * The call ends with a gRPC status ({@code proxy_on_grpc_close}); {@code proxy_get_status}
   * reports {@code status} and {@code message} meanwhile. For a unary call, this is a failure.
   */
  public void close(int status, String message) {
    requireOpen();
    finished = true;
    host.whenIdle(() -> host.deliverGrpcClose(plugin, token, status, message));
  }

  private void requireStream(String what) {
    if (!stream) {
      throw new IllegalStateException("a unary gRPC call gets no " + what
          + " in Envoy: answer it with sendMessage or close");
    }
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("gRPC " + (stream ? "stream " : "call ") + token
          + " to " + cluster + " has already ended");
    }
  }

  @Override
  public String toString() {
    return "GrpcCall(" + cluster + ", " + serviceName + "/" + methodName + ", token " + token + ")";
  }
}
