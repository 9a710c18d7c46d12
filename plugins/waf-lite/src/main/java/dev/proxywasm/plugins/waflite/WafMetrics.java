package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.Metric;
import dev.proxywasm.plugins.waflite.engine.Inspection;
import dev.proxywasm.plugins.waflite.engine.RuleMatch;
import java.util.List;

/**
 * The plugin's counters: {@code waf_lite.requests}, {@code waf_lite.blocked} and
 * {@code waf_lite.match.<family>} (each family counted once per request that matched it).
 */
final class WafMetrics {
  /** Rule families: rule ids divided by 1000. */
  private static final int[] FAMILIES = {
    200, 911, 913, 920, 921, 922, 930, 931, 932, 933, 934, 941, 942, 943, 944
  };

  private final Metric requests = Metric.counter("waf_lite.requests");
  private final Metric blocked = Metric.counter("waf_lite.blocked");
  private final Metric[] matches = new Metric[FAMILIES.length];
  /** Per family number, 1 + its index in {@link #FAMILIES}, or 0 when it has no counter. */
  private final byte[] counterOf = new byte[1000];

  WafMetrics() {
    for (int i = 0; i < FAMILIES.length; i++) {
      matches[i] = Metric.counter("waf_lite.match." + FAMILIES[i]);
      counterOf[FAMILIES[i]] = (byte) (i + 1);
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
    // Families as numbers, looked up in a table: Rule.family() would build a String per
    // match, and comparing it with each family costs a loop per match.
    List<RuleMatch> fired = inspection.matches();
    int seen = 0;
    for (int m = 0; m < fired.size(); m++) {
      int family = fired.get(m).rule().id() / 1000;
      if (family >= 0 && family < counterOf.length) {
        seen |= 1 << counterOf[family];
      }
    }
    // Bit 0 stands for families without a counter.
    for (int i = 0; (seen >>>= 1) != 0; i++) {
      if ((seen & 1) != 0) {
        matches[i].increment();
      }
    }
  }
}
