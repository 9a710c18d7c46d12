package dev.proxywasm.harness;

/**
 * Reads the guest's linear-memory size. The harness has no public accessor for it yet, so this
 * test-only class sits in the harness package and measures it through the package-private
 * bounds check (binary search over {@code contains}); replace it once the harness offers one.
 */
public final class LinearMemoryProbe {
  private LinearMemoryProbe() {}

  /** Current size of the plugin's linear memory in bytes. */
  public static long bytes(ProxyWasmHost host) {
    GuestMemory memory = host.memory();
    long low = 0;
    long high = 1L << 32;
    while (low < high) {
      long mid = (low + high + 1) >>> 1;
      if (memory.contains(0, (int) Math.min(mid, 0xffffffffL))) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
