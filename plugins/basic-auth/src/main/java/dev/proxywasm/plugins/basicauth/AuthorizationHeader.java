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
        int schemeEnd = start;
        while (schemeEnd < end && value[schemeEnd] != ' ' && value[schemeEnd] != '\t') {
            schemeEnd++;
        }
        basic = isBasic(value, start, schemeEnd);
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

    private static boolean isBasic(byte[] value, int from, int to) {
        // OR-ing 0x20 lowercases an ASCII letter and turns no other byte into one.
        return to - from == 5 && (value[from] | 0x20) == 'b' && (value[from + 1] | 0x20) == 'a'
                && (value[from + 2] | 0x20) == 's' && (value[from + 3] | 0x20) == 'i'
                && (value[from + 4] | 0x20) == 'c';
    }
}
