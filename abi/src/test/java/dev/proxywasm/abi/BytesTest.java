package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JVM path of {@link Bytes}; plugins' Wasm tests run the in-memory path. */
class BytesTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void regionMatchesComparesRangesAndRefusesRangesOutsideTheArrays() {
        assertTrue(Bytes.regionMatches(bytes("/api/items"), 0, bytes("/api"), 0, 4));
        assertTrue(Bytes.regionMatches(bytes("x.json"), 1, bytes(".json"), 0, 5));
        assertFalse(Bytes.regionMatches(bytes("/apx"), 0, bytes("/api"), 0, 4));
        assertTrue(Bytes.regionMatches(bytes(""), 0, bytes(""), 0, 0));
        assertFalse(Bytes.regionMatches(bytes("/ap"), 0, bytes("/api"), 0, 4));
        assertFalse(Bytes.regionMatches(bytes("/api"), -1, bytes("/api"), 0, 1));
        assertFalse(Bytes.regionMatches(bytes("/api"), 0, bytes("/api"), 0, -1));
        assertFalse(Bytes.regionMatches(bytes("/api"), 2, bytes("/api"), 0, Integer.MAX_VALUE));
    }

    @Test
    void constantTimeEqualsIsEqualityOfWholeArrays() {
        assertTrue(Bytes.constantTimeEquals(bytes("ok:test"), bytes("ok:test")));
        assertFalse(Bytes.constantTimeEquals(bytes("ok:tesT"), bytes("ok:test")));
        assertFalse(Bytes.constantTimeEquals(bytes("ok:test "), bytes("ok:test")));
        assertFalse(Bytes.constantTimeEquals(bytes("ok:tes"), bytes("ok:test")));
        assertFalse(Bytes.constantTimeEquals(bytes(""), bytes("ok:test")));
        assertTrue(Bytes.constantTimeEquals(bytes(""), bytes("")));
    }

    @Test
    void indexOfFindsTheFirstOccurrenceInTheRange() {
        assertEquals(2, Bytes.indexOf(bytes("ok:a:b"), ':', 0, 6));
        assertEquals(4, Bytes.indexOf(bytes("ok:a:b"), ':', 3, 6));
        assertEquals(-1, Bytes.indexOf(bytes("ok:a:b"), ':', 5, 6));
        assertEquals(-1, Bytes.indexOf(bytes("okab"), ':', 0, 4));
        assertEquals(-1, Bytes.indexOf(bytes("ok:"), ':', 0, 4));
        assertEquals(0, Bytes.indexOf(new byte[] {(byte) 0xff}, (byte) 0xff, 0, 1));
    }

    @Test
    void hashCodeOfARangeIsArraysHashCodeOfThatRange() {
        Random random = new Random(7);
        for (int n = 0; n < 50; n++) {
            byte[] a = new byte[n + 5];
            random.nextBytes(a);
            assertEquals(Arrays.hashCode(Arrays.copyOfRange(a, 2, 2 + n)), Bytes.hashCode(a, 2, 2 + n));
        }
        assertEquals(0, Bytes.hashCode(new byte[3], 2, 4));
    }

    @Test
    void latin1IsOneCharPerByteAndIsAsciiLooksForAHighBit() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertEquals(new String(all, StandardCharsets.ISO_8859_1), Bytes.latin1(all));
        assertEquals("", Bytes.latin1(new byte[0]));
        assertFalse(Bytes.isAscii(all));
        assertTrue(Bytes.isAscii(Arrays.copyOf(all, 128)));
        assertTrue(Bytes.isAscii(new byte[0]));
    }
}
