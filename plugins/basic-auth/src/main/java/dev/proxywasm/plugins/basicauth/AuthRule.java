package dev.proxywasm.plugins.basicauth;

/** One entry of {@code basic_auth_rules}, for one of its methods. */
final class AuthRule {
    private final PathMatch path;
    private final HostPattern[] hosts;
    private final CredentialSet credentials;

    AuthRule(PathMatch path, HostPattern[] hosts, CredentialSet credentials) {
        this.path = path;
        this.hosts = hosts;
        this.credentials = credentials;
    }

    boolean matchesPath(byte[] requestPath) {
        return path.matches(requestPath);
    }

    /** Whether the rule names hosts; without any it applies to every host. */
    boolean hasHosts() {
        return hosts.length > 0;
    }

    /** Whether {@code authority[0, hostEnd)} is one of the rule's hosts. */
    boolean matchesHost(byte[] authority, int hostEnd) {
        for (HostPattern host : hosts) {
            if (host.matches(authority, hostEnd)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code presented}, a decoded credential whose user is its first {@code userLength} bytes, is one of the rule's. */
    boolean accepts(byte[] presented, int userLength, Sha256 sha256) {
        return credentials.accepts(presented, userLength, sha256);
    }
}
