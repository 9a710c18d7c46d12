package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;

/**
 * One configured credential of one user: what a presented credential must match. One final
 * class for both forms rather than a subclass each: the check is then a direct call TeaVM can
 * inline into the request path, not a virtual one.
 */
final class StoredCredential {
    /** The decoded {@code user:password}, or {@code SHA-256(password || salt)} when hashed. */
    private final byte[] expected;
    /** {@code null} for a plain credential; for a hashed one, its salt (empty when unsalted). */
    private final byte[] salt;

    private StoredCredential(byte[] expected, byte[] salt) {
        this.expected = expected;
        this.salt = salt;
    }

    /** A credential kept as its decoded {@code user:password} bytes, compared whole in constant time. */
    static StoredCredential plain(byte[] decoded) {
        return new StoredCredential(decoded, null);
    }

    /**
     * A credential kept as {@code SHA-256(password || salt)}: the guest hashes the presented
     * password and compares digests in constant time. An empty salt is the unsalted form.
     */
    static StoredCredential hashed(byte[] digest, byte[] salt) {
        return new StoredCredential(digest, salt);
    }

    /** Whether {@code presented}, decoded {@code user:password} with a {@code userLength}-byte user, matches. */
    boolean matches(byte[] presented, int userLength, Sha256 sha256) {
        if (salt == null) {
            return Bytes.constantTimeEquals(presented, expected);
        }
        // Without a colon there is no password to hash.
        if (userLength == presented.length) {
            return false;
        }
        int start = userLength + 1;
        return Bytes.constantTimeEquals(sha256.digest(presented, start, presented.length - start, salt), expected);
    }
}
