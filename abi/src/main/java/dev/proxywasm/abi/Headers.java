package dev.proxywasm.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of header (or trailer, or gRPC metadata) pairs, as the host serialises them.
 * Names may repeat. Lookups ignore ASCII case, as HTTP does; Envoy hands names in lower case.
 */
public final class Headers {
    /** Name of pair i at 2i, its value at 2i + 1: one array, no per-pair objects or list calls. */
    private String[] pairs;
    private int size;

    /** An empty list. */
    public Headers() {
        this(8);
    }

    /** An empty list with room for {@code expectedPairs} pairs. */
    public Headers(int expectedPairs) {
        pairs = new String[2 * Math.max(expectedPairs, 1)];
    }

    /** A list of the given name/value pairs: {@code of(":method", "GET", ":path", "/")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of needs name/value pairs, got an odd count");
        }
        Headers h = new Headers(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return h;
    }

    /** Number of pairs. */
    public int size() {
        return size;
    }

    /** Name of pair {@code i}. */
    public String name(int i) {
        return pairs[2 * index(i)];
    }

    /** Value of pair {@code i}. */
    public String value(int i) {
        return pairs[2 * index(i) + 1];
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException();
        }
        return i;
    }

    /** The first value of {@code name}, or {@code null}. */
    public String get(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> getAll(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            found.add(pairs[2 * i + 1]);
        }
        return found;
    }

    /** Appends a pair. */
    public Headers add(String name, String value) {
        if (2 * size == pairs.length) {
            String[] grown = new String[2 * pairs.length];
            System.arraycopy(pairs, 0, grown, 0, pairs.length);
            pairs = grown;
        }
        pairs[2 * size] = name;
        pairs[2 * size + 1] = value;
        size++;
        return this;
    }

    /** Replaces every value of {@code name} with one pair at the place of the first. */
    public Headers set(String name, String value) {
        int first = indexOf(name, 0);
        if (first < 0) {
            return add(name, value);
        }
        pairs[2 * first + 1] = value;
        removeFrom(name, first + 1);
        return this;
    }

    /** Removes every pair named {@code name}. */
    public Headers remove(String name) {
        removeFrom(name, 0);
        return this;
    }

    /** The index of the first pair named {@code name} (ASCII case ignored) from {@code from}, or -1. */
    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (pairs[2 * i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes the pairs named {@code name} from index {@code from} on, keeping the others in order. */
    private void removeFrom(String name, int from) {
        int kept = from;
        for (int i = from; i < size; i++) {
            if (!pairs[2 * i].equalsIgnoreCase(name)) {
                pairs[2 * kept] = pairs[2 * i];
                pairs[2 * kept + 1] = pairs[2 * i + 1];
                kept++;
            }
        }
        for (int i = 2 * kept; i < 2 * size; i++) {
            pairs[i] = null;
        }
        size = kept;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers) || ((Headers) o).size != size) {
            return false;
        }
        String[] other = ((Headers) o).pairs;
        for (int i = 0; i < 2 * size; i++) {
            if (!Objects.equals(pairs[i], other[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < 2 * size; i++) {
            hash = 31 * hash + Objects.hashCode(pairs[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs[2 * i]).append(": ").append(pairs[2 * i + 1]);
        }
        return sb.append('}').toString();
    }
}
