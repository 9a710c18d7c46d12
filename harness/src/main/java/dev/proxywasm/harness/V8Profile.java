package dev.proxywasm.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where V8 spent a {@link V8Benchmark} run's time, per function, from the CPU profile it
 * recorded ({@link V8Benchmark#cpuProfile}): each sample counts for the function on top of the
 * stack (its self time). Complements the harness's {@link InstructionProfile}: V8's time follows
 * calls, copies and allocation more closely than the number of instructions does.
 *
 * <pre>{@code
 * V8Benchmark.load(Path.of("target/plugin.named.wasm")).request(headers)
 *     .cpuProfile(Path.of("target/v8.cpuprofile")).run();
 * System.out.println(V8Profile.read(Path.of("target/v8.cpuprofile")).top(30));
 * }</pre>
 */
public final class V8Profile {
  private final Map<String, Long> samples;
  private final long total;

  private V8Profile(Map<String, Long> samples, long total) {
    this.samples = samples;
    this.total = total;
  }

  /**
   * Reads a {@code .cpuprofile} file written by {@code node --cpu-prof}. Functions without a
   * name (V8's own, like the garbage collector) are named as V8 names them, in parentheses.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a CPU profile
   */
  public static V8Profile read(Path cpuprofile) {
    Object json;
    try {
      json = Json.parse(Files.readString(cpuprofile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cpuprofile, e);
    }
    if (!(json instanceof Map<?, ?> profile) || !(profile.get("nodes") instanceof List<?> nodes)
        || !(profile.get("samples") instanceof List<?> sampled)) {
      throw new IllegalArgumentException(cpuprofile + " is not a V8 CPU profile");
    }
    Map<Long, String> names = new HashMap<>();
    for (Object n : nodes) {
      Map<?, ?> node = (Map<?, ?>) n;
      String name = (String) ((Map<?, ?>) node.get("callFrame")).get("functionName");
      names.put((Long) node.get("id"), name.isEmpty() ? "(anonymous)" : name);
    }
    Map<String, Long> samples = new HashMap<>();
    for (Object id : sampled) {
      samples.merge(names.get((Long) id), 1L, Long::sum);
    }
    return new V8Profile(samples, sampled.size());
  }

  /** The share (0 to 1) of samples with {@code function} on top of the stack. */
  public double share(String function) {
    return total == 0 ? 0 : samples.getOrDefault(function, 0L) / (double) total;
  }

  /** The functions by share, most first. */
  public List<String> functions() {
    List<String> functions = new ArrayList<>(samples.keySet());
    functions.sort((a, b) -> Long.compare(samples.get(b), samples.get(a)));
    return functions;
  }

  /** The {@code n} functions with the most samples, one per line: share and name. */
  public String top(int n) {
    StringBuilder out = new StringBuilder("   self  function (V8 CPU profile, ").append(total).append(" samples)\n");
    List<String> functions = functions();
    for (int i = 0; i < Math.min(n, functions.size()); i++) {
      out.append(String.format("%6.1f%%  %s%n", 100 * share(functions.get(i)), functions.get(i)));
    }
    return out.toString();
  }
}
