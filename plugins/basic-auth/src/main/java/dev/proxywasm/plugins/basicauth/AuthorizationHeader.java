package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Base64;

/**
 * A request's {@code Authorization} value read as RFC 7617 Basic: the scheme is matched ignoring
 * case (RFC 7235), spaces and tabs around and after it are tolerated, and the credentials must
 * be canonical base64. Nothing here is ever logged.
 */
final class AuthorizationHeader {
    private final boolean basic;
    private final UserPassword credential;

    /** Reads {@code value}, the header value's bytes or {@code null} when the request has none. */
    AuthorizationHeader(byte[] value) {
        if (value == null) {
            basic = false;
            credential = null;
            return;
        }
        // Spaces and tabs compared inline: a call per byte costs more than the comparison.
        int end = value.length;
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == '\t')) {
            end--;
        }
        int start = 0;
        while (start < end && (value[start] == ' ' || value[start] == '\t')) {
            start++;
        }
        // The scheme is the token up to the first space: "Basic" exactly when the value starts
        // with those five letters followed by a space, a tab or nothing.
        int schemeEnd = start + 5;
        basic = schemeEnd <= end && isBasic(value, start)
                && (schemeEnd == end || value[schemeEnd] == ' ' || value[schemeEnd] == '\t');
        if (!basic) {
            credential = null;
            return;
        }
        int tokenStart = schemeEnd;
        while (tokenStart < end && (value[tokenStart] == ' ' || value[tokenStart] == '\t')) {
            tokenStart++;
        }
        byte[] decoded = tokenStart == end ? null : Base64.decode(value, tokenStart, end);
        credential = decoded == null ? null : new UserPassword(decoded);
    }

    /** Whether the request presented the Basic scheme at all. */
    boolean isBasic() {
        return basic;
    }

    /** The decoded credential, or {@code null} when the Basic value is empty or not base64. */
    UserPassword credential() {
        return credential;
    }

    /** Whether {@code value[from, from + 5)} is "basic" in any case. */
    private static boolean isBasic(byte[] value, int from) {
        // OR-ing 0x20 lowercases an ASCII letter and turns no other byte into one.
        return (value[from] | 0x20) == 'b' && (value[from + 1] | 0x20) == 'a'
                && (value[from + 2] | 0x20) == 's' && (value[from + 3] | 0x20) == 'i'
                && (value[from + 4] | 0x20) == 'c';
    }
}
