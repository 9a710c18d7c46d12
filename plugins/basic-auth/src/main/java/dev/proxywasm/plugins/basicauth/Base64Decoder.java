package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.internal.Utf8;

/**
 * Decodes standard (RFC 4648 section 4) base64 without throwing: malformed input gives
 * {@code null}, so a hostile {@code Authorization} header becomes a 401, never an exception.
 *
 * <p>Padding is optional, but what is there must be canonical: no characters after padding, no
 * stray padding, and unused trailing bits zero. That keeps one encoding per credential, as the
 * reference filter's string comparison did.
 */
final class Base64Decoder {
    /** Value of each byte as a base64 digit, -1 for bytes that are not one. */
    private static final byte[] VALUES = new byte[256];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = -1;
        }
        byte[] alphabet = Utf8.encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        for (int i = 0; i < alphabet.length; i++) {
            VALUES[alphabet[i]] = (byte) i;
        }
    }

    private Base64Decoder() {
    }

    /** Decodes {@code text[from, to)}, or returns {@code null} when it is not canonical base64. */
    static byte[] decode(byte[] text, int from, int to) {
        int end = to;
        if (end - from >= 4 && (end - from) % 4 == 0 && text[end - 1] == '=') {
            end--;
            if (text[end - 1] == '=') {
                end--;
            }
        }
        int length = end - from;
        int tail = length % 4;
        if (tail == 1) {
            return null;
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        byte[] values = VALUES;
        int n = 0;
        int i = from;
        // Four digits at a time: a non-digit's -1, shifted, makes the group negative.
        for (int groupsEnd = end - tail; i < groupsEnd; i += 4) {
            int group = values[text[i] & 0xff] << 18 | values[text[i + 1] & 0xff] << 12
                    | values[text[i + 2] & 0xff] << 6 | values[text[i + 3] & 0xff];
            if (group < 0) {
                return null;
            }
            out[n] = (byte) (group >> 16);
            out[n + 1] = (byte) (group >> 8);
            out[n + 2] = (byte) group;
            n += 3;
        }
        if (tail == 0) {
            return out;
        }
        // Two or three digits left: one or two bytes, and the unused low bits must be zero.
        int group = values[text[i] & 0xff] << 18 | values[text[i + 1] & 0xff] << 12
                | (tail == 3 ? values[text[i + 2] & 0xff] << 6 : 0);
        if (group < 0 || (group & (tail == 3 ? 0xff : 0xffff)) != 0) {
            return null;
        }
        out[n] = (byte) (group >> 16);
        if (tail == 3) {
            out[n + 1] = (byte) (group >> 8);
        }
        return out;
    }

    /** Decodes {@code text[from, to)} (chars), or returns {@code null} when it is not canonical base64. */
    static byte[] decode(String text, int from, int to) {
        return decode(text.substring(from, to));
    }

    /** Decodes all of {@code text}, or returns {@code null} when it is not canonical base64. */
    static byte[] decode(String text) {
        byte[] bytes = Utf8.encode(text);
        return decode(bytes, 0, bytes.length);
    }
}
