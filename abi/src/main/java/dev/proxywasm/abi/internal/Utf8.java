package dev.proxywasm.abi.internal;

import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * UTF-8 conversion written for the hot path: TeaVM's {@code new String(bytes, UTF_8)} costs about
 * six times a hand-written decoder, and header names and values are nearly always ASCII.
 * Malformed input decodes to U+FFFD (one per maximal invalid subsequence) and never throws.
 *
 * <p>In Wasm, runs of ASCII are copied through raw addresses: TeaVM guards every array access
 * with a null check, a bounds check and a GC spill, about 50 instructions per byte, where a raw
 * load and store take a handful. The bounds are checked once, up front, and nothing allocates
 * inside those loops, so the arrays cannot move under the addresses. On the JVM (unit tests) the
 * same loops run on arrays.
 */
public final class Utf8 {
    // No static initialiser (the scratch array comes at first use): TeaVM would check that it
    // ran at every call into this class.
    private static char[] scratch;
    /** The longest text {@link #decode} decodes in the scratch array (a compile-time constant). */
    private static final int DECODE_SCRATCH_LIMIT = 8192;

    private Utf8() {
    }

    /** Decodes {@code len} bytes of {@code buf} from {@code off}. */
    public static String decode(byte[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("Utf8.decode: " + off + "+" + len + " outside " + buf.length);
        }
        // Decoded into the scratch array (one char per byte is the most it takes), which the String
        // copies: a temporary array per string would cost an allocation and its zeroing. A long
        // text (a body) gets its own array, so that the scratch array does not keep its size.
        char[] out;
        if (len > DECODE_SCRATCH_LIMIT) {
            out = new char[len];
        } else {
            // Grown here, not through a shared helper: a call costs more than these lines.
            if (scratch == null || scratch.length < len) {
                scratch = new char[len < 256 ? 256 : len];
            }
            out = scratch;
        }
        int end = off + len;
        int n = copyAscii(buf, off, out, len);
        if (n == len) {
            return StringChars.copyOf(out, 0, n);
        }
        // Written for size more than speed (non-ASCII text is rare here, and TeaVM copies this
        // method into its callers): one read of a lead byte, one of each continuation byte, one
        // place that stores.
        int i = off + n;
        while (i < end) {
            int cp = buf[i++] & 0xff;
            if (cp >= 0x80) {
                int b = cp;
                int need = 0;
                int low = 0x80;
                int high = 0xbf;
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
                    cp = '\ufffd';
                }
                for (int got = 0; got < need; got++) {
                    int c = i < end ? buf[i] & 0xff : -1;
                    if (c < low || c > high) {
                        // One replacement for the longest valid prefix, as the JDK and the
                        // Unicode standard's "maximal subpart" practice do.
                        cp = '\ufffd';
                        break;
                    }
                    cp = (cp << 6) | (c & 0x3f);
                    low = 0x80;
                    high = 0xbf;
                    i++;
                }
            }
            if (cp >= 0x10000) {
                // Four bytes become two chars, so the array (one char per byte) has room.
                out[n++] = Character.highSurrogate(cp);
                cp = Character.lowSurrogate(cp);
            }
            out[n++] = (char) cp;
        }
        return StringChars.copyOf(out, 0, n);
    }

    /** Copies the leading ASCII bytes of {@code buf[off..off+max)} to {@code out}; returns how many. */
    private static int copyAscii(byte[] buf, int off, char[] out, int max) {
        int n = 0;
        if (PlatformDetector.isWebAssembly()) {
            Address src = Address.ofData(buf).add(off);
            Address dst = Address.ofData(out);
            // Eight bytes at a time while all eight are ASCII (Wasm loads need no alignment), each
            // half spread to four 16-bit chars by two shift-and-mask steps; then four at a time.
            while (n + 8 <= max) {
                long word = src.add(n).getLong();
                if ((word & 0x8080808080808080L) != 0) {
                    break;
                }
                // Spelled out: TeaVM does not inline a helper here.
                long low = (word & 0xffffffffL | word << 16) & 0x0000ffff0000ffffL;
                long high = (word >>> 32 | word >>> 16 & 0xffff00000000L) & 0x0000ffff0000ffffL;
                dst.add(n << 1).putLong((low | low << 8) & 0x00ff00ff00ff00ffL);
                dst.add((n << 1) + 8).putLong((high | high << 8) & 0x00ff00ff00ff00ffL);
                n += 8;
            }
            while (n + 4 <= max) {
                int word = src.add(n).getInt();
                if ((word & 0x80808080) != 0) {
                    break;
                }
                dst.add(n << 1).putInt((word & 0xff) | ((word & 0xff00) << 8));
                dst.add((n << 1) + 4).putInt(((word >>> 16) & 0xff) | ((word >>> 8) & 0xff0000));
                n += 4;
            }
            while (n < max) {
                byte b = src.add(n).getByte();
                if (b < 0) {
                    break;
                }
                dst.add(n << 1).putChar((char) b);
                n++;
            }
        } else {
            while (n < max && buf[off + n] >= 0) {
                out[n] = (char) buf[off + n];
                n++;
            }
        }
        return n;
    }

    /** Encodes {@code s}; unpaired surrogates become {@code '?'}. */
    public static byte[] encode(String s) {
        int len = s.length();
        char[] chars = chars(s);
        int ascii = asciiPrefix(chars, len);
        if (ascii == len) {
            byte[] out = new byte[len];
            copyAsciiChars(chars, out, len);
            return out;
        }
        // Three bytes per char is the most any char takes (a surrogate pair takes four for two),
        // so the rest is encoded into a scratch buffer without sizing it first, then copied.
        byte[] buffer = new byte[ascii + (len - ascii) * 3];
        copyAsciiChars(chars, buffer, ascii);
        int size = encodeRest(chars, len, ascii, buffer, ascii);
        byte[] out = new byte[size];
        if (PlatformDetector.isWebAssembly()) {
            // One memory.copy, without arraycopy's checks (addresses taken after the allocation).
            Address.moveMemoryBlock(Address.ofData(buffer), Address.ofData(out), size);
        } else {
            System.arraycopy(buffer, 0, out, 0, size);
        }
        return out;
    }

    /** The characters of {@code s} in a reused scratch array (valid until the next call). */
    private static char[] chars(String s) {
        int len = s.length();
        if (scratch == null || scratch.length < len) {
            scratch = new char[Math.max(len, scratch == null ? 256 : scratch.length * 2)];
        }
        char[] chars = scratch;
        s.getChars(0, len, chars, 0);
        return chars;
    }

    /** How many leading chars of {@code chars[0..len)} are ASCII. */
    private static int asciiPrefix(char[] chars, int len) {
        int n = 0;
        if (PlatformDetector.isWebAssembly()) {
            Address src = Address.ofData(chars);
            // Four chars per 64-bit load while all four are ASCII, then one by one.
            for (; n + 4 <= len; n += 4) {
                if ((src.add(n << 1).getLong() & 0xff80ff80ff80ff80L) != 0) {
                    break;
                }
            }
            for (; n < len; n++) {
                if (src.add(n << 1).getChar() >= 0x80) {
                    break;
                }
            }
        } else {
            while (n < len && chars[n] < 0x80) {
                n++;
            }
        }
        return n;
    }

    /** Writes ASCII {@code chars[0..count)} as bytes at the start of {@code out}. */
    private static void copyAsciiChars(char[] chars, byte[] out, int count) {
        if (PlatformDetector.isWebAssembly()) {
            Address src = Address.ofData(chars);
            Address dst = Address.ofData(out);
            // Four chars (one 64-bit load) become four bytes (one 32-bit store); Wasm is little-endian.
            int i = 0;
            for (; i + 4 <= count; i += 4) {
                long four = src.add(i << 1).getLong();
                dst.add(i).putInt((int) (four & 0xff) | (int) (four >>> 8) & 0xff00
                        | (int) (four >>> 16) & 0xff0000 | (int) (four >>> 24) & 0xff000000);
            }
            for (; i < count; i++) {
                dst.add(i).putByte((byte) src.add(i << 1).getChar());
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = (byte) chars[i];
            }
        }
    }

    /** Writes the encoding of {@code chars[from..len)} at {@code pos}; returns the position after it. */
    private static int encodeRest(char[] chars, int len, int from, byte[] out, int pos) {
        // Written for size (non-ASCII text is rare here): the lead byte and the continuation
        // bytes each have one store.
        for (int i = from; i < len; i++) {
            int cp = chars[i];
            int extra = 0;
            if (cp >= 0x80) {
                if (Character.isHighSurrogate((char) cp) && i + 1 < len && Character.isLowSurrogate(chars[i + 1])) {
                    cp = Character.toCodePoint((char) cp, chars[++i]);
                    extra = 3;
                } else if (Character.isSurrogate((char) cp)) {
                    cp = '?';
                } else {
                    extra = cp < 0x800 ? 1 : 2;
                }
            }
            // The lead byte: 110xxxxx, 1110xxxx or 11110xxx before 1, 2 or 3 continuation bytes.
            out[pos++] = (byte) (extra == 0 ? cp : 0xff00 >> (extra + 1) | cp >> 6 * extra);
            for (int k = extra - 1; k >= 0; k--) {
                out[pos++] = (byte) (0x80 | (cp >> 6 * k) & 0x3f);
            }
        }
        return pos;
    }
}
