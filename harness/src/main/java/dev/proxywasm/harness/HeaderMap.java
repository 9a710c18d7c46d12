package dev.proxywasm.harness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A header map as Envoy keeps it for a stream: ordered entries whose names are lower-cased on the
 * way in, with Envoy's add/replace/remove semantics.
 */
final class HeaderMap {
  private final List<Map.Entry<String, String>> entries = new ArrayList<>();

  HeaderMap() {}

  HeaderMap(Headers headers) {
    for (Map.Entry<String, String> e : headers.entries()) {
      add(e.getKey(), e.getValue());
    }
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The first value of {@code name}, or null. */
  String get(String name) {
    String key = lower(name);
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  void add(String name, String value) {
    entries.add(Map.entry(lower(name), value));
  }

  /** Envoy's {@code setCopy}: every existing entry of the name goes, one new entry is appended. */
  void replace(String name, String value) {
    remove(name);
    add(name, value);
  }

  void remove(String name) {
    String key = lower(name);
    entries.removeIf(e -> e.getKey().equals(key));
  }

  void setAll(List<Map.Entry<String, String>> pairs) {
    entries.clear();
    for (Map.Entry<String, String> e : pairs) {
      add(e.getKey(), e.getValue());
    }
  }

  List<Map.Entry<String, String>> entries() {
    return entries;
  }

  int size() {
    return entries.size();
  }

  /** Envoy's {@code byteSize()}: the bytes of every name and value, which is what it reports as the map size. */
  int byteSize() {
    int size = 0;
    for (Map.Entry<String, String> e : entries) {
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  Headers snapshot() {
    return Headers.of(entries);
  }
}
