package dev.proxywasm.plugins.cohortheader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Trimming and checking the bucket tester's answer, on the JVM. */
class CohortValueTest {

    private static CohortValue of(String body, int max) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return CohortValue.of(b, 0, b.length, max);
    }

    @Test
    void trimsTheTrailingNewlineOfHttpEcho() {
        assertEquals("dark-launch-7", of("dark-launch-7\n", 128).value());
        assertEquals("a b", of(" \t\r\na b\r\n\0", 128).value());
    }

    @Test
    void emptyOnceTrimmedIsEmpty() {
        CohortValue v = of(" \r\n ", 128);
        assertNull(v.value());
        assertEquals(Failure.EMPTY_VALUE, v.failure());
        assertEquals(Failure.EMPTY_VALUE, of("", 128).failure());
    }

    @Test
    void innerControlAndNonAsciiBytesAreInvalid() {
        CohortValue v = of("dark\nlaunch", 128);
        assertEquals(Failure.INVALID_VALUE, v.failure());
        assertEquals("the value contains byte 0x0a at offset 4", v.problem());
        assertEquals(Failure.INVALID_VALUE, of("caf\u00e9", 128).failure());
        assertEquals(Failure.INVALID_VALUE, of("a\tb", 128).failure());
        assertEquals(Failure.INVALID_VALUE, of("a\u007fb", 128).failure());
        assertEquals(Failure.INVALID_VALUE, CohortValue.of("caf\u00e9", 128).failure());
        assertEquals(Failure.INVALID_VALUE, CohortValue.of("\u2603", 128).failure());
    }

    @Test
    void lengthIsCountedAfterTrimming() {
        assertEquals("abc", of("  abc  ", 3).value());
        CohortValue v = of("abcd", 3);
        assertEquals(Failure.INVALID_VALUE, v.failure());
        assertEquals("the value is 4 bytes long, over max_value_length 3", v.problem());
    }

    @Test
    void readsFromAnOffset() {
        byte[] entry = "12345678 cohort ".getBytes(StandardCharsets.US_ASCII);
        assertEquals("cohort", CohortValue.of(entry, 8, entry.length - 8, 16).value());
    }
}
