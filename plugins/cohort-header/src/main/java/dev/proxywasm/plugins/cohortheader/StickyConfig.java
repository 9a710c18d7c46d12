package dev.proxywasm.plugins.cohortheader;

/** Where sticky cohorts come from: the request header that identifies a user, and how long a cohort lasts. */
final class StickyConfig {
    final String keyHeader;
    final long ttlMillis;

    StickyConfig(String keyHeader, long ttlMillis) {
        this.keyHeader = keyHeader;
        this.ttlMillis = ttlMillis;
    }
}
