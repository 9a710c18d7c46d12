package dev.proxywasm.harness;

import java.util.HashMap;
import java.util.Map;

/** The VM's shared key-value store with proxy-wasm-cpp-host's compare-and-swap rules. */
final class SharedData {
  /** A value and the CAS token it was stored under. */
  record Entry(byte[] value, int cas) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private int nextCas = 1;

  Entry get(String key) {
    return entries.get(key);
  }

  /**
   * Stores {@code value}. A non-zero {@code cas} must match the stored entry's token; a key that
   * does not exist yet accepts any {@code cas}, as in cpp-host.
   */
  Status set(String key, byte[] value, int cas) {
    Entry existing = entries.get(key);
    if (existing != null && cas != 0 && cas != existing.cas()) {
      return Status.CAS_MISMATCH;
    }
    entries.put(key, new Entry(value, nextCas()));
    return Status.OK;
  }

  private int nextCas() {
    int cas = nextCas++;
    if (nextCas == 0) {
      nextCas = 1;
    }
    return cas;
  }
}
