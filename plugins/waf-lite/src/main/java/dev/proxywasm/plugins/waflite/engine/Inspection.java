package dev.proxywasm.plugins.waflite.engine;

import java.util.ArrayList;
import java.util.List;

/** The outcome of inspecting one request so far: the rules that fired and the anomaly score. */
public final class Inspection {
  private final List<RuleMatch> matches = new ArrayList<>();
  private final int threshold;
  private int score;

  Inspection(int threshold) {
    this.threshold = threshold;
  }

  void add(Rule rule, String target, String data) {
    matches.add(new RuleMatch(rule, target, data));
    score += rule.severity().score();
  }

  /** Rules that fired, in the order they fired. */
  public List<RuleMatch> matches() {
    return matches;
  }

  /** Total inbound anomaly score. */
  public int score() {
    return score;
  }

  /** True when the score reached the inbound threshold. */
  public boolean thresholdReached() {
    return score >= threshold;
  }
}
