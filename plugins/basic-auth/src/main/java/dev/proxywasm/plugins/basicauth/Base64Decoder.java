package dev.proxywasm.plugins.basicauth;

/**
 * Decodes standard (RFC 4648 section 4) base64 without throwing: malformed input gives
 * {@code null}, so a hostile {@code Authorization} header becomes a 401, never an exception.
 *
 * <p>Padding is optional, but what is there must be canonical: no characters after padding, no
 * stray padding, and unused trailing bits zero. That keeps one encoding per credential, as the
 * reference filter's string comparison did.
 */
final class Base64Decoder {
    private static final byte[] VALUES = new byte[128];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = -1;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Decoder() {
    }

    /** Decodes {@code text[from, to)}, or returns {@code null} when it is not canonical base64. */
    static byte[] decode(String text, int from, int to) {
        int end = to;
        if (end - from >= 4 && (end - from) % 4 == 0) {
            if (text.charAt(end - 1) == '=') {
                end--;
                if (text.charAt(end - 1) == '=') {
                    end--;
                }
            }
        }
        int length = end - from;
        int tail = length % 4;
        if (tail == 1) {
            return null;
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int bits = 0;
        int bitCount = 0;
        int n = 0;
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                return null;
            }
            bits = (bits << 6) | v;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[n++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        return bits == 0 ? out : null;
    }

    /** Decodes all of {@code text}, or returns {@code null} when it is not canonical base64. */
    static byte[] decode(String text) {
        return decode(text, 0, text.length());
    }
}
