package dev.proxywasm.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdTableTest {
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemovesIncludingCollidingIds() {
        Random random = new Random(3);
        IdTable<String> table = new IdTable<>();
        Map<Integer, String> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // Small ranges and multiples of 2^16 collide in the table's hash.
            int id = random.nextBoolean() ? random.nextInt(64) : random.nextInt(8) << 16;
            switch (random.nextInt(3)) {
                case 0:
                    table.put(id, "v" + i);
                    reference.put(id, "v" + i);
                    break;
                case 1:
                    assertEquals(reference.remove(id), table.remove(id));
                    break;
                default:
                    assertEquals(reference.get(id), table.get(id));
                    assertEquals(reference.containsKey(id), table.contains(id));
            }
        }
        for (Map.Entry<Integer, String> e : reference.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()));
        }
        assertNull(table.get(-1));
    }

    @Test
    void aRepeatedLookupSeesRemovalsAndReplacements() {
        IdTable<String> table = new IdTable<>();
        table.put(7, "a");
        assertEquals("a", table.get(7));
        assertEquals("a", table.get(7));
        table.put(7, "b");
        assertEquals("b", table.get(7));
        assertEquals("b", table.remove(7));
        assertNull(table.get(7));
        table.put(8, "c");
        table.put(7, "d");
        assertEquals("c", table.get(8));
        assertEquals("d", table.get(7));
    }
}
