package dev.proxywasm.abi;

import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Byte-array operations for a filter's per-request path (header values from
 * {@link HttpContext#requestHeaderBytes}, configured secrets). Each checks its ranges once per
 * call, not once per byte: inside the Wasm module it then reads memory directly, which costs a
 * fraction of TeaVM's checked array loop; on the JVM (unit tests) it is a plain loop.
 */
public final class Bytes {
    private Bytes() {
    }

    /**
     * Whether {@code a[aFrom, aFrom + length)} equals {@code b[bFrom, bFrom + length)}; false when
     * either range is outside its array. Returns at the first difference: not for secrets.
     */
    public static boolean regionMatches(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (aFrom < 0 || bFrom < 0 || length < 0 || aFrom > a.length - length || bFrom > b.length - length) {
            return false;
        }
        if (PlatformDetector.isWebAssembly()) {
            Address x = Address.ofData(a).add(aFrom);
            Address y = Address.ofData(b).add(bFrom);
            // Four bytes per load (Wasm loads need no alignment), then the rest one by one.
            int i = 0;
            for (; i + 4 <= length; i += 4) {
                if (x.add(i).getInt() != y.add(i).getInt()) {
                    return false;
                }
            }
            for (; i < length; i++) {
                if (x.add(i).getByte() != y.add(i).getByte()) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code presented} equals {@code expected}, in a time that depends only on the
     * length of {@code expected}: for comparing secrets.
     */
    public static boolean constantTimeEquals(byte[] presented, byte[] expected) {
        int n = expected.length;
        int diff = presented.length ^ n;
        // With another length the loop still runs, over expected itself, and the result stays false.
        byte[] source = diff == 0 ? presented : expected;
        if (PlatformDetector.isWebAssembly()) {
            Address x = Address.ofData(source);
            Address y = Address.ofData(expected);
            // Four bytes per load, then the rest: the same steps whatever the contents.
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                diff |= x.add(i).getInt() ^ y.add(i).getInt();
            }
            for (; i < n; i++) {
                diff |= x.add(i).getByte() ^ y.add(i).getByte();
            }
        } else {
            for (int i = 0; i < n; i++) {
                diff |= source[i] ^ expected[i];
            }
        }
        return diff == 0;
    }

    /** The first index of byte {@code b} in {@code a[from, to)}, or -1 (also for a range outside {@code a}). */
    public static int indexOf(byte[] a, int b, int from, int to) {
        if (from < 0 || to > a.length || from > to) {
            return -1;
        }
        if (PlatformDetector.isWebAssembly()) {
            Address x = Address.ofData(a);
            for (int i = from; i < to; i++) {
                if (x.add(i).getByte() == b) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The hash of {@code a[from, to)} as {@link java.util.Arrays#hashCode(byte[])} computes it for
     * such an array; 0 when the range is outside the array.
     */
    public static int hashCode(byte[] a, int from, int to) {
        if (from < 0 || to > a.length || from > to) {
            return 0;
        }
        int hash = 1;
        if (PlatformDetector.isWebAssembly()) {
            Address x = Address.ofData(a);
            for (int i = from; i < to; i++) {
                hash = 31 * hash + x.add(i).getByte();
            }
        } else {
            for (int i = from; i < to; i++) {
                hash = 31 * hash + a[i];
            }
        }
        return hash;
    }

    /**
     * {@code bytes} as Latin-1 (ISO-8859-1) text, one char per byte, U+0000 to U+00FF: a String
     * that holds any bytes (a body that need not be UTF-8) without losing or replacing one.
     * Inside the module eight bytes become eight chars per step.
     */
    public static String latin1(byte[] bytes) {
        int n = bytes.length;
        char[] chars = new char[n];
        int i = 0;
        if (PlatformDetector.isWebAssembly()) {
            // Nothing allocates in these loops, so neither array moves under its address. Each
            // half of a word is spread to four 16-bit chars by two shift-and-mask steps; Wasm is
            // little-endian.
            Address from = Address.ofData(bytes);
            Address to = Address.ofData(chars);
            for (; i + 8 <= n; i += 8) {
                long w = from.add(i).getLong();
                long low = (w & 0xffffffffL | w << 16) & 0x0000ffff0000ffffL;
                long high = (w >>> 32 | w >>> 16 & 0xffff00000000L) & 0x0000ffff0000ffffL;
                to.add(i << 1).putLong((low | low << 8) & 0x00ff00ff00ff00ffL);
                to.add((i << 1) + 8).putLong((high | high << 8) & 0x00ff00ff00ff00ffL);
            }
            for (; i < n; i++) {
                to.add(i << 1).putChar((char) (from.add(i).getByte() & 0xff));
            }
        } else {
            for (; i < n; i++) {
                chars[i] = (char) (bytes[i] & 0xff);
            }
        }
        return new String(chars);
    }

    /**
     * Whether every byte of {@code bytes} is ASCII (below 0x80), so that its {@link #latin1} text
     * is also its UTF-8 text. Inside the module eight bytes per step.
     */
    public static boolean isAscii(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        if (PlatformDetector.isWebAssembly()) {
            Address a = Address.ofData(bytes);
            long any = 0;
            for (; i + 8 <= n; i += 8) {
                any |= a.add(i).getLong();
            }
            for (; i < n; i++) {
                any |= a.add(i).getByte();
            }
            return (any & 0x8080808080808080L) == 0;
        }
        for (; i < n; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
