package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.RootContext;
import dev.proxywasm.abi.internal.Utf8;
import dev.proxywasm.plugins.waflite.config.ConfigException;
import dev.proxywasm.plugins.waflite.config.WafConfig;

/** Parses the pluginConfig and hands each HTTP stream a {@link WafFilter}. */
final class WafRootContext extends RootContext {
  private WafConfig config = WafConfig.defaults();
  private WafMetrics metrics;
  // One per VM, shared by its streams (served one at a time): the log line's buffer, and the
  // replies encoded once.
  private final BlockLog log = new BlockLog();
  private final LocalReplies replies = new LocalReplies();

  @Override
  public boolean onConfigure(int pluginConfigurationSize) {
    byte[] raw = pluginConfiguration();
    String json = raw == null ? "" : Utf8.decode(raw, 0, raw.length);
    try {
      config = WafConfig.parse(json);
    } catch (ConfigException e) {
      Log.error("waf-lite: invalid configuration: " + e.getMessage());
      return false;
    }
    for (String note : config.notes()) {
      Log.info("waf-lite: " + note);
    }
    // Build the rule engine now, so the first request does not pay for it.
    config.defaultPolicy().engine();
    if (metrics == null) {
      // Metrics are defined once per VM; a reconfiguration keeps counting into them.
      metrics = new WafMetrics();
    }
    return true;
  }

  @Override
  public HttpContext newHttpContext(int contextId) {
    // The host calls proxy_on_configure before any stream exists, so metrics are set.
    return new WafFilter(config, metrics, log, replies);
  }
}
