package dev.proxywasm.abi.internal;

/**
 * UTF-8 conversion written for the hot path: TeaVM's {@code new String(bytes, UTF_8)} costs about
 * six times a hand-written decoder, and header names and values are nearly always ASCII.
 * Malformed input decodes to U+FFFD per bad byte, like the JDK, and never throws.
 */
public final class Utf8 {
    private static final byte[] EMPTY = new byte[0];

    private Utf8() {
    }

    /** Decodes {@code len} bytes of {@code buf} from {@code off}. */
    public static String decode(byte[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        char[] out = new char[len];
        int end = off + len;
        int i = off;
        int n = 0;
        while (i < end && buf[i] >= 0) {
            out[n++] = (char) buf[i++];
        }
        while (i < end) {
            int b = buf[i] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                i++;
                continue;
            }
            int need;
            int low = 0x80;
            int high = 0xbf;
            int cp;
            if (b >= 0xc2 && b <= 0xdf) {
                need = 1;
                cp = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                need = 2;
                cp = b & 0x0f;
                low = b == 0xe0 ? 0xa0 : 0x80;
                high = b == 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
                need = 3;
                cp = b & 0x07;
                low = b == 0xf0 ? 0x90 : 0x80;
                high = b == 0xf4 ? 0x8f : 0xbf;
            } else {
                out[n++] = '\ufffd';
                i++;
                continue;
            }
            int j = i + 1;
            int got = 0;
            while (got < need && j < end) {
                int c = buf[j] & 0xff;
                if (got == 0 ? c < low || c > high : c < 0x80 || c > 0xbf) {
                    break;
                }
                cp = (cp << 6) | (c & 0x3f);
                j++;
                got++;
            }
            i = j;
            if (got < need) {
                // One replacement for the longest valid prefix, as the JDK and the Unicode
                // standard's "maximal subpart" practice do.
                out[n++] = '\ufffd';
            } else if (cp >= 0x10000) {
                // Four bytes become two chars, so the array (one char per byte) has room.
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                out[n++] = (char) cp;
            }
        }
        return new String(out, 0, n);
    }

    /** Encodes {@code s}; unpaired surrogates become {@code '?'}. */
    public static byte[] encode(String s) {
        int len = s.length();
        if (len == 0) {
            return EMPTY;
        }
        int size = encodedLength(s);
        byte[] out = new byte[size];
        if (isAscii(s)) {
            for (int i = 0; i < len; i++) {
                out[i] = (byte) s.charAt(i);
            }
            return out;
        }
        encodeInto(s, out, 0);
        return out;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The number of bytes {@link #encode} produces for {@code s}. */
    public static int encodedLength(String s) {
        int len = s.length();
        int size = len;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    size += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    size += 2;
                    i++;
                } else {
                    size += Character.isSurrogate(c) ? 0 : 2;
                }
            }
        }
        return size;
    }

    /** Writes the encoding of {@code s} at {@code pos}; returns the position after it. */
    public static int encodeInto(String s, byte[] out, int pos) {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[pos++] = (byte) (0xf0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[pos++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                out[pos++] = '?';
            } else {
                out[pos++] = (byte) (0xe0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return pos;
    }
}
