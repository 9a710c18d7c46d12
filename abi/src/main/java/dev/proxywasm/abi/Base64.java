package dev.proxywasm.abi;

import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Strict decoding of standard (RFC 4648 section 4) base64, as credentials and tokens in headers
 * use it. Never throws on input: anything malformed gives {@code null}, so a hostile header
 * becomes a refusal, not an exception. Padding is optional, but what is there must be canonical
 * (no characters after it, no stray {@code =}), and the unused trailing bits must be zero: one
 * encoding per value, so decoded values can be compared as the encoded text would be.
 */
public final class Base64 {
    /** Value of each byte as a base64 digit, -1 for the others; created on first use. */
    private static byte[] digits;

    private Base64() {
    }

    /** Decodes {@code text[from, to)}; {@code null} when it is not canonical base64 or out of range. */
    public static byte[] decode(byte[] text, int from, int to) {
        if (from < 0 || to > text.length || from > to) {
            return null;
        }
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
        if (digits == null) {
            digits = digitTable();
        }
        byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
        int groupsEnd = end - tail;
        // Four digits at a time: a non-digit's -1, shifted, makes the group negative.
        boolean valid = PlatformDetector.isWebAssembly()
                ? decodeGroupsInMemory(text, from, groupsEnd, out)
                : decodeGroups(text, from, groupsEnd, out);
        if (!valid) {
            return null;
        }
        if (tail == 0) {
            return out;
        }
        // Two or three digits left: one or two bytes, and the unused low bits must be zero.
        byte[] d = digits;
        int group = d[text[groupsEnd] & 0xff] << 18 | d[text[groupsEnd + 1] & 0xff] << 12
                | (tail == 3 ? d[text[groupsEnd + 2] & 0xff] << 6 : 0);
        if (group < 0 || (group & (tail == 3 ? 0xff : 0xffff)) != 0) {
            return null;
        }
        int n = (groupsEnd - from) / 4 * 3;
        out[n] = (byte) (group >> 16);
        if (tail == 3) {
            out[n + 1] = (byte) (group >> 8);
        }
        return out;
    }

    /** The full groups of {@code text[from, to)} into {@code out}; false at a non-digit. */
    private static boolean decodeGroups(byte[] text, int from, int to, byte[] out) {
        byte[] d = digits;
        int n = 0;
        for (int i = from; i < to; i += 4) {
            int group = d[text[i] & 0xff] << 18 | d[text[i + 1] & 0xff] << 12
                    | d[text[i + 2] & 0xff] << 6 | d[text[i + 3] & 0xff];
            if (group < 0) {
                return false;
            }
            out[n] = (byte) (group >> 16);
            out[n + 1] = (byte) (group >> 8);
            out[n + 2] = (byte) group;
            n += 3;
        }
        return true;
    }

    /** {@link #decodeGroups} reading memory directly (the caller checked the ranges). */
    private static boolean decodeGroupsInMemory(byte[] text, int from, int to, byte[] out) {
        Address t = Address.ofData(text);
        Address d = Address.ofData(digits);
        Address o = Address.ofData(out);
        for (int i = from; i < to; i += 4) {
            int group = d.add(t.add(i).getByte() & 0xff).getByte() << 18
                    | d.add(t.add(i + 1).getByte() & 0xff).getByte() << 12
                    | d.add(t.add(i + 2).getByte() & 0xff).getByte() << 6
                    | d.add(t.add(i + 3).getByte() & 0xff).getByte();
            if (group < 0) {
                return false;
            }
            o.putByte((byte) (group >> 16));
            o.add(1).putByte((byte) (group >> 8));
            o.add(2).putByte((byte) group);
            o = o.add(3);
        }
        return true;
    }

    private static byte[] digitTable() {
        byte[] table = new byte[256];
        for (int i = 0; i < table.length; i++) {
            table[i] = -1;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            table[alphabet.charAt(i)] = (byte) i;
        }
        return table;
    }
}
