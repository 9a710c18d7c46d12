package dev.proxywasm.harness;

import java.time.Duration;

/**
 * A plugin (root) context: one configured instance of the plugin in the VM, identified by its
 * root id. Streams and connections are created under it. {@link ProxyWasmHost#plugin()} is the
 * one the host started; {@link ProxyWasmHost#startPlugin} adds more, as Envoy does when several
 * filters share one VM.
 */
public final class PluginContext extends HostContext {
  final String rootId;
  private final byte[] configuration;
  /** True while {@code proxy_on_configure} runs: the configuration buffer is readable then only. */
  boolean configuring;
  long tickPeriodMillis;
  long nextTickNanos;

  // What the plugin may read during the callbacks the host makes on this context.
  HttpCall.Response httpCallResponse;
  HeaderMap grpcInitialMetadata;
  HeaderMap grpcTrailingMetadata;
  byte[] grpcMessage;
  byte[] foreignArguments;

  PluginContext(ProxyWasmHost host, int id, String rootId, byte[] configuration) {
    super(host, id);
    this.rootId = rootId;
    this.configuration = configuration;
  }

  @Override
  PluginContext pluginContext() {
    return this;
  }

  @Override
  Buffer configurationBuffer() {
    return configuring ? Buffer.constant(configuration) : null;
  }

  /** The context id the plugin sees. */
  public int id() {
    return id;
  }

  /** The root id this plugin context was configured with. */
  public String rootId() {
    return rootId;
  }

  /** A new HTTP stream under this plugin; nothing reaches the plugin before its first event. */
  public HttpStream newHttpStream() {
    return host.newHttpStream(this);
  }

  /** A new TCP connection under this plugin; nothing reaches the plugin before {@link TcpConnection#connect()}. */
  public TcpConnection newTcpConnection() {
    return host.newTcpConnection(this);
  }

  /** The period the plugin set with {@code proxy_set_tick_period_milliseconds}; zero when none. */
  public Duration tickPeriod() {
    return Duration.ofMillis(tickPeriodMillis);
  }

  /**
   * Advances the host clock to this plugin's next tick and fires it ({@code proxy_on_tick}),
   * along with any other plugin's tick that falls due first.
   *
   * @throws IllegalStateException when the plugin has not set a tick period
   */
  public void tick() {
    if (tickPeriodMillis == 0) {
      throw new IllegalStateException("plugin context " + id + " (root id \"" + rootId
          + "\") has no tick period: it never called proxy_set_tick_period_milliseconds");
    }
    host.advanceTime(Duration.ofNanos(nextTickNanos - host.clockNanos));
  }

  /**
   * Calls the plugin's {@code proxy_on_foreign_function(id, functionId, size)} with
   * {@code arguments} readable as the foreign-function-arguments buffer, as a host extension
   * that calls into the plugin would.
   */
  public void callOnForeignFunction(int functionId, byte[] arguments) {
    host.callOnForeignFunction(this, functionId, arguments);
  }

  @Override
  public String toString() {
    return "PluginContext(" + id + ", root id \"" + rootId + "\")";
  }
}
