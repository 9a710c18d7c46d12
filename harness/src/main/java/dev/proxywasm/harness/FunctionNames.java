package dev.proxywasm.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Function names from a module's {@code name} custom section (subsection 1), which wasm-ld writes
 * and binaryen keeps only with {@code -g} (so clang's own wasm-opt run at {@code -O1} and above
 * drops it). TeaVM writes one only when not minifying, and lists its functions out of index order
 * (wabt warns about it; the order does not matter here).
 */
final class FunctionNames {
  private static final int SECTION_CUSTOM = 0;
  private static final int SUBSECTION_FUNCTIONS = 1;

  private final Map<Long, String> byIndex;

  private FunctionNames(Map<Long, String> byIndex) {
    this.byIndex = byIndex;
  }

  /**
   * Reads the names of {@code wasm}; none when it has no name section.
   *
   * @throws IllegalArgumentException when its name section is malformed
   */
  static FunctionNames read(byte[] wasm) {
    Map<Long, String> names = new HashMap<>();
    WasmReader sections = new WasmReader(wasm, 8, wasm.length);
    while (!sections.atEnd()) {
      int id = sections.u8();
      int size = (int) sections.u32();
      int start = sections.position();
      sections.skip(size);
      if (id != SECTION_CUSTOM) {
        continue;
      }
      WasmReader section = new WasmReader(wasm, start, start + size);
      if (section.name().equals("name")) {
        try {
          readFunctionNames(wasm, section, names);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the module's name section is malformed: "
              + e.getMessage(), e);
        }
      }
    }
    return new FunctionNames(names);
  }

  private static void readFunctionNames(byte[] wasm, WasmReader in, Map<Long, String> names) {
    while (!in.atEnd()) {
      int subsection = in.u8();
      int size = (int) in.u32();
      int start = in.position();
      in.skip(size);
      if (subsection == SUBSECTION_FUNCTIONS) {
        WasmReader entries = new WasmReader(wasm, start, start + size);
        long count = entries.u32();
        for (long i = 0; i < count; i++) {
          long index = entries.u32();
          names.put(index, entries.name());
        }
      }
    }
  }

  /**
   * A label for each of the {@code count} functions from index {@code first}: its name, or
   * {@code func[<index>]} when it has none. The name section does not promise unique names, so a
   * name already used by a lower index gets the index added ({@code name func[<index>]}).
   */
  List<String> labels(long first, int count) {
    List<String> labels = new ArrayList<>(count);
    Set<String> taken = new HashSet<>();
    for (long f = first; f < first + count; f++) {
      String index = "func[" + f + "]";
      String label = byIndex.getOrDefault(f, index);
      labels.add(taken.add(label) ? label : label + " " + index);
    }
    return labels;
  }
}
