package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.Metric;
import dev.proxywasm.abi.RootContext;
import java.util.List;

/**
 * The plugin: reads the configuration (a bad one is rejected, with the reason logged, and the
 * previous one stays in force), owns the counters, and checks each HTTP stream.
 */
final class BasicAuthRoot extends RootContext {
    private BasicAuthConfig config;
    private DenialReplies replies;
    private Metric allowed;
    private Metric denied;

    @Override
    public boolean onConfigure(int pluginConfigurationSize) {
        BasicAuthConfig parsed;
        try {
            parsed = BasicAuthConfig.parse(pluginConfiguration());
        } catch (ConfigException e) {
            Log.error("basic_auth: configuration rejected: " + e.getMessage());
            return false;
        }
        List<String> warnings = parsed.warnings();
        for (int i = 0; i < warnings.size(); i++) {
            Log.warn("basic_auth: " + warnings.get(i));
        }
        if (allowed == null) {
            allowed = Metric.counter("basic_auth.allowed");
            denied = Metric.counter("basic_auth.denied");
        }
        config = parsed;
        replies = new DenialReplies(parsed.wwwAuthenticate());
        Log.info("basic_auth: configured with " + parsed.ruleCount() + " rules, realm " + parsed.realm());
        return true;
    }

    @Override
    public HttpContext newHttpContext(int contextId) {
        return new BasicAuthStream(config, replies, allowed, denied);
    }
}
