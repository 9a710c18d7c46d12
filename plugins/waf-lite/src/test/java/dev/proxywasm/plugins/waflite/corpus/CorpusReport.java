package dev.proxywasm.plugins.waflite.corpus;

import java.util.Map;
import java.util.TreeMap;

/** Detection per family on must-block cases and false positives on benign traffic. */
public final class CorpusReport {
  private final Map<String, int[]> families = new TreeMap<>();
  private int attacks;
  private int detected;
  private int benign;
  private int falsePositives;

  /** Records the verdict on one must-block attack. */
  public void attack(String family, boolean blocked) {
    int[] counts = families.computeIfAbsent(family, f -> new int[2]);
    counts[0]++;
    attacks++;
    if (blocked) {
      counts[1]++;
      detected++;
    }
  }

  /** Records the verdict on one benign request. */
  public void benign(boolean blocked) {
    benign++;
    if (blocked) {
      falsePositives++;
    }
  }

  /** Share of must-block attacks blocked. */
  public double detectionRate() {
    return attacks == 0 ? 0 : (double) detected / attacks;
  }

  /** Share of benign requests blocked. */
  public double falsePositiveRate() {
    return benign == 0 ? 0 : (double) falsePositives / benign;
  }

  /** The printed report. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("waf-lite corpus report\n");
    for (Map.Entry<String, int[]> e : families.entrySet()) {
      int[] c = e.getValue();
      out.append(String.format("  %s  %4d/%4d  %6.1f%%%n", e.getKey(), c[1], c[0], 100.0 * c[1] / c[0]));
    }
    out.append(String.format("  pl1_critical detection: %d/%d = %.1f%%%n", detected, attacks, 100 * detectionRate()));
    out.append(String.format("  benign false positives: %d/%d = %.2f%%%n", falsePositives, benign, 100 * falsePositiveRate()));
    return out.toString();
  }
}
