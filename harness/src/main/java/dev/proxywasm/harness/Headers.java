package dev.proxywasm.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of HTTP header (or trailer, or gRPC metadata) name/value pairs, as Envoy hands
 * them to a plugin. Immutable; a name may appear more than once. Lookups ignore case, since Envoy
 * lower-cases every header name it receives.
 *
 * <pre>{@code
 * Headers h = Headers.of(":method", "GET", ":path", "/api", ":authority", "example.com");
 * h.get(":path");            // Optional[/api]
 * h.with("x-id", "1");       // a copy with one more header
 * }</pre>
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(List.of());

  private final List<Map.Entry<String, String>> entries;

  private Headers(List<Map.Entry<String, String>> entries) {
    this.entries = entries;
  }

  /** No headers. */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Headers from alternating names and values: {@code Headers.of("a", "1", "b", "2")}.
   *
   * @throws IllegalArgumentException when the count is odd or an element is null
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Headers.of takes name/value pairs, got an odd count: " + namesAndValues.length);
    }
    List<Map.Entry<String, String>> list = new ArrayList<>(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      list.add(entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new Headers(Collections.unmodifiableList(list));
  }

  /** Headers holding these pairs, in this order. */
  public static Headers of(List<Map.Entry<String, String>> pairs) {
    List<Map.Entry<String, String>> list = new ArrayList<>(pairs.size());
    for (Map.Entry<String, String> pair : pairs) {
      list.add(entry(pair.getKey(), pair.getValue()));
    }
    return new Headers(Collections.unmodifiableList(list));
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException("a header name or value is null: " + name + "=" + value);
    }
    return Map.entry(name, value);
  }

  /** The first value of {@code name} (case-insensitive), if present. */
  public Optional<String> get(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of {@code name} (case-insensitive), in order. */
  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        values.add(e.getValue());
      }
    }
    return values;
  }

  /** Whether {@code name} (case-insensitive) is present. */
  public boolean contains(String name) {
    return get(name).isPresent();
  }

  /** A copy with {@code name: value} appended. */
  public Headers with(String name, String value) {
    List<Map.Entry<String, String>> list = new ArrayList<>(entries);
    list.add(entry(name, value));
    return new Headers(Collections.unmodifiableList(list));
  }

  /** A copy without any {@code name} (case-insensitive). */
  public Headers without(String name) {
    List<Map.Entry<String, String>> list = new ArrayList<>(entries);
    list.removeIf(e -> e.getKey().equalsIgnoreCase(name));
    return new Headers(Collections.unmodifiableList(list));
  }

  /** A copy with every name lower-cased, as Envoy's codecs deliver headers. */
  Headers lowerCased() {
    List<Map.Entry<String, String>> list = new ArrayList<>(entries.size());
    for (Map.Entry<String, String> e : entries) {
      list.add(Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    }
    return new Headers(Collections.unmodifiableList(list));
  }

  /** The pairs, in order. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  /** The number of pairs. */
  public int size() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
