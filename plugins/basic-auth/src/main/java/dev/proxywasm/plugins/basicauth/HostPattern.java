package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.internal.Utf8;

/**
 * One entry of a rule's {@code hosts}: {@code *.example.com} matches by suffix,
 * {@code example.*} by prefix, anything else exactly. Ports are ignored on both sides and
 * host names compare ignoring ASCII case (DNS names are case-insensitive; the reference filter
 * compared case-sensitively, which let {@code API.example.com} skip a rule).
 */
final class HostPattern {
    /** {@link PathMatch#EXACT}, {@link PathMatch#PREFIX} or {@link PathMatch#SUFFIX}. */
    private final int kind;
    /** The host in UTF-8, ASCII letters lowercased. */
    private final byte[] host;

    private HostPattern(int kind, byte[] host) {
        this.kind = kind;
        this.host = host;
    }

    /** Reads a configured host. */
    static HostPattern parse(String text) {
        byte[] bytes = Utf8.encode(text);
        int length = bytes.length;
        if (length > 0 && bytes[0] == '*') {
            byte[] suffix = lowerAscii(bytes, 1, length);
            return new HostPattern(PathMatch.SUFFIX, lowerAscii(suffix, 0, RequestHost.end(suffix)));
        }
        if (length > 0 && bytes[length - 1] == '*') {
            return new HostPattern(PathMatch.PREFIX, lowerAscii(bytes, 0, length - 1));
        }
        return new HostPattern(PathMatch.EXACT, lowerAscii(bytes, 0, RequestHost.end(bytes)));
    }

    /** Whether {@code authority[0, end)}, a host without its port, matches. */
    boolean matches(byte[] authority, int end) {
        int length = host.length;
        if (kind == PathMatch.EXACT) {
            return end == length && equalsIgnoringAsciiCase(authority, 0);
        }
        if (kind == PathMatch.PREFIX) {
            return end >= length && equalsIgnoringAsciiCase(authority, 0);
        }
        return end >= length && equalsIgnoringAsciiCase(authority, end - length);
    }

    private boolean equalsIgnoringAsciiCase(byte[] authority, int from) {
        for (int i = 0; i < host.length; i++) {
            int c = authority[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != host[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] lowerAscii(byte[] text, int from, int to) {
        byte[] lower = new byte[to - from];
        for (int i = from; i < to; i++) {
            byte c = text[i];
            lower[i - from] = c >= 'A' && c <= 'Z' ? (byte) (c + 'a' - 'A') : c;
        }
        return lower;
    }
}
