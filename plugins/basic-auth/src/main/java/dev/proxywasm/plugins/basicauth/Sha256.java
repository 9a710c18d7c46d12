package dev.proxywasm.plugins.basicauth;

/**
 * SHA-256 (FIPS 180-4). TeaVM's class library has no {@code MessageDigest}, so the guest carries
 * its own; it is checked against the JDK's implementation in the tests. Not thread-safe: one
 * instance per plugin, which a Wasm VM runs on a single thread.
 */
final class Sha256 {
    /** Digest length in bytes. */
    static final int LENGTH = 32;

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    private final int[] state = new int[8];
    private final int[] schedule = new int[64];
    private final byte[] block = new byte[64];
    private int blockFill;
    private long totalBytes;

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
        totalBytes += len;
        for (int i = off; i < off + len; i++) {
            block[blockFill++] = data[i];
            if (blockFill == 64) {
                compress();
                blockFill = 0;
            }
        }
    }

    private byte[] finish() {
        long bitLength = totalBytes * 8;
        block[blockFill++] = (byte) 0x80;
        if (blockFill > 56) {
            while (blockFill < 64) {
                block[blockFill++] = 0;
            }
            compress();
            blockFill = 0;
        }
        while (blockFill < 56) {
            block[blockFill++] = 0;
        }
        for (int i = 7; i >= 0; i--) {
            block[blockFill++] = (byte) (bitLength >>> (i * 8));
        }
        compress();
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            out[i * 4] = (byte) (state[i] >>> 24);
            out[i * 4 + 1] = (byte) (state[i] >>> 16);
            out[i * 4 + 2] = (byte) (state[i] >>> 8);
            out[i * 4 + 3] = (byte) state[i];
        }
        return out;
    }

    private void compress() {
        int[] w = schedule;
        for (int i = 0; i < 16; i++) {
            w[i] = (block[i * 4] & 0xff) << 24 | (block[i * 4 + 1] & 0xff) << 16
                    | (block[i * 4 + 2] & 0xff) << 8 | (block[i * 4 + 3] & 0xff);
        }
        for (int i = 16; i < 64; i++) {
            int s0 = Integer.rotateRight(w[i - 15], 7) ^ Integer.rotateRight(w[i - 15], 18) ^ (w[i - 15] >>> 3);
            int s1 = Integer.rotateRight(w[i - 2], 17) ^ Integer.rotateRight(w[i - 2], 19) ^ (w[i - 2] >>> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
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
            int t1 = h + s1 + ch + K[i] + w[i];
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
