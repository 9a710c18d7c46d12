package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.ProxyWasm;

/**
 * The cohort-header plugin: asks a bucket tester cluster for each request's cohort and adds it
 * as a request header, replacing Istio's Lua {@code httpCall} filter. See the module README.
 */
public final class CohortHeaderFilter {
    private CohortHeaderFilter() {
    }

    /** Registers the plugin's root context; the host calls this once when it loads the module. */
    public static void main(String[] args) {
        ProxyWasm.setRootContext(CohortRoot::new);
    }
}
