package dev.proxywasm.plugins.basicauth;

/**
 * SHA-256 (FIPS 180-4). TeaVM's class library has no {@code MessageDigest}, so the guest carries
 * its own; it is checked against the JDK's implementation in the tests. Not thread-safe: one
 * instance per plugin, which a Wasm VM runs on a single thread.
 */
final class Sha256 {
    /** Digest length in bytes. */
    static final int LENGTH = 32;

    /**
     * The round constants K of FIPS 180-4 section 4.2.2, each as two chars (high half first): a
     * string constant is data in the module, where an int[] literal is an initialiser storing
     * 64 values one by one (and a check that it ran at every use of this class).
     */
    private static final String ROUND_CONSTANTS =
            "\u428a\u2f98\u7137\u4491\ub5c0\ufbcf\ue9b5\udba5"
            + "\u3956\uc25b\u59f1\u11f1\u923f\u82a4\uab1c\u5ed5"
            + "\ud807\uaa98\u1283\u5b01\u2431\u85be\u550c\u7dc3"
            + "\u72be\u5d74\u80de\ub1fe\u9bdc\u06a7\uc19b\uf174"
            + "\ue49b\u69c1\uefbe\u4786\u0fc1\u9dc6\u240c\ua1cc"
            + "\u2de9\u2c6f\u4a74\u84aa\u5cb0\ua9dc\u76f9\u88da"
            + "\u983e\u5152\ua831\uc66d\ub003\u27c8\ubf59\u7fc7"
            + "\uc6e0\u0bf3\ud5a7\u9147\u06ca\u6351\u1429\u2967"
            + "\u27b7\u0a85\u2e1b\u2138\u4d2c\u6dfc\u5338\u0d13"
            + "\u650a\u7354\u766a\u0abb\u81c2\uc92e\u9272\u2c85"
            + "\ua2bf\ue8a1\ua81a\u664b\uc24b\u8b70\uc76c\u51a3"
            + "\ud192\ue819\ud699\u0624\uf40e\u3585\u106a\ua070"
            + "\u19a4\uc116\u1e37\u6c08\u2748\u774c\u34b0\ubcb5"
            + "\u391c\u0cb3\u4ed8\uaa4a\u5b9c\uca4f\u682e\u6ff3"
            + "\u748f\u82ee\u78a5\u636f\u84c8\u7814\u8cc7\u0208"
            + "\u90be\ufffa\ua450\u6ceb\ubef9\ua3f7\uc671\u78f2";

    private final int[] k = new int[64];
    private final int[] state = new int[8];
    private final int[] schedule = new int[64];
    private final byte[] block = new byte[64];
    private int blockFill;
    private long totalBytes;

    Sha256() {
        for (int i = 0; i < 64; i++) {
            k[i] = ROUND_CONSTANTS.charAt(2 * i) << 16 | ROUND_CONSTANTS.charAt(2 * i + 1);
        }
    }

    /** The digest of {@code data[off, off + len)} followed by all of {@code suffix}. */
    byte[] digest(byte[] data, int off, int len, byte[] suffix) {
        reset();
        update(data, off, len);
        update(suffix, 0, suffix.length);
        return finish();
    }

    private void reset() {
        state[0] = 0x6a09e667;
        state[1] = 0xbb67ae85;
        state[2] = 0x3c6ef372;
        state[3] = 0xa54ff53a;
        state[4] = 0x510e527f;
        state[5] = 0x9b05688c;
        state[6] = 0x1f83d9ab;
        state[7] = 0x5be0cd19;
        blockFill = 0;
        totalBytes = 0;
    }

    private void update(byte[] data, int off, int len) {
        // Locals, not fields, in the loops: TeaVM reloads and re-checks a field at every use.
        byte[] block = this.block;
        int fill = blockFill;
        totalBytes += len;
        for (int i = off; i < off + len; i++) {
            block[fill++] = data[i];
            if (fill == 64) {
                compress();
                fill = 0;
            }
        }
        blockFill = fill;
    }

    private byte[] finish() {
        byte[] block = this.block;
        long bitLength = totalBytes * 8;
        int fill = blockFill;
        block[fill++] = (byte) 0x80;
        if (fill > 56) {
            while (fill < 64) {
                block[fill++] = 0;
            }
            compress();
            fill = 0;
        }
        while (fill < 56) {
            block[fill++] = 0;
        }
        for (int i = 7; i >= 0; i--) {
            block[fill++] = (byte) (bitLength >>> (i * 8));
        }
        compress();
        int[] state = this.state;
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            int word = state[i];
            out[i * 4] = (byte) (word >>> 24);
            out[i * 4 + 1] = (byte) (word >>> 16);
            out[i * 4 + 2] = (byte) (word >>> 8);
            out[i * 4 + 3] = (byte) word;
        }
        return out;
    }

    private void compress() {
        int[] w = schedule;
        int[] k = this.k;
        byte[] block = this.block;
        for (int i = 0; i < 16; i++) {
            w[i] = (block[i * 4] & 0xff) << 24 | (block[i * 4 + 1] & 0xff) << 16
                    | (block[i * 4 + 2] & 0xff) << 8 | (block[i * 4 + 3] & 0xff);
        }
        for (int i = 16; i < 64; i++) {
            int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
            int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        int[] state = this.state;
        int a = state[0];
        int b = state[1];
        int c = state[2];
        int d = state[3];
        int e = state[4];
        int f = state[5];
        int g = state[6];
        int h = state[7];
        for (int i = 0; i < 64; i++) {
            int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
            int ch = (e & f) ^ (~e & g);
            int t1 = h + s1 + ch + k[i] + w[i];
            int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
            int maj = (a & b) ^ (a & c) ^ (b & c);
            int t2 = s0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
