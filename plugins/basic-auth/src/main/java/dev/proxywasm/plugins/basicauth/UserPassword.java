package dev.proxywasm.plugins.basicauth;

/**
 * A decoded Basic credential, {@code user:password} (RFC 7617: the user ends at the first colon).
 * A value without a colon is all user and no password; the reference filter accepted such
 * configured values, so they are kept and matched whole.
 */
final class UserPassword {
    private final byte[] bytes;
    private final int userLength;
    private String userKey;

    UserPassword(byte[] bytes) {
        this.bytes = bytes;
        int colon = 0;
        while (colon < bytes.length && bytes[colon] != ':') {
            colon++;
        }
        this.userLength = colon;
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

    /**
     * The user as a lookup key: one char per byte (ISO-8859-1), so distinct byte strings give
     * distinct keys without a UTF-8 decoder that could reject or merge them.
     */
    String userKey() {
        if (userKey == null) {
            userKey = latin1(bytes, userLength);
        }
        return userKey;
    }

    private static String latin1(byte[] bytes, int userLength) {
        char[] chars = new char[userLength];
        for (int i = 0; i < userLength; i++) {
            chars[i] = (char) (bytes[i] & 0xff);
        }
        return new String(chars);
    }
}
