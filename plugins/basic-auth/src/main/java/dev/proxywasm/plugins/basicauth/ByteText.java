package dev.proxywasm.plugins.basicauth;

/**
 * Comparisons of header bytes with configured text (UTF-8), for matching that needs no String
 * per request. Not for secrets: these return at the first difference (see {@link ConstantTime}).
 */
final class ByteText {
    private ByteText() {
    }

    static boolean equal(byte[] a, byte[] b) {
        return a.length == b.length && regionEqual(a, 0, b);
    }

    static boolean startsWith(byte[] text, byte[] prefix) {
        return text.length >= prefix.length && regionEqual(text, 0, prefix);
    }

    static boolean endsWith(byte[] text, byte[] suffix) {
        return text.length >= suffix.length && regionEqual(text, text.length - suffix.length, suffix);
    }

    /** Whether {@code text[from, from + part.length)} equals {@code part}; the caller checks bounds. */
    private static boolean regionEqual(byte[] text, int from, byte[] part) {
        for (int i = 0; i < part.length; i++) {
            if (text[from + i] != part[i]) {
                return false;
            }
        }
        return true;
    }
}
