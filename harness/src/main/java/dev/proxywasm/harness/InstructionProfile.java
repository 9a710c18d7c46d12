package dev.proxywasm.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a plugin's executed WebAssembly instructions went: each function's self instructions
 * (those run in its own body, not in the functions it called), from a host built with
 * {@link ProxyWasmHost.Builder#profileInstructions()}. An immutable snapshot of the counts since
 * the module was instantiated; subtract an earlier one to see a window, such as one request:
 *
 * <pre>{@code
 * InstructionProfile before = host.instructionProfile();
 * stream.sendRequestHeaders(headers, true);
 * System.out.println(host.instructionProfile().minus(before).top(40));
 * }</pre>
 *
 * <p>Functions are named from the module's {@code name} section ({@code func[<index>]} when a
 * function has no name). Counts are those of {@link CallCost#instructions()}: every instruction
 * counts one, whatever it costs on the machine.
 */
public final class InstructionProfile {
  private final List<String> functions;
  private final long[] self;

  /** {@code self[i]} is the count of {@code functions.get(i)}; labels are unique. */
  InstructionProfile(List<String> functions, long[] self) {
    this.functions = functions;
    this.self = self;
  }

  /** Instructions run in all functions together. */
  public long total() {
    long total = 0;
    for (long count : self) {
      total += count;
    }
    return total;
  }

  /**
   * Self instructions of the function named {@code function}; 0 when it did not run.
   *
   * @throws IllegalArgumentException when the module defines no function by that name
   */
  public long instructions(String function) {
    int i = functions.indexOf(function);
    if (i < 0) {
      throw new IllegalArgumentException("the module defines no function named \"" + function
          + "\" (names come from its name section; unnamed functions are func[<index>])");
    }
    return self[i];
  }

  /** Self instructions of every function that ran, most first (ties in function index order). */
  public Map<String, Long> byFunction() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i : ranked()) {
      counts.put(functions.get(i), self[i]);
    }
    return Collections.unmodifiableMap(counts);
  }

  /**
   * The instructions run since {@code earlier}, a snapshot of the same host taken before this one.
   *
   * @throws IllegalArgumentException when {@code earlier} comes from another module, or is later
   */
  public InstructionProfile minus(InstructionProfile earlier) {
    if (!functions.equals(earlier.functions)) {
      throw new IllegalArgumentException("the profiles are of different modules");
    }
    long[] difference = new long[self.length];
    for (int i = 0; i < self.length; i++) {
      difference[i] = self[i] - earlier.self[i];
      if (difference[i] < 0) {
        throw new IllegalArgumentException("the profile subtracted is not an earlier snapshot of"
            + " this one: " + functions.get(i) + " ran " + earlier.self[i] + " instructions there"
            + " but " + self[i] + " here");
      }
    }
    return new InstructionProfile(functions, difference);
  }

  /**
   * A table of the {@code n} functions that ran the most instructions: count, share of the total
   * and name, most first, then a line for the rest and the total.
   */
  public String top(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("a negative number of rows: " + n);
    }
    List<Integer> ranked = ranked();
    long total = total();
    int width = Math.max("instructions".length(), String.format(Locale.ROOT, "%,d", total).length());
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%" + width + "s %6s  %s%n", "instructions", "%", "function"));
    List<Integer> shown = ranked.subList(0, Math.min(n, ranked.size()));
    long rest = total;
    for (int i : shown) {
      row(table, width, self[i], total, functions.get(i));
      rest -= self[i];
    }
    if (shown.size() < ranked.size()) {
      row(table, width, rest, total, "(" + (ranked.size() - shown.size()) + " more functions)");
    }
    row(table, width, total, total, "total, in " + ranked.size() + " functions");
    return table.toString();
  }

  /** The table of every function that ran; see {@link #top(int)}. */
  @Override
  public String toString() {
    return top(Integer.MAX_VALUE);
  }

  private static void row(StringBuilder table, int width, long count, long total, String label) {
    double share = total == 0 ? 0 : 100.0 * count / total;
    table.append(String.format(Locale.ROOT, "%," + width + "d %5.1f%%  %s%n", count, share, label));
  }

  /** Indices of the functions that ran, most instructions first, ties in index order. */
  private List<Integer> ranked() {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < self.length; i++) {
      if (self[i] > 0) {
        ran.add(i);
      }
    }
    ran.sort(Comparator.comparingLong((Integer i) -> self[i]).reversed());
    return ran;
  }
}
