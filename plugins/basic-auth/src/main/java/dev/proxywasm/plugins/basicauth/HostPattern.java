package dev.proxywasm.plugins.basicauth;

/**
 * One entry of a rule's {@code hosts}: {@code *.example.com} matches by suffix,
 * {@code example.*} by prefix, anything else exactly. Ports are ignored on both sides and
 * host names compare ignoring ASCII case (DNS names are case-insensitive; the reference filter
 * compared case-sensitively, which let {@code API.example.com} skip a rule).
 */
final class HostPattern {
    private final PathMatch.Kind kind;
    private final String host;

    private HostPattern(PathMatch.Kind kind, String host) {
        this.kind = kind;
        this.host = host;
    }

    /** Reads a configured host. */
    static HostPattern parse(String text) {
        if (text.startsWith("*")) {
            String suffix = text.substring(1);
            return new HostPattern(PathMatch.Kind.SUFFIX, lowerAscii(suffix, 0, RequestHost.end(suffix)));
        }
        if (text.endsWith("*")) {
            return new HostPattern(PathMatch.Kind.PREFIX, lowerAscii(text, 0, text.length() - 1));
        }
        return new HostPattern(PathMatch.Kind.EXACT, lowerAscii(text, 0, RequestHost.end(text)));
    }

    /** Whether {@code authority[0, end)}, a host without its port, matches. */
    boolean matches(String authority, int end) {
        int length = host.length();
        // Comparisons, not an enum switch: see PathMatch.
        if (kind == PathMatch.Kind.EXACT) {
            return end == length && equalsIgnoringAsciiCase(authority, 0, length);
        }
        if (kind == PathMatch.Kind.PREFIX) {
            return end >= length && equalsIgnoringAsciiCase(authority, 0, length);
        }
        return end >= length && equalsIgnoringAsciiCase(authority, end - length, length);
    }

    private boolean equalsIgnoringAsciiCase(String authority, int from, int length) {
        for (int i = 0; i < length; i++) {
            char c = authority.charAt(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != host.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String lowerAscii(String text, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            chars[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + 'a' - 'A') : c;
        }
        return new String(chars);
    }
}
