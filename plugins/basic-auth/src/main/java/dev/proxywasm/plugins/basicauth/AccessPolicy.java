package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;

/**
 * The rules by request method. Methods no rule names pass; for the others, every rule whose
 * host and path match must accept the credentials, and the first that does not decides the
 * denial, as in the reference filter. Works on the request's header bytes: no String is built
 * per request.
 */
final class AccessPolicy {
    private static final byte[] EMPTY = new byte[0];

    /** Method names (UTF-8) and, at the same index, their rules; a handful, so scanned. */
    private final byte[][] methods;
    private final AuthRule[][] rulesByMethod;
    private final Sha256 sha256 = new Sha256();

    /** {@code rulesByMethod[i]} are the rules of {@code methods[i]}, each method once. */
    AccessPolicy(byte[][] methods, AuthRule[][] rulesByMethod) {
        this.methods = methods;
        this.rulesByMethod = rulesByMethod;
    }

    /** Decides for a request with {@code method} (may be {@code null}): a {@link Verdict} constant. */
    int check(byte[] method, RequestFacts request) {
        AuthRule[] rules = method == null ? null : rulesFor(method);
        if (rules == null) {
            return Verdict.NOT_PROTECTED;
        }
        byte[] path = orEmpty(request.path());
        byte[] authority = null;
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

    private AuthRule[] rulesFor(byte[] method) {
        for (int i = 0; i < methods.length; i++) {
            if (method.length == methods[i].length && Bytes.regionMatches(method, 0, methods[i], 0, method.length)) {
                return rulesByMethod[i];
            }
        }
        return null;
    }

    private static byte[] orEmpty(byte[] value) {
        return value == null ? EMPTY : value;
    }
}
