package dev.proxywasm.plugins.waflite.config;

/** What the WAF does with a request whose score reaches the threshold ({@code SecRuleEngine}). */
public enum Mode {
  /** Block it. */
  ON,
  /** Log it and let it through. */
  DETECTION_ONLY,
  /** Do not inspect at all. */
  OFF;

  /** Parses {@code On}, {@code DetectionOnly} or {@code Off} (case-insensitive), or null. */
  public static Mode parse(String value) {
    if (value.equalsIgnoreCase("on")) {
      return ON;
    }
    if (value.equalsIgnoreCase("detectiononly")) {
      return DETECTION_ONLY;
    }
    if (value.equalsIgnoreCase("off")) {
      return OFF;
    }
    return null;
  }
}
