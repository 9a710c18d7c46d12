package dev.proxywasm.plugins.cohortheader;

/**
 * What this plugin accepts as a header name or value. Names are RFC 9110 tokens; values are
 * stricter than HTTP allows (visible ASCII and inner spaces only) because a value that Envoy or
 * an upstream might reject must never reach the wire: that is exactly how the Lua filter broke.
 */
final class HeaderSyntax {
    private HeaderSyntax() {
    }

    /** Why {@code name} is not a header name this plugin may set, or {@code null} when it is one. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.charAt(0) == ':') {
            return "must not be a pseudo-header";
        }
        return tokenProblem(name, "a header name");
    }

    /**
     * Why {@code token} is not an RFC 9110 token (what header names and methods are), or
     * {@code null}; {@code what} names it in the message, e.g. {@code "a method"}.
     */
    static String tokenProblem(String token, String what) {
        if (token.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!isTokenChar(c)) {
                return "contains " + describe(c) + " at index " + i + ", which " + what + " may not";
            }
        }
        return null;
    }

    /**
     * Why {@code value} is not a header value this plugin may send, or {@code null} when it is
     * one: visible ASCII with single inner spaces allowed, no surrounding whitespace.
     */
    static String valueProblem(String value) {
        int n = value.length();
        if (n > 0 && (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ')) {
            return "must not start or end with a space";
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!isValueChar(c)) {
                return "contains " + describe(c) + " at index " + i + ", which a header value may not";
            }
        }
        return null;
    }

    /** Visible ASCII or a space: the only bytes a forwarded value may hold. */
    static boolean isValueChar(int c) {
        return c >= 0x20 && c <= 0x7e;
    }

    /** The header name in lower case (HTTP/2 sends names in lower case); ASCII only, no tables. */
    static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = name.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }

    private static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A character as a reader can see it in an error message, control characters included. */
    static String describe(int c) {
        if (c > 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        String hex = Integer.toHexString(c);
        return "0x" + (hex.length() == 1 ? "0" + hex : hex);
    }
}
