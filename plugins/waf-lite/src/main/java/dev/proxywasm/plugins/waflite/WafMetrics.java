package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.Metric;
import dev.proxywasm.plugins.waflite.engine.Inspection;

/**
 * The plugin's counters: {@code waf_lite.requests}, {@code waf_lite.blocked} and
 * {@code waf_lite.match.<family>} (each family counted once per request that matched it).
 */
final class WafMetrics {
  private static final String[] FAMILIES = {
    "200", "911", "913", "920", "921", "922", "930", "931", "932", "933", "934", "941", "942",
    "943", "944"
  };

  private final Metric requests = Metric.counter("waf_lite.requests");
  private final Metric blocked = Metric.counter("waf_lite.blocked");
  private final Metric[] matches = new Metric[FAMILIES.length];

  WafMetrics() {
    for (int i = 0; i < FAMILIES.length; i++) {
      matches[i] = Metric.counter("waf_lite.match." + FAMILIES[i]);
    }
  }

  void inspected() {
    requests.increment();
  }

  void blocked() {
    blocked.increment();
  }

  /** Counts the families of {@code inspection}'s matches, once each. */
  void matched(Inspection inspection) {
    int seen = 0;
    for (int m = 0; m < inspection.matches().size(); m++) {
      String family = inspection.matches().get(m).rule().family();
      for (int i = 0; i < FAMILIES.length; i++) {
        if (FAMILIES[i].equals(family) && (seen & (1 << i)) == 0) {
          seen |= 1 << i;
          matches[i].increment();
        }
      }
    }
  }
}
