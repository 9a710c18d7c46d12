package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Base64;
import dev.proxywasm.abi.Bytes;

/**
 * The rules by request method. Methods no rule names pass; for the others, every rule whose
 * host and path match must accept the credentials, and the first that does not decides the
 * denial, as in the reference filter. Works on the request's header bytes: no String is built
 * per request.
 */
final class AccessPolicy {
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
        byte[] path = request.path();
        if (path == null) {
            // Not a static constant: a static initialiser costs a class-initialisation check per request.
            path = new byte[0];
        }
        byte[] authority = null;
        int hostEnd = 0;
        // The decoded user:password and the length of its user, read when a rule first needs them.
        byte[] credential = null;
        int userLength = 0;
        boolean checked = false;
        for (AuthRule rule : rules) {
            if (!rule.matchesPath(path)) {
                continue;
            }
            if (rule.hasHosts()) {
                if (authority == null) {
                    authority = request.authority();
                    if (authority == null) {
                        authority = new byte[0];
                    }
                    hostEnd = RequestHost.end(authority);
                }
                if (!rule.matchesHost(authority, hostEnd)) {
                    continue;
                }
            }
            if (credential == null) {
                // Read once, at the first rule that applies: it decides unless they are valid.
                byte[] value = request.authorization();
                int end = value == null ? 0 : AuthorizationHeader.end(value);
                int start = value == null ? -1 : AuthorizationHeader.credentialsStart(value, end);
                if (start < 0) {
                    return Verdict.NO_CREDENTIALS;
                }
                credential = start == end ? null : Base64.decode(value, start, end);
                if (credential == null) {
                    return Verdict.INVALID_CREDENTIALS;
                }
                userLength = CredentialSet.userLength(credential);
            }
            if (!rule.accepts(credential, userLength, sha256)) {
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
}
