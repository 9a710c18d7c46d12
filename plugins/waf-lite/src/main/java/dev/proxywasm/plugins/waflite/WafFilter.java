package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.LocalReply;
import dev.proxywasm.abi.Log;
import dev.proxywasm.abi.Properties;
import dev.proxywasm.plugins.waflite.config.Mode;
import dev.proxywasm.plugins.waflite.config.WafConfig;
import dev.proxywasm.plugins.waflite.config.WafPolicy;
import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.engine.Inspection;
import dev.proxywasm.plugins.waflite.engine.RequestFacts;
import dev.proxywasm.plugins.waflite.request.HttpRequest;

/**
 * Inspects one request: the request line and headers first (blocking right away when the
 * score is already over the threshold), then the body, buffered until complete (or until the
 * body limit). As in coraza-proxy-wasm, headers continue while the body is buffered: Envoy
 * holds the body, and a blocked request gets the local reply and a reset upstream stream.
 */
final class WafFilter extends HttpContext {
  private final WafConfig config;
  private final WafMetrics metrics;
  private final BlockLog log;
  private final LocalReplies replies;
  private WafPolicy policy;
  private HttpRequest request;
  private RequestFacts facts;
  private Inspection inspection;
  private boolean awaitingBody;
  // The names last seen as :authority, :path and :method (see onRequestHeaders).
  private static String authorityName;
  private static String pathName;
  private static String methodName;

  WafFilter(WafConfig config, WafMetrics metrics, BlockLog log, LocalReplies replies) {
    this.config = config;
    this.metrics = metrics;
    this.log = log;
    this.replies = replies;
  }

  @Override
  public Action onRequestHeaders(int headerCount, boolean endOfStream) {
    Headers headers = requestHeaders();
    int count = headers.size();
    // One pass for the pseudo-headers and whether a Host header came (Headers.get would pass
    // over every header once per name asked).
    String authority = null;
    String path = null;
    String method = null;
    boolean hasHost = false;
    for (int i = 0; i < count; i++) {
      String name = headers.name(i);
      // The SDK hands the same String for a name it decoded before: a pseudo-header name
      // recognised once is recognised by identity after that, without comparing characters.
      if (name == authorityName || name == pathName || name == methodName) {
        String value = headers.value(i);
        if (name == authorityName) {
          authority = authority == null ? value : authority;
        } else if (name == pathName) {
          path = path == null ? value : path;
        } else {
          method = method == null ? value : method;
        }
      } else if (!name.isEmpty() && name.charAt(0) == ':') {
        if (authority == null && CharClass.equalsIgnoreCase(name, ":authority")) {
          authorityName = name;
          authority = headers.value(i);
        } else if (path == null && CharClass.equalsIgnoreCase(name, ":path")) {
          pathName = name;
          path = headers.value(i);
        } else if (method == null && CharClass.equalsIgnoreCase(name, ":method")) {
          methodName = name;
          method = headers.value(i);
        }
      } else if (!hasHost && CharClass.equalsIgnoreCase(name, "host")) {
        hasHost = true;
      }
    }
    policy = config.policyFor(authority);
    if (policy.mode() == Mode.OFF) {
      return Action.CONTINUE;
    }
    request = new HttpRequest(method, path, "");
    if (authority != null && !hasHost) {
      request.header("Host", authority);
    }
    for (int i = 0; i < count; i++) {
      String name = headers.name(i);
      if (name.isEmpty() || name.charAt(0) != ':') {
        request.header(name, headers.value(i));
      }
    }
    if (policy.allowsPath(request.rawPath())) {
      return Action.CONTINUE;
    }
    metrics.inspected();
    if (!endOfStream && policy.rejectOversizedBody() && declaredLength() > policy.bodyLimit()) {
      return refuseOversized();
    }
    facts = new RequestFacts(request);
    inspection = policy.engine().inspectHeaders(facts);
    if (inspection.thresholdReached() && verdict(1)) {
      return Action.PAUSE;
    }
    if (endOfStream) {
      finish();
      return Action.CONTINUE;
    }
    awaitingBody = true;
    return Action.CONTINUE;
  }

  @Override
  public Action onRequestBody(int bodySize, boolean endOfStream) {
    if (!awaitingBody) {
      return Action.CONTINUE;
    }
    int limit = policy.bodyLimit();
    boolean oversized = bodySize > limit;
    if (oversized && policy.rejectOversizedBody()) {
      awaitingBody = false;
      return refuseOversized();
    }
    if (!oversized && !endOfStream) {
      return Action.PAUSE;
    }
    awaitingBody = false;
    byte[] body = requestBody(0, Math.min(bodySize, limit));
    request.body(body, oversized);
    policy.engine().inspectBody(facts, inspection);
    if (inspection.thresholdReached() && verdict(2)) {
      return Action.PAUSE;
    }
    finish();
    return Action.CONTINUE;
  }

  private long declaredLength() {
    String length = request.header("content-length");
    if (length == null) {
      return -1;
    }
    long value = 0;
    String t = length.trim();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9' || value > Integer.MAX_VALUE) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return t.isEmpty() ? -1 : value;
  }

  private Action refuseOversized() {
    Log.warn(log.oversized(client(), policy.bodyLimit(), request.uri(), requestId()));
    refuse(replies.bodyTooLarge());
    return Action.PAUSE;
  }

  /** Over the threshold: log, and block unless in DetectionOnly. Returns true when blocked. */
  private boolean verdict(int phase) {
    boolean block = policy.mode() == Mode.ON;
    metrics.matched(inspection);
    Log.warn(log.overThreshold(client(), inspection, block, policy.blockingStatus(), phase,
        request.uri(), requestId()));
    awaitingBody = false;
    if (!block) {
      inspection = null;
      return false;
    }
    refuse(replies.blocking(policy));
    return true;
  }

  /** Answers with {@code reply} instead of forwarding the request. */
  private void refuse(LocalReply reply) {
    metrics.blocked();
    sendLocalReply(reply);
  }

  /** Clean (or detection-only) request: count what matched below the threshold. */
  private void finish() {
    if (inspection != null && !inspection.matches().isEmpty()) {
      metrics.matched(inspection);
    }
  }

  private static String client() {
    String address = Properties.sourceAddress();
    return address == null ? "-" : address;
  }

  private String requestId() {
    String id = request.header("x-request-id");
    return id != null ? id : Properties.requestId();
  }
}
