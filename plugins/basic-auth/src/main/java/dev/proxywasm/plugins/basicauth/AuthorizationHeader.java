package dev.proxywasm.plugins.basicauth;

/**
 * A request's {@code Authorization} value read as RFC 7617 Basic: the scheme is matched ignoring
 * case (RFC 7235), spaces and tabs around and after it are tolerated. Positions only, no object
 * per request: the policy decodes the token itself. Nothing here is ever logged.
 */
final class AuthorizationHeader {
    private AuthorizationHeader() {
    }

    /** The length of {@code value} without its trailing spaces and tabs. */
    static int end(byte[] value) {
        // Spaces and tabs compared inline: a call per byte costs more than the comparison.
        int end = value.length;
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /**
     * Where the credentials of {@code value[0, end)} start (they run to {@code end}, which means
     * none were given), or -1 when the value is not of the Basic scheme.
     */
    static int credentialsStart(byte[] value, int end) {
        int start = 0;
        while (start < end && (value[start] == ' ' || value[start] == '\t')) {
            start++;
        }
        // The scheme is the token up to the first space: "Basic" exactly when the value starts
        // with those five letters followed by a space, a tab or nothing.
        int schemeEnd = start + 5;
        if (schemeEnd > end || !isBasic(value, start)
                || schemeEnd != end && value[schemeEnd] != ' ' && value[schemeEnd] != '\t') {
            return -1;
        }
        int token = schemeEnd;
        while (token < end && (value[token] == ' ' || value[token] == '\t')) {
            token++;
        }
        return token;
    }

    /** Whether {@code value[from, from + 5)} is "basic" in any case. */
    private static boolean isBasic(byte[] value, int from) {
        // OR-ing 0x20 lowercases an ASCII letter and turns no other byte into one.
        return (value[from] | 0x20) == 'b' && (value[from + 1] | 0x20) == 'a'
                && (value[from + 2] | 0x20) == 's' && (value[from + 3] | 0x20) == 'i'
                && (value[from + 4] | 0x20) == 'c';
    }
}
