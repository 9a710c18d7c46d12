package dev.proxywasm.plugins.basicauth;

/** Comparisons whose running time does not depend on where the inputs first differ. */
final class ConstantTime {
    private ConstantTime() {
    }

    /**
     * Whether {@code presented} equals {@code expected}. Runs over the whole of {@code expected}
     * whatever is presented, so the time reveals at most the expected length.
     */
    static boolean equal(byte[] presented, byte[] expected) {
        int diff = presented.length ^ expected.length;
        // With another length the loop still runs, over expected itself, and the result stays false.
        byte[] source = diff == 0 ? presented : expected;
        // Both arrays bound the loop, so TeaVM checks no index inside it (the lengths are equal).
        for (int i = 0; i < source.length && i < expected.length; i++) {
            diff |= source[i] ^ expected[i];
        }
        return diff == 0;
    }
}
