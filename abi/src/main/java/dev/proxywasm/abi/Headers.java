package dev.proxywasm.abi;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of header (or trailer, or gRPC metadata) pairs, as the host serialises them.
 * Names may repeat. Lookups ignore ASCII case, as HTTP does; Envoy hands names in lower case.
 */
public final class Headers {
    private final ArrayList<String> names;
    private final ArrayList<String> values;

    /** An empty list. */
    public Headers() {
        this(8);
    }

    /** An empty list with room for {@code expectedPairs} pairs. */
    public Headers(int expectedPairs) {
        names = new ArrayList<>(expectedPairs);
        values = new ArrayList<>(expectedPairs);
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
        return names.size();
    }

    /** Name of pair {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** Value of pair {@code i}. */
    public String value(int i) {
        return values.get(i);
    }

    /** The first value of {@code name}, or {@code null}. */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> getAll(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /** Appends a pair. */
    public Headers add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** Replaces every value of {@code name} with one pair at the place of the first. */
    public Headers set(String name, String value) {
        int first = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return add(name, value);
        }
        values.set(first, value);
        removeAfter(name, first + 1);
        return this;
    }

    /** Removes every pair named {@code name}. */
    public Headers remove(String name) {
        removeAfter(name, 0);
        return this;
    }

    private void removeAfter(String name, int from) {
        for (int i = names.size() - 1; i >= from; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers && names.equals(((Headers) o).names) && values.equals(((Headers) o).values);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append('}').toString();
    }
}
