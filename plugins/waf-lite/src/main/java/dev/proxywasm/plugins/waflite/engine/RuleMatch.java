package dev.proxywasm.plugins.waflite.engine;

/** A rule that fired: which rule, on which value, on what data. */
public final class RuleMatch {
  private final Rule rule;
  private final String target;
  private final String data;

  RuleMatch(Rule rule, String target, String data) {
    this.rule = rule;
    this.target = target;
    this.data = data;
  }

  /** The rule. */
  public Rule rule() {
    return rule;
  }

  /** The CRS variable that matched, e.g. {@code ARGS:q}. */
  public String target() {
    return target;
  }

  /** The matched data (untruncated; loggers truncate). */
  public String data() {
    return data;
  }
}
