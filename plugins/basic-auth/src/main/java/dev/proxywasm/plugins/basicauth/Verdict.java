package dev.proxywasm.plugins.basicauth;

/**
 * What the policy decided for a request. Int constants rather than an enum: reading an enum
 * constant makes TeaVM check the enum's class initialisation at every use on the request path.
 */
final class Verdict {
    /** No rule applies to the request's method, host and path: it passes unchecked. */
    static final int NOT_PROTECTED = 0;
    /** Rules applied and the credentials satisfied every one of them. */
    static final int ALLOWED = 1;
    /** A rule applied and the request carries no Basic credentials. */
    static final int NO_CREDENTIALS = 2;
    /** A rule applied and the Basic credentials are malformed or not among the rule's. */
    static final int INVALID_CREDENTIALS = 3;

    private Verdict() {
    }
}
