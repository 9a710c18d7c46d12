package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.RootContext;

/** Reads and checks the configuration, owns the metrics and the sticky cache, and creates a stream per request. */
final class CohortRoot extends RootContext {
    private CohortHeaderConfig config;
    private CohortMetrics metrics;
    private StickyCohorts sticky;

    @Override
    public boolean onConfigure(int pluginConfigurationSize) {
        CohortHeaderConfig parsed;
        try {
            parsed = CohortHeaderConfig.parse(pluginConfiguration());
        } catch (InvalidConfigException e) {
            Log.error("cohort-header: invalid pluginConfig: " + e.getMessage());
            return false;
        }
        if (metrics == null) {
            metrics = new CohortMetrics();
        }
        config = parsed;
        sticky = parsed.sticky == null ? null
                : new StickyCohorts(parsed.cluster + "|" + parsed.callHeaders.get(":authority")
                        + parsed.callHeaders.get(":path"), parsed.sticky.ttlMillis, parsed.maxValueLength);
        Log.info("cohort-header: cohorts from cluster \"" + parsed.cluster + "\" into header \""
                + parsed.requestHeader + "\", " + parsed.failurePolicy.configName()
                + (parsed.sticky == null ? "" : ", sticky by \"" + parsed.sticky.keyHeader + "\""));
        return true;
    }

    @Override
    public HttpContext newHttpContext(int contextId) {
        // A stream keeps the configuration it started with, even if the plugin is reconfigured meanwhile.
        return new CohortStream(config, metrics, sticky);
    }
}
