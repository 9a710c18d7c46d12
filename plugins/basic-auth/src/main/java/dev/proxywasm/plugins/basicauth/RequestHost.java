package dev.proxywasm.plugins.basicauth;

/** Where the host ends in an {@code :authority}: before a trailing {@code :port}, IPv6-aware. */
final class RequestHost {
    private RequestHost() {
    }

    /**
     * The length of the host part of {@code authority} (bytes): {@code example.com:8080} and
     * {@code [::1]:8080} lose the port, {@code [::1]} and a bare {@code ::1} keep everything
     * (a colon inside an IPv6 address is not a port separator, and only digits make a port).
     */
    static int end(byte[] authority) {
        int length = authority.length;
        int colon = lastIndexOf(authority, ':');
        if (colon < 0) {
            return length;
        }
        for (int i = colon + 1; i < length; i++) {
            byte c = authority[i];
            if (c < '0' || c > '9') {
                return length;
            }
        }
        if (indexOf(authority, ':') != colon && lastIndexOf(authority, ']') < colon - 1) {
            // More than one colon and no "]" right before the last: an unbracketed IPv6 address.
            return length;
        }
        if (authority[0] == '[' && authority[colon - 1] != ']') {
            return length;
        }
        return colon;
    }

    private static int indexOf(byte[] text, char c) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] text, char c) {
        for (int i = text.length - 1; i >= 0; i--) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
