package dev.proxywasm.plugins.basicauth;

/** What the policy decided for a request. */
enum Verdict {
    /** No rule applies to the request's method, host and path: it passes unchecked. */
    NOT_PROTECTED,
    /** Rules applied and the credentials satisfied every one of them. */
    ALLOWED,
    /** A rule applied and the request carries no Basic credentials. */
    NO_CREDENTIALS,
    /** A rule applied and the Basic credentials are malformed or not among the rule's. */
    INVALID_CREDENTIALS
}
