package dev.proxywasm.plugins.cohortheader;

/** What a request gets when its cohort cannot be found. */
enum FailurePolicy {
    /** Forward the request without the cohort header, or with the configured default cohort. */
    FAIL_OPEN("fail_open"),
    /** Answer 503 locally; the request is not forwarded. */
    FAIL_CLOSED("fail_closed");

    private final String configName;

    FailurePolicy(String configName) {
        this.configName = configName;
    }

    /** The name in the JSON configuration. */
    String configName() {
        return configName;
    }

    /** The policy named {@code name} in the configuration, or {@code null}. */
    static FailurePolicy named(String name) {
        for (FailurePolicy p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
