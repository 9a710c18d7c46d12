package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.KeywordSet;

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
  private final int requiredFlags;
  private final KeywordSet[] requiredKeywords;
  private static final KeywordSet[] NO_KEYWORDS = {};

  private Rule(int id, int paranoia, Severity severity, String message, int targets,
      ValueMatcher valueMatcher, RequestMatcher requestMatcher, boolean needsBody) {
    this(id, paranoia, severity, message, targets, valueMatcher, requestMatcher, needsBody, 0, 0, NO_KEYWORDS);
  }

  private Rule(int id, int paranoia, Severity severity, String message, int targets,
      ValueMatcher valueMatcher, RequestMatcher requestMatcher, boolean needsBody,
      int characters, int flags, KeywordSet[] keywords) {
    this.id = id;
    this.paranoia = paranoia;
    this.severity = severity;
    this.message = message;
    this.targets = targets;
    this.valueMatcher = valueMatcher;
    this.requestMatcher = requestMatcher;
    this.needsBody = needsBody;
    this.requiredCharacters = characters;
    this.requiredFlags = flags;
    this.requiredKeywords = keywords;
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
    return withCharacters(CharacterSignature.of(characters), 0);
  }

  /** This rule, run only on values whose parsed form has a NUL ({@link Target#containsNul()}). */
  public Rule needsNul() {
    return withCharacters(0, Target.NUL);
  }

  /** This rule, run only on values with a character above U+007F ({@link Target#containsNonAscii()}). */
  public Rule needsNonAscii() {
    return withCharacters(0, Target.NON_ASCII);
  }

  /**
   * This rule, run only on values holding a keyword of one of {@code keywords} somewhere in
   * their {@link Target#lower()} form or in the value as parsed, lowercased (and the characters
   * of {@link #needs}, if declared too): the engine finds the sets present in a value in one
   * pass for all of them. Declare it only when the matcher finds nothing in a value lacking
   * them: a set it searches in one of those two forms, for instance, not in another (such as
   * a path-normalised one). A set of single characters expresses "this character or that word".
   */
  public Rule needsKeyword(KeywordSet... keywords) {
    if (requiredKeywords.length != 0) {
      throw new IllegalStateException("rule " + id + " already needs keywords");
    }
    return new Rule(id, paranoia, severity, message, targets, valueMatcher, requestMatcher, needsBody,
        requiredCharacters, requiredFlags, keywords.clone());
  }

  private Rule withCharacters(int characters, int flags) {
    if (requiredCharacters != 0 || requiredFlags != 0) {
      throw new IllegalStateException("rule " + id + " already needs characters");
    }
    return new Rule(id, paranoia, severity, message, targets, valueMatcher, requestMatcher, needsBody,
        characters, flags, requiredKeywords);
  }

  /**
   * {@link CharacterSignature} bits of which a value must contain one (or have one of
   * {@link #requiredFlags()}); both 0 when the rule needs no character.
   */
  public int requiredCharacters() {
    return requiredCharacters;
  }

  /** {@link Target#flags()} of which a value may have one instead of a character. */
  public int requiredFlags() {
    return requiredFlags;
  }

  /** Keyword sets of which a value must also hold a keyword; empty for none. */
  public KeywordSet[] requiredKeywords() {
    return requiredKeywords.clone();
  }

  /** True when the rule runs on every value of its kinds. */
  public boolean unconditional() {
    return requiredCharacters == 0 && requiredFlags == 0 && requiredKeywords.length == 0;
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
