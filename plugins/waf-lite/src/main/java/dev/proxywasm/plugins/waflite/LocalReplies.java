package dev.proxywasm.plugins.waflite;

import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.LocalReply;
import dev.proxywasm.abi.internal.Utf8;
import dev.proxywasm.plugins.waflite.config.WafPolicy;

/**
 * The local replies waf-lite answers with, encoded once (one instance per VM) rather than per
 * refused request: encoding the details, body and headers costs a few thousand instructions.
 */
final class LocalReplies {
  private final LocalReply bodyTooLarge = reply(413, "waf-lite_body_limit", "Request body too large\n");
  // The blocking reply of the policy that last blocked: a configuration has one policy, or a
  // few per authority, and a reconfiguration brings new policy objects, hence a new reply.
  private WafPolicy blockingPolicy;
  private LocalReply blocking;

  /** The reply to a request over the threshold of {@code policy}. */
  LocalReply blocking(WafPolicy policy) {
    if (policy != blockingPolicy) {
      blocking = reply(policy.blockingStatus(), "waf-lite_blocked", policy.blockingBody());
      blockingPolicy = policy;
    }
    return blocking;
  }

  /** The 413 reply to a body over the limit. */
  LocalReply bodyTooLarge() {
    return bodyTooLarge;
  }

  private static LocalReply reply(int status, String details, String body) {
    return new LocalReply(status, details, Utf8.encode(body), Headers.of("content-type", "text/plain"));
  }
}
