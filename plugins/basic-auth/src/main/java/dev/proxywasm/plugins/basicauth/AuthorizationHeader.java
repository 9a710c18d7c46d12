package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Base64;

/**
 * A request's {@code Authorization} value read as RFC 7617 Basic: the scheme is matched ignoring
 * case (RFC 7235), spaces and tabs around and after it are tolerated, and the credentials must
 * be canonical base64. Nothing here is ever logged.
 */
final class AuthorizationHeader {
    private static final byte[] BASIC = {'b', 'a', 's', 'i', 'c'};

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
        if (to - from != BASIC.length) {
            return false;
        }
        for (int i = 0; i < BASIC.length; i++) {
            int c = value[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != BASIC[i]) {
                return false;
            }
        }
        return true;
    }
}
