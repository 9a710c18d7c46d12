package dev.proxywasm.plugins.waflite.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Values by exact name, in the order added. Configuration tables hold a handful of entries, so
 * a linear search does, and costs the module far less code than a {@code HashMap} (~3.5 KB).
 */
final class NameTable<V> {
  private final List<String> names = new ArrayList<>();
  private final List<V> values = new ArrayList<>();

  /** Sets the value of {@code name}, replacing any earlier one. */
  void put(String name, V value) {
    int i = names.indexOf(name);
    if (i >= 0) {
      values.set(i, value);
    } else {
      names.add(name);
      values.add(value);
    }
  }

  /** The value of {@code name}, or null. */
  V get(String name) {
    int i = names.indexOf(name);
    return i < 0 ? null : values.get(i);
  }

  /** How many names there are. */
  int size() {
    return names.size();
  }

  /** The {@code i}-th name added. */
  String name(int i) {
    return names.get(i);
  }

  /** The value of the {@code i}-th name added. */
  V value(int i) {
    return values.get(i);
  }
}
