package dev.proxywasm.plugins.waflite.config;

import dev.proxywasm.plugins.waflite.engine.RuleExclusions;
import dev.proxywasm.plugins.waflite.engine.WafEngine;
import dev.proxywasm.plugins.waflite.rules.CrsRules;
import dev.proxywasm.plugins.waflite.rules.ProtocolPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete WAF configuration (what one Coraza directive set amounts to): mode, paranoia
 * level, threshold, exclusions, allow-listed paths, body limit and the blocking response.
 * Mutable while being parsed; {@link #engine()} builds the rule engine once it is complete.
 */
public final class WafPolicy {
  /** Default request body limit: Coraza's recommended 128 KiB. */
  public static final int DEFAULT_BODY_LIMIT = 131072;

  Mode mode = Mode.ON;
  int paranoia = 1;
  int threshold = 5;
  RuleExclusions exclusions = new RuleExclusions();
  final List<String> allowedPaths = new ArrayList<>();
  int bodyLimit = DEFAULT_BODY_LIMIT;
  boolean rejectOversizedBody = true;
  int blockingStatus = 403;
  String blockingBody = "Request blocked by waf-lite\n";
  String allowedMethods = ProtocolPolicy.DEFAULT_METHODS;
  String allowedContentTypes = ProtocolPolicy.DEFAULT_CONTENT_TYPES;
  private WafEngine engine;

  WafPolicy copy() {
    WafPolicy p = new WafPolicy();
    p.mode = mode;
    p.paranoia = paranoia;
    p.threshold = threshold;
    p.exclusions = exclusions.copy();
    p.allowedPaths.addAll(allowedPaths);
    p.bodyLimit = bodyLimit;
    p.rejectOversizedBody = rejectOversizedBody;
    p.blockingStatus = blockingStatus;
    p.blockingBody = blockingBody;
    p.allowedMethods = allowedMethods;
    p.allowedContentTypes = allowedContentTypes;
    return p;
  }

  /** The rule engine for this policy (built on first use). */
  public WafEngine engine() {
    if (engine == null) {
      engine = new WafEngine(CrsRules.all(new ProtocolPolicy(allowedMethods, allowedContentTypes)),
          paranoia, threshold, exclusions);
    }
    return engine;
  }

  /** What to do with requests over the threshold. */
  public Mode mode() {
    return mode;
  }

  /** Paranoia level 1-4. */
  public int paranoia() {
    return paranoia;
  }

  /** Inbound anomaly score threshold. */
  public int threshold() {
    return threshold;
  }

  /** Largest body inspected, in bytes. */
  public int bodyLimit() {
    return bodyLimit;
  }

  /** True: a larger body is refused with 413; false: only its first {@link #bodyLimit()} bytes are inspected. */
  public boolean rejectOversizedBody() {
    return rejectOversizedBody;
  }

  /** Status of the blocking response. */
  public int blockingStatus() {
    return blockingStatus;
  }

  /** Body of the blocking response. */
  public String blockingBody() {
    return blockingBody;
  }

  /** True when {@code path} (without query) is allow-listed: exact, or by a prefix ending in {@code *}. */
  public boolean allowsPath(String path) {
    for (int i = 0; i < allowedPaths.size(); i++) {
      String allowed = allowedPaths.get(i);
      if (allowed.endsWith("*") ? path.startsWith(allowed.substring(0, allowed.length() - 1))
          : path.equals(allowed)) {
        return true;
      }
    }
    return false;
  }
}
