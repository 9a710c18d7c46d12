package dev.proxywasm.plugins.waflite.engine;

/** CRS severities and the anomaly score each adds (crs-setup defaults). */
public enum Severity {
  /** Adds 5: on its own enough to block at the default threshold. */
  CRITICAL(5, "critical"),
  /** Adds 4. */
  ERROR(4, "error"),
  /** Adds 3. */
  WARNING(3, "warning"),
  /** Adds 2. */
  NOTICE(2, "notice");

  private final int score;
  private final String label;

  Severity(int score, String label) {
    this.score = score;
    this.label = label;
  }

  /** The anomaly score this severity adds. */
  public int score() {
    return score;
  }

  /** The name as logged, in lowercase like CRS's {@code severity} action: {@code critical}. */
  public String label() {
    return label;
  }
}
