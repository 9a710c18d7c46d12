package dev.proxywasm.harness;

/** A context a plugin context creates per stream: an HTTP stream or a TCP connection. */
abstract class StreamContext extends HostContext {
  private final PluginContext plugin;

  StreamContext(ProxyWasmHost host, int id, PluginContext plugin) {
    super(host, id);
    this.plugin = plugin;
  }

  @Override
  final PluginContext pluginContext() {
    return plugin;
  }

  /** The context id the plugin sees. */
  public int id() {
    return id;
  }
}
