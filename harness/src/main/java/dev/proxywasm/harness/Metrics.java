package dev.proxywasm.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's metrics, with Envoy's ids and rules: ids carry the type in their two low bits,
 * defining a name twice gives a new id for the same metric, counters only go up.
 */
final class Metrics {
  static final int COUNTER = 0;
  static final int GAUGE = 1;
  static final int HISTOGRAM = 2;
  private static final int TYPE_MASK = 3;
  private static final int ID_INCREMENT = 4;

  /** One metric. A histogram keeps every recorded value. */
  static final class Metric {
    final String name;
    final int type;
    long value;
    final List<Long> recorded = new ArrayList<>();

    Metric(String name, int type) {
      this.name = name;
      this.type = type;
    }
  }

  private final Map<String, Metric> byName = new LinkedHashMap<>();
  private final Map<Integer, Metric> byId = new HashMap<>();
  private final int[] nextId = {COUNTER, GAUGE, HISTOGRAM};

  /** Defines a metric; the id is returned, or -1 for an unknown type (BadArgument). */
  int define(int type, String name) {
    if (type < COUNTER || type > HISTOGRAM) {
      return -1;
    }
    Metric metric = byName.computeIfAbsent(type + ":" + name, k -> new Metric(name, type));
    nextId[type] += ID_INCREMENT;
    byId.put(nextId[type], metric);
    return nextId[type];
  }

  Status increment(int id, long delta) {
    int type = id & TYPE_MASK;
    if (type == HISTOGRAM || type == TYPE_MASK) {
      return Status.BAD_ARGUMENT;
    }
    Metric metric = byId.get(id);
    if (metric == null) {
      return Status.NOT_FOUND;
    }
    if (type == COUNTER && delta <= 0) {
      return Status.BAD_ARGUMENT;
    }
    metric.value += delta;
    return Status.OK;
  }

  Status record(int id, long value) {
    Metric metric = byId.get(id);
    if (metric == null || (id & TYPE_MASK) == TYPE_MASK) {
      return Status.NOT_FOUND;
    }
    switch (metric.type) {
      case COUNTER -> metric.value += value;
      case GAUGE -> metric.value = value;
      default -> metric.recorded.add(value);
    }
    return Status.OK;
  }

  /**
   * Whether {@code proxy_get_metric} can read {@code id}: OK, NOT_FOUND, or BAD_ARGUMENT for a
   * histogram id (Envoy does not read histograms back).
   */
  Status readable(int id) {
    int type = id & TYPE_MASK;
    if (type == HISTOGRAM || type == TYPE_MASK) {
      return Status.BAD_ARGUMENT;
    }
    return byId.containsKey(id) ? Status.OK : Status.NOT_FOUND;
  }

  Metric byId(int id) {
    return byId.get(id);
  }

  /** Every metric by name (a name defined with two types appears once per type). */
  List<Metric> all() {
    return List.copyOf(byName.values());
  }
}
