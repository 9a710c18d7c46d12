package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.LocalReply;
import dev.proxywasm.abi.Metric;

/**
 * Checks one request's headers against the policy and answers 401 when it is denied. Headers
 * are fetched as bytes only when a rule needs them, one host call each.
 */
final class BasicAuthStream extends HttpContext implements RequestFacts {
    /** The reference filter's messages, word for word. */
    static final String NO_CREDENTIALS_MESSAGE =
            "Request denied by Basic Auth check. No Basic Authentication information found.";
    static final String INVALID_CREDENTIALS_MESSAGE =
            "Request denied by Basic Auth check. Invalid username and/or password";

    private final BasicAuthConfig config;
    private final DenialReplies replies;
    private final Metric allowed;
    private final Metric denied;

    BasicAuthStream(BasicAuthConfig config, DenialReplies replies, Metric allowed, Metric denied) {
        this.config = config;
        this.replies = replies;
        this.allowed = allowed;
        this.denied = denied;
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
        if (config == null) {
            return Action.CONTINUE;
        }
        int verdict = config.policy().check(requestHeaderBytes(":method"), this);
        if (verdict == Verdict.ALLOWED) {
            allowed.increment();
        } else if (verdict == Verdict.NO_CREDENTIALS) {
            return deny(replies.noCredentials);
        } else if (verdict == Verdict.INVALID_CREDENTIALS) {
            return deny(replies.invalidCredentials);
        }
        return Action.CONTINUE;
    }

    private Action deny(LocalReply reply) {
        denied.increment();
        sendLocalReply(reply);
        return Action.PAUSE;
    }

    @Override
    public byte[] path() {
        return requestHeaderBytes(":path");
    }

    @Override
    public byte[] authority() {
        return requestHeaderBytes(":authority");
    }

    @Override
    public byte[] authorization() {
        return requestHeaderBytes("authorization");
    }
}
