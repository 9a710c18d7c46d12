package dev.proxywasm.plugins.basicauth;

/** Comparisons whose running time does not depend on where the inputs first differ. */
final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Whether {@code presented[off, off + len)} equals {@code expected}. Runs over the whole of
     * {@code expected} whatever is presented, so the time reveals at most the expected length.
     */
    static boolean equal(byte[] presented, int off, int len, byte[] expected) {
        int diff = len ^ expected.length;
        for (int i = 0; i < expected.length; i++) {
            int p = i < len ? presented[off + i] : 0;
            diff |= p ^ expected[i];
        }
        return diff == 0;
    }
}
