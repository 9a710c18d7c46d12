package dev.proxywasm.abi.internal;

import dev.proxywasm.abi.Headers;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * The Proxy-Wasm wire format of header maps: a little-endian u32 pair count, then a u32 key
 * length and a u32 value length per pair, then every key and value, each followed by a NUL.
 * An empty map may arrive as zero bytes or as a single zero byte.
 */
public final class MapCodec {
    // Compile-time constants and fields without initialisers: no static initialiser, so TeaVM
    // checks none at each call.
    private static final int NAME_SLOT_BITS = 8;
    private static final int NAME_SLOTS = 1 << NAME_SLOT_BITS;
    private static final int MAX_CACHED_NAME = 64;
    private static byte[][] cachedNameBytes;
    private static String[] cachedNames;

    private MapCodec() {
    }

    /**
     * Decodes a serialised map. Truncated or inconsistent input (a host bug or hostile bytes)
     * yields the pairs that fit and never reads outside {@code [off, off + len)}.
     */
    public static Headers decode(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            // Checked here since the Wasm build reads the sizes without array checks.
            throw new IndexOutOfBoundsException();
        }
        if (len < 4) {
            return new Headers(0);
        }
        int end = off + len;
        int count = readInt(buf, off);
        if (count < 0 || count > (len - 4) / 8) {
            count = Math.max(0, Math.min(count, (len - 4) / 8));
        }
        Headers h = new Headers(count);
        int sizes = off + 4;
        int data = sizes + count * 8;
        for (int i = 0; i < count; i++) {
            int keyLen = readInt(buf, sizes + i * 8);
            int valueLen = readInt(buf, sizes + i * 8 + 4);
            if (keyLen < 0 || valueLen < 0 || (long) data + keyLen + valueLen + 2 > end) {
                break;
            }
            String key = name(buf, data, keyLen);
            data += keyLen + 1;
            String value = Utf8.decode(buf, data, valueLen);
            data += valueLen + 1;
            h.add(key, value);
        }
        return h;
    }

    /**
     * The name at {@code buf[off..off+len)} (inside the array): the String decoded for the same
     * bytes before when the cache still holds it. Hosts send the same few header names with
     * every request, and JSON bodies of one API the same member names ({@link
     * dev.proxywasm.abi.json.JsonNames}): a kept name costs a compare instead of a decode, two
     * arrays and a String, and comes back as the same String. A name may sit in the slot its
     * hash picks or the next; a new name takes the next when it is free, else the first, so
     * hostile names cost a miss each and the cache stays small.
     */
    public static String name(byte[] buf, int off, int len) {
        if (len < 1 || len > MAX_CACHED_NAME) {
            return Utf8.decode(buf, off, len);
        }
        if (cachedNames == null) {
            cachedNameBytes = new byte[NAME_SLOTS][];
            cachedNames = new String[NAME_SLOTS];
        }
        // The first and the last four bytes and the length tell the usual names apart (the
        // length and the ends alone do not: accept-language, accept-encoding); a shorter name
        // is told by its first and last bytes.
        int ends = len < 4 ? buf[off] * 31 + buf[off + len - 1] : readInt(buf, off) * 31 + readInt(buf, off + len - 4);
        int slot = (ends * 31 + len) * 0x9e3779b1 >>> (32 - NAME_SLOT_BITS);
        // Two slots per name, so that two names hashing alike do not evict each other forever.
        int free = slot;
        for (int probe = 0; probe < 2; probe++) {
            int at = (slot + probe) & (NAME_SLOTS - 1);
            byte[] kept = cachedNameBytes[at];
            if (kept == null) {
                // Slots are filled in order and never emptied: the name is in neither.
                free = at;
                break;
            } else if (kept.length == len && sameBytes(kept, buf, off, len)) {
                return cachedNames[at];
            }
        }
        slot = free;
        String name = Utf8.decode(buf, off, len);
        byte[] bytes = new byte[len];
        if (PlatformDetector.isWebAssembly()) {
            // One memory.copy (addresses taken after the allocation) instead of arraycopy's checks.
            Address.moveMemoryBlock(Address.ofData(buf).add(off), Address.ofData(bytes), len);
        } else {
            System.arraycopy(buf, off, bytes, 0, len);
        }
        cachedNameBytes[slot] = bytes;
        cachedNames[slot] = name;
        return name;
    }

    /** Whether {@code kept} (of length {@code len}) equals {@code buf[off..off+len)}, a range checked by the caller. */
    private static boolean sameBytes(byte[] kept, byte[] buf, int off, int len) {
        int i = 0;
        if (PlatformDetector.isWebAssembly()) {
            // Four bytes per compare, raw loads: nothing allocates here, so neither array moves.
            Address a = Address.ofData(kept);
            Address b = Address.ofData(buf).add(off);
            for (; i + 4 <= len; i += 4) {
                if (a.add(i).getInt() != b.add(i).getInt()) {
                    return false;
                }
            }
            for (; i < len; i++) {
                if (a.add(i).getByte() != b.add(i).getByte()) {
                    return false;
                }
            }
            return true;
        }
        for (; i < len; i++) {
            if (kept[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Serialises {@code headers}. Each string is encoded once (names through the header-name
     * cache, since filters send the same few names again and again), then laid out.
     */
    public static byte[] encode(Headers headers) {
        int n = headers.size();
        byte[][] parts = new byte[2 * n][];
        int size = 4 + 8 * n;
        for (int i = 0; i < n; i++) {
            byte[] name = HostCalls.headerName(headers.name(i));
            byte[] value = Utf8.encode(headers.value(i));
            parts[2 * i] = name;
            parts[2 * i + 1] = value;
            size += name.length + value.length + 2;
        }
        byte[] out = new byte[size];
        writeInt(out, 0, n);
        int data = 4 + 8 * n;
        for (int i = 0; i < 2 * n; i++) {
            byte[] part = parts[i];
            writeInt(out, 4 + 4 * i, part.length);
            if (PlatformDetector.isWebAssembly()) {
                // One memory.copy into the array sized above, without arraycopy's checks.
                Address.moveMemoryBlock(Address.ofData(part), Address.ofData(out).add(data), part.length);
            } else {
                System.arraycopy(part, 0, out, data, part.length);
            }
            data += part.length + 1;
        }
        return out;
    }

    static int readInt(byte[] b, int i) {
        if (PlatformDetector.isWebAssembly()) {
            // One unaligned little-endian load, as Wasm is; callers check the range first.
            return Address.ofData(b).add(i).getInt();
        }
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    static void writeInt(byte[] b, int i, int v) {
        if (PlatformDetector.isWebAssembly()) {
            // One unaligned little-endian store (smaller and cheaper than four checked ones);
            // callers write inside arrays they sized.
            Address.ofData(b).add(i).putInt(v);
            return;
        }
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
