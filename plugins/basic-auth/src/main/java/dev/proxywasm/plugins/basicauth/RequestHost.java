package dev.proxywasm.plugins.basicauth;

/** Where the host ends in an {@code :authority}: before a trailing {@code :port}, IPv6-aware. */
final class RequestHost {
    private RequestHost() {
    }

    /**
     * The length of the host part of {@code authority}: {@code example.com:8080} and
     * {@code [::1]:8080} lose the port, {@code [::1]} and a bare {@code ::1} keep everything
     * (a colon inside an IPv6 address is not a port separator, and only digits make a port).
     */
    static int end(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0) {
            return authority.length();
        }
        for (int i = colon + 1; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c < '0' || c > '9') {
                return authority.length();
            }
        }
        if (authority.indexOf(':') != colon && authority.lastIndexOf(']') < colon - 1) {
            // More than one colon and no "]" right before the last: an unbracketed IPv6 address.
            return authority.length();
        }
        if (authority.startsWith("[") && authority.charAt(colon - 1) != ']') {
            return authority.length();
        }
        return colon;
    }
}
