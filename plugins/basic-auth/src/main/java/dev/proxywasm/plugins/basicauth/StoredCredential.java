package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;

/** One configured credential of one user: what a presented credential must match. */
abstract class StoredCredential {

    /** Whether {@code presented}, decoded {@code user:password} with a {@code userLength}-byte user, matches. */
    abstract boolean matches(byte[] presented, int userLength, Sha256 sha256);

    /** A credential kept as its decoded {@code user:password} bytes, compared whole in constant time. */
    static final class Plain extends StoredCredential {
        private final byte[] decoded;

        Plain(byte[] decoded) {
            this.decoded = decoded;
        }

        @Override
        boolean matches(byte[] presented, int userLength, Sha256 sha256) {
            return Bytes.constantTimeEquals(presented, decoded);
        }
    }

    /**
     * A credential kept as {@code SHA-256(password || salt)}: the guest hashes the presented
     * password and compares digests in constant time. An empty salt is the unsalted form.
     */
    static final class Hashed extends StoredCredential {
        private final byte[] digest;
        private final byte[] salt;

        Hashed(byte[] digest, byte[] salt) {
            this.digest = digest;
            this.salt = salt;
        }

        @Override
        boolean matches(byte[] presented, int userLength, Sha256 sha256) {
            // Without a colon there is no password to hash.
            if (userLength == presented.length) {
                return false;
            }
            int start = userLength + 1;
            byte[] actual = sha256.digest(presented, start, presented.length - start, salt);
            return Bytes.constantTimeEquals(actual, digest);
        }
    }
}
