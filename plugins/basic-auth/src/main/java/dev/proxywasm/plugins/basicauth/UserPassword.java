package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;

/**
 * A decoded Basic credential, {@code user:password} (RFC 7617: the user ends at the first colon).
 * A value without a colon is all user and no password; the reference filter accepted such
 * configured values, so they are kept and matched whole.
 */
final class UserPassword {
    private final byte[] bytes;
    private final int userLength;

    UserPassword(byte[] bytes) {
        this.bytes = bytes;
        int colon = Bytes.indexOf(bytes, ':', 0, bytes.length);
        this.userLength = colon < 0 ? bytes.length : colon;
    }

    /** The decoded bytes, user and password. */
    byte[] bytes() {
        return bytes;
    }

    /** Bytes before the first colon. */
    int userLength() {
        return userLength;
    }

    /** Whether there is a colon, hence a password (possibly empty). */
    boolean hasPassword() {
        return userLength < bytes.length;
    }

    /** The user's bytes (a copy), for indexing configured credentials. */
    byte[] user() {
        byte[] user = new byte[userLength];
        System.arraycopy(bytes, 0, user, 0, userLength);
        return user;
    }
}
