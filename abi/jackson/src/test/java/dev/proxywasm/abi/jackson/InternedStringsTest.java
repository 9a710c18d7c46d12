package dev.proxywasm.abi.jackson;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class InternedStringsTest {
    @Test
    void returnsOneInstancePerContent() {
        String first = new String("field-name-" + 7);
        String second = new String("field-name-" + 7);
        assertNotSame(first, second);
        assertSame(InternedStrings.intern(first), InternedStrings.intern(second));
        assertSame(first, InternedStrings.intern(second));
    }
}
