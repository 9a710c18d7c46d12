package dev.proxywasm.plugins.waflite.engine;

/** CRS severities and the anomaly score each adds (crs-setup defaults). */
public enum Severity {
  /** Adds 5: on its own enough to block at the default threshold. */
  CRITICAL(5),
  /** Adds 4. */
  ERROR(4),
  /** Adds 3. */
  WARNING(3),
  /** Adds 2. */
  NOTICE(2);

  private final int score;

  Severity(int score) {
    this.score = score;
  }

  /** The anomaly score this severity adds. */
  public int score() {
    return score;
  }
}
