package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Action;
import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.HttpContext;
import dev.proxywasm.abi.Metric;
import dev.proxywasm.abi.internal.Utf8;

/**
 * Checks one request's headers against the policy and answers 401 when it is denied. Headers
 * are fetched only when a rule needs them, one host call each.
 */
final class BasicAuthStream extends HttpContext implements RequestFacts {
    /** The reference filter's messages, word for word. */
    static final String NO_CREDENTIALS_MESSAGE =
            "Request denied by Basic Auth check. No Basic Authentication information found.";
    static final String INVALID_CREDENTIALS_MESSAGE =
            "Request denied by Basic Auth check. Invalid username and/or password";
    private static final byte[] NO_CREDENTIALS_BODY = Utf8.encode(NO_CREDENTIALS_MESSAGE);
    private static final byte[] INVALID_CREDENTIALS_BODY = Utf8.encode(INVALID_CREDENTIALS_MESSAGE);

    private final BasicAuthConfig config;
    private final Metric allowed;
    private final Metric denied;

    BasicAuthStream(BasicAuthConfig config, Metric allowed, Metric denied) {
        this.config = config;
        this.allowed = allowed;
        this.denied = denied;
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
        if (config == null) {
            return Action.CONTINUE;
        }
        Verdict verdict = config.policy().check(requestHeader(":method"), this);
        // Comparisons, not an enum switch: see PathMatch.
        if (verdict == Verdict.ALLOWED) {
            allowed.increment();
        } else if (verdict == Verdict.NO_CREDENTIALS) {
            return deny(NO_CREDENTIALS_MESSAGE, NO_CREDENTIALS_BODY);
        } else if (verdict == Verdict.INVALID_CREDENTIALS) {
            return deny(INVALID_CREDENTIALS_MESSAGE, INVALID_CREDENTIALS_BODY);
        }
        return Action.CONTINUE;
    }

    private Action deny(String message, byte[] body) {
        denied.increment();
        // The reference passes the message as the response details; it is the body here too,
        // so a client sees why it was refused.
        sendLocalResponse(401, message, body, Headers.of("WWW-Authenticate", config.wwwAuthenticate()));
        return Action.PAUSE;
    }

    @Override
    public String path() {
        return requestHeader(":path");
    }

    @Override
    public String authority() {
        return requestHeader(":authority");
    }

    @Override
    public String authorization() {
        return requestHeader("authorization");
    }
}
