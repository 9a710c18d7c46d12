package dev.proxywasm.plugins.basicauth;

/**
 * A request's {@code Authorization} value read as RFC 7617 Basic: the scheme is matched ignoring
 * case (RFC 7235), spaces and tabs around and after it are tolerated, and the credentials must
 * be canonical base64. Nothing here is ever logged.
 */
final class AuthorizationHeader {
    private final boolean basic;
    private final UserPassword credential;

    /** Reads {@code value}, the header value or {@code null} when the request has none. */
    AuthorizationHeader(String value) {
        if (value == null) {
            basic = false;
            credential = null;
            return;
        }
        int end = value.length();
        while (end > 0 && isSpace(value.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        int schemeEnd = start;
        while (schemeEnd < end && !isSpace(value.charAt(schemeEnd))) {
            schemeEnd++;
        }
        basic = isBasic(value, start, schemeEnd);
        if (!basic) {
            credential = null;
            return;
        }
        int tokenStart = schemeEnd;
        while (tokenStart < end && isSpace(value.charAt(tokenStart))) {
            tokenStart++;
        }
        byte[] decoded = tokenStart == end ? null : Base64Decoder.decode(value, tokenStart, end);
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

    private static boolean isBasic(String value, int from, int to) {
        if (to - from != 5) {
            return false;
        }
        String basic = "basic";
        for (int i = 0; i < 5; i++) {
            char c = value.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != basic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
