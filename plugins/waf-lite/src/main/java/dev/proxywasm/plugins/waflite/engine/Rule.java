package dev.proxywasm.plugins.waflite.engine;

/**
 * One detection rule, identified like its CRS counterpart so operators can recognise and
 * exclude it. A rule looks either at values ({@link ValueMatcher}, over the target kinds in
 * {@link #targets()}) or at the request as a whole ({@link RequestMatcher}).
 */
public final class Rule {
  private final int id;
  private final int paranoia;
  private final Severity severity;
  private final String message;
  private final int targets;
  private final ValueMatcher valueMatcher;
  private final RequestMatcher requestMatcher;
  private final boolean needsBody;
  private final int requiredCharacters;

  private Rule(int id, int paranoia, Severity severity, String message, int targets,
      ValueMatcher valueMatcher, RequestMatcher requestMatcher, boolean needsBody) {
    this(id, paranoia, severity, message, targets, valueMatcher, requestMatcher, needsBody, 0);
  }

  private Rule(int id, int paranoia, Severity severity, String message, int targets,
      ValueMatcher valueMatcher, RequestMatcher requestMatcher, boolean needsBody, int required) {
    this.requiredCharacters = required;
    this.id = id;
    this.paranoia = paranoia;
    this.severity = severity;
    this.message = message;
    this.targets = targets;
    this.valueMatcher = valueMatcher;
    this.requestMatcher = requestMatcher;
    this.needsBody = needsBody;
  }

  /** A paranoia-level-1 critical rule over values of the given {@link TargetKind}s. */
  public static Rule values(int id, String message, int targets, ValueMatcher matcher) {
    return new Rule(id, 1, Severity.CRITICAL, message, targets, matcher, null, false);
  }

  /** A rule over values with an explicit paranoia level and severity. */
  public static Rule values(int id, int paranoia, Severity severity, String message, int targets,
      ValueMatcher matcher) {
    return new Rule(id, paranoia, severity, message, targets, matcher, null, false);
  }

  /** A request-level rule evaluated once the headers are known. */
  public static Rule request(int id, Severity severity, String message, RequestMatcher matcher) {
    return new Rule(id, 1, severity, message, 0, null, matcher, false);
  }

  /** A request-level rule evaluated once the body is known. */
  public static Rule body(int id, Severity severity, String message, RequestMatcher matcher) {
    return new Rule(id, 1, severity, message, 0, null, matcher, true);
  }

  /**
   * This rule, run only on values containing at least one of {@code characters} (see
   * {@link CharacterSignature}): an XSS tag needs a {@code <}, a function call a {@code (}.
   * Most values contain none of a rule's characters, so most rule/value pairs cost one AND.
   */
  public Rule needs(String characters) {
    return new Rule(id, paranoia, severity, message, targets, valueMatcher, requestMatcher, needsBody,
        CharacterSignature.of(characters));
  }

  /** {@link CharacterSignature} bits of which a value must contain one; 0 for any value. */
  public int requiredCharacters() {
    return requiredCharacters;
  }

  /** CRS rule id, e.g. 942100. */
  public int id() {
    return id;
  }

  /** The family: the first three digits of the id, e.g. {@code 942}. */
  public String family() {
    return Integer.toString(id / 1000);
  }

  /** Paranoia level 1-4: the rule runs when the configured level is at least this. */
  public int paranoia() {
    return paranoia;
  }

  /** Severity, giving the anomaly score. */
  public Severity severity() {
    return severity;
  }

  /** What the rule detects, as logged. */
  public String message() {
    return message;
  }

  /** {@link TargetKind} bits this value rule inspects; 0 for request rules. */
  public int targets() {
    return targets;
  }

  /** The value matcher, or null for a request rule. */
  public ValueMatcher valueMatcher() {
    return valueMatcher;
  }

  /** The request matcher, or null for a value rule. */
  public RequestMatcher requestMatcher() {
    return requestMatcher;
  }

  /** True for request rules that need the body phase. */
  public boolean needsBody() {
    return needsBody;
  }
}
