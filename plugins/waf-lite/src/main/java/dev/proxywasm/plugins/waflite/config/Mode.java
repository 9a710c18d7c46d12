package dev.proxywasm.plugins.waflite.config;

import dev.proxywasm.plugins.waflite.detect.CharClass;
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
    if (CharClass.equalsIgnoreCase(value, "on")) {
      return ON;
    }
    if (CharClass.equalsIgnoreCase(value, "detectiononly")) {
      return DETECTION_ONLY;
    }
    if (CharClass.equalsIgnoreCase(value, "off")) {
      return OFF;
    }
    return null;
  }
}
