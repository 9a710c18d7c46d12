package dev.proxywasm.abi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxywasm.abi.Headers;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MapCodecTest {

    @Test
    void encodesTheSpecExample() {
        byte[] expected = {
            2, 0, 0, 0,
            1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0,
            'a', 0, '1', 0, 'b', 0, '2', '2', 0,
        };
        assertArrayEquals(expected, MapCodec.encode(Headers.of("a", "1", "b", "22")));
    }

    @Test
    void decodesWhatItEncodesIncludingUnicodeAndEmptyValues() {
        Headers h = Headers.of(":path", "/ä?x=✓", "empty", "", "emoji", "😀", "dup", "1", "dup", "2");
        byte[] wire = MapCodec.encode(h);
        assertEquals(h, MapCodec.decode(wire, 0, wire.length));
    }

    @Test
    void aKeptNameIsReturnedOnlyForTheSameBytes() {
        // Same length, first and last byte: the same cache slot, different names.
        for (String name : new String[] {"x-a-y", "x-b-y", "x-a-y", "X-a-y", "x-äy", "x-a-y"}) {
            byte[] wire = MapCodec.encode(Headers.of(name, "v", name, "w"));
            Headers h = MapCodec.decode(wire, 0, wire.length);
            assertEquals(Headers.of(name, "v", name, "w"), h);
        }
        // Far more names than slots, in random order and again: every slot is taken, evicted and
        // missed, and each name still decodes to itself.
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            String name = "x-" + Integer.toString(random.nextInt(700), 36) + (i % 3 == 0 ? "-name" : "");
            byte[] wire = MapCodec.encode(Headers.of(name, "v", "accept", "*/*"));
            assertEquals(Headers.of(name, "v", "accept", "*/*"), MapCodec.decode(wire, 0, wire.length));
        }
    }

    @Test
    void refusesARangeOutsideTheArray() {
        byte[] wire = MapCodec.encode(Headers.of("k", "v"));
        assertThrows(IndexOutOfBoundsException.class, () -> MapCodec.decode(wire, 1, wire.length));
        assertThrows(IndexOutOfBoundsException.class, () -> MapCodec.decode(wire, -1, 4));
    }

    @Test
    void emptyMapsMayBeZeroBytesOrOneZeroByte() {
        assertEquals(0, MapCodec.decode(new byte[0], 0, 0).size());
        assertEquals(0, MapCodec.decode(new byte[] {0}, 0, 1).size());
    }

    @Test
    void decodesAtAnOffset() {
        byte[] wire = MapCodec.encode(Headers.of("k", "v"));
        byte[] padded = new byte[wire.length + 7];
        System.arraycopy(wire, 0, padded, 5, wire.length);
        assertEquals(Headers.of("k", "v"), MapCodec.decode(padded, 5, wire.length));
    }

    @Test
    void truncatedOrLyingInputYieldsWhatFitsAndNeverThrows() {
        byte[] wire = MapCodec.encode(Headers.of("first", "1", "second", "2"));
        for (int len = 0; len < wire.length; len++) {
            Headers h = MapCodec.decode(wire, 0, len);
            assertEquals(true, h.size() <= 1, "length " + len);
        }
        byte[] lying = wire.clone();
        lying[0] = (byte) 0xff;
        lying[3] = (byte) 0x7f;
        MapCodec.decode(lying, 0, lying.length);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            MapCodec.decode(noise, 0, noise.length);
        }
    }
}
