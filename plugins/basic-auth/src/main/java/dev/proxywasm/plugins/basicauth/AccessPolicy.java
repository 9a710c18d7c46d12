package dev.proxywasm.plugins.basicauth;

import java.util.HashMap;

/**
 * The rules by request method. Methods no rule names pass; for the others, every rule whose
 * host and path match must accept the credentials, and the first that does not decides the
 * denial, as in the reference filter.
 */
final class AccessPolicy {
    private final HashMap<String, AuthRule[]> rulesByMethod;
    private final Sha256 sha256 = new Sha256();

    AccessPolicy(HashMap<String, AuthRule[]> rulesByMethod) {
        this.rulesByMethod = rulesByMethod;
    }

    /** Decides for a request with {@code method} (may be {@code null}). */
    Verdict check(String method, RequestFacts request) {
        AuthRule[] rules = method == null ? null : rulesByMethod.get(method);
        if (rules == null) {
            return Verdict.NOT_PROTECTED;
        }
        String path = orEmpty(request.path());
        String authority = null;
        int hostEnd = 0;
        AuthorizationHeader authorization = null;
        boolean checked = false;
        for (AuthRule rule : rules) {
            if (!rule.matchesPath(path)) {
                continue;
            }
            if (rule.hasHosts()) {
                if (authority == null) {
                    authority = orEmpty(request.authority());
                    hostEnd = RequestHost.end(authority);
                }
                if (!rule.matchesHost(authority, hostEnd)) {
                    continue;
                }
            }
            if (authorization == null) {
                authorization = new AuthorizationHeader(request.authorization());
            }
            if (!authorization.isBasic()) {
                return Verdict.NO_CREDENTIALS;
            }
            UserPassword credential = authorization.credential();
            if (credential == null || !rule.accepts(credential, sha256)) {
                return Verdict.INVALID_CREDENTIALS;
            }
            checked = true;
        }
        return checked ? Verdict.ALLOWED : Verdict.NOT_PROTECTED;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
