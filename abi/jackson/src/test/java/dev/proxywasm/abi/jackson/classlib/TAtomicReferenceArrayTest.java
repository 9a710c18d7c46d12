package dev.proxywasm.abi.jackson.classlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.abi.jackson.classlib.java.util.concurrent.atomic.TAtomicReferenceArray;
import org.junit.jupiter.api.Test;

class TAtomicReferenceArrayTest {
    @Test
    void behavesLikeTheJdkClassOnOneThread() {
        String a = "a";
        String b = "b";
        TAtomicReferenceArray<String> array = new TAtomicReferenceArray<>(2);
        assertEquals(2, array.length());
        assertNull(array.getAndSet(0, a));
        assertSame(a, array.get(0));
        assertFalse(array.compareAndSet(0, new String("a"), b), "compares by identity");
        assertTrue(array.compareAndSet(0, a, b));
        array.lazySet(1, a);
        assertEquals("[b, a]", array.toString());
    }

    @Test
    void copiesTheArrayItStartsFrom() {
        String[] source = {"x", "y"};
        TAtomicReferenceArray<String> array = new TAtomicReferenceArray<>(source);
        source[0] = "changed";
        assertEquals("x", array.get(0));
    }
}
