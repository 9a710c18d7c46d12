package dev.proxywasm.abi;

/**
 * Ids (context ids, call ids) to objects. Open addressing with linear probing over plain int
 * keys: no boxing and far less code in the module than {@code HashMap<Integer, V>}. A slot is
 * in use when it holds a value, so values must not be null.
 */
final class IdTable<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;
    /**
     * The last id found or added and its value (null: none): the host calls the same context
     * several times in a row (create, headers, body, done, delete), so most lookups stop here.
     */
    private int lastId;
    private Object lastValue;

    @SuppressWarnings("unchecked")
    V get(int id) {
        if (lastValue != null && lastId == id) {
            return (V) lastValue;
        }
        int i = find(id);
        if (i < 0) {
            return null;
        }
        lastId = id;
        lastValue = values[i];
        return value(i);
    }

    boolean contains(int id) {
        return find(id) >= 0;
    }

    /** Maps {@code id} to {@code value}, which must not be null. */
    void put(int id, V value) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int[] keys = this.keys;
        Object[] values = this.values;
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] != null && keys[i] != id) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            keys[i] = id;
            size++;
        }
        values[i] = value;
        lastId = id;
        lastValue = value;
    }

    /** Removes {@code id}; returns what it mapped to, or null. */
    V remove(int id) {
        int i = find(id);
        if (i < 0) {
            return null;
        }
        V removed = value(i);
        if (lastId == id) {
            lastValue = null;
        }
        int[] keys = this.keys;
        Object[] values = this.values;
        int mask = keys.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = i;
        int j = (i + 1) & mask;
        while (values[j] != null) {
            int home = slot(keys[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        values[hole] = null;
        size--;
        return removed;
    }

    private int find(int id) {
        int[] keys = this.keys;
        Object[] values = this.values;
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] != null) {
            if (keys[i] == id) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int slot(int id, int mask) {
        return (id * 0x9e3779b9) >>> 16 & mask;
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }
}
