package dev.proxywasm.harness;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a module count the WebAssembly instructions it executes, the deterministic cost measure
 * wasmtime-java 0.19.0 lacks (it exposes no fuel). Adds a mutable i64 global, and at the start of
 * every straight-line run of instructions (function entry, and after each {@code loop},
 * {@code if}, {@code else}, {@code end} and branch) adds the run's length to it; an added export
 * reads it. Indices of existing functions, globals and types do not change, so the module behaves
 * as before, only slower.
 *
 * <p>When profiling, every defined function also gets a global of its own that each of its runs
 * adds to as well (its self cost). wasmtime-java 0.19.0 cannot read exported globals (its
 * {@code Instance} finds only functions and memories), so added functions return them, up to
 * {@link #SELF_READER_SIZE} at a time as multiple results: one call per thousand functions.
 */
final class InstructionCounter {
  /** The export, {@code () -> i64}, that returns the count so far. */
  static final String EXPORT = "__proxywasm_harness_instructions";
  /**
   * When profiling, export {@code <prefix><n>} returns, as i64 results, the self counts of defined
   * functions {@code n * SELF_READER_SIZE} onwards, in function index order.
   */
  static final String SELF_READER_PREFIX = "__proxywasm_harness_self_";
  /** Results per self-count reader: the most a function may return in wasmtime. */
  static final int SELF_READER_SIZE = 1000;

  private static final int SECTION_TYPE = 1;
  private static final int SECTION_FUNCTION = 3;
  private static final int SECTION_GLOBAL = 6;
  private static final int SECTION_EXPORT = 7;
  private static final int SECTION_CODE = 10;
  private static final byte[] I64_GLOBAL = {0x7e, 0x01, 0x42, 0x00, 0x0b}; // mut i64 = i64.const 0

  private InstructionCounter() {}

  /** A section of the input: its id and where its contents lie. */
  private record Section(int id, int start, int end) {}

  /** Where the added counters live: the total's global, then one per defined function if profiling. */
  private record Counters(long total, boolean profile) {
    long self(long definedFunction) {
      return total + 1 + definedFunction;
    }
  }

  /**
   * The module, counting its instructions and, with {@code profile}, each defined function's
   * self instructions too.
   */
  static byte[] instrument(byte[] wasm, boolean profile) {
    List<Section> sections = new ArrayList<>();
    WasmReader in = new WasmReader(wasm, 8, wasm.length);
    while (!in.atEnd()) {
      int id = in.u8();
      int size = (int) in.u32();
      sections.add(new Section(id, in.position(), in.position() + size));
      in.skip(size);
    }
    long types = count(wasm, sections, SECTION_TYPE);
    long definedFunctions = count(wasm, sections, SECTION_FUNCTION);
    long definedGlobals = count(wasm, sections, SECTION_GLOBAL);
    long importedFunctions = 0;
    long importedGlobals = 0;
    for (WasmModuleInfo.Import i : WasmModuleInfo.read(wasm).imports) {
      importedFunctions += i.kind() == 0 ? 1 : 0;
      importedGlobals += i.kind() == 3 ? 1 : 0;
    }
    Counters counters = new Counters(importedGlobals + definedGlobals, profile);
    long readerFunction = importedFunctions + definedFunctions;
    long selfReaders = profile ? selfReaders(definedFunctions) : 0;

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(wasm, 0, 8);
    boolean globalsWritten = false;
    for (Section s : sections) {
      boolean afterGlobals = s.id() == SECTION_EXPORT || s.id() == 8 || s.id() == 9
          || s.id() == 12 || s.id() == SECTION_CODE || s.id() == 11;
      if (!globalsWritten && (s.id() == SECTION_GLOBAL || afterGlobals)) {
        List<byte[]> globals = new ArrayList<>();
        globals.add(I64_GLOBAL);
        for (long f = 0; profile && f < definedFunctions; f++) {
          globals.add(I64_GLOBAL);
        }
        section(out, SECTION_GLOBAL, append(wasm, s.id() == SECTION_GLOBAL ? s : null, globals));
        globalsWritten = true;
        if (s.id() == SECTION_GLOBAL) {
          continue;
        }
      }
      switch (s.id()) {
        case SECTION_TYPE -> {
          List<byte[]> added = new ArrayList<>();
          added.add(new byte[] {0x60, 0x00, 0x01, 0x7e});
          for (long r = 0; r < selfReaders; r++) {
            added.add(i64ResultsType(selfReaderSize(definedFunctions, r)));
          }
          section(out, s.id(), append(wasm, s, added));
        }
        case SECTION_FUNCTION -> {
          List<byte[]> added = new ArrayList<>();
          for (long r = 0; r <= selfReaders; r++) {
            added.add(u32(types + r));
          }
          section(out, s.id(), append(wasm, s, added));
        }
        case SECTION_EXPORT -> {
          List<byte[]> added = new ArrayList<>();
          added.add(functionExport(EXPORT, readerFunction));
          for (long r = 0; r < selfReaders; r++) {
            added.add(functionExport(SELF_READER_PREFIX + r, readerFunction + 1 + r));
          }
          section(out, s.id(), append(wasm, s, added));
        }
        case SECTION_CODE -> section(out, s.id(), code(wasm, s, counters, selfReaders));
        default -> section(out, s.id(), java.util.Arrays.copyOfRange(wasm, s.start(), s.end()));
      }
    }
    return out.toByteArray();
  }

  /** How many self-count readers {@code definedFunctions} functions need. */
  static long selfReaders(long definedFunctions) {
    return (definedFunctions + SELF_READER_SIZE - 1) / SELF_READER_SIZE;
  }

  private static long selfReaderSize(long definedFunctions, long reader) {
    return Math.min(SELF_READER_SIZE, definedFunctions - reader * SELF_READER_SIZE);
  }

  private static byte[] i64ResultsType(long results) {
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    type.write(0x60);
    type.write(0x00);
    type.writeBytes(u32(results));
    for (long i = 0; i < results; i++) {
      type.write(0x7e);
    }
    return type.toByteArray();
  }

  private static byte[] functionExport(String name, long function) {
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    export.writeBytes(u32(bytes.length));
    export.writeBytes(bytes);
    export.write(0);
    export.writeBytes(u32(function));
    return export.toByteArray();
  }

  private static long count(byte[] wasm, List<Section> sections, int id) {
    for (Section s : sections) {
      if (s.id() == id) {
        return new WasmReader(wasm, s.start(), s.end()).u32();
      }
    }
    return 0;
  }

  /** A vector section's contents with more elements; {@code s} is null when there is none yet. */
  private static byte[] append(byte[] wasm, Section s, List<byte[]> elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (s == null) {
      out.writeBytes(u32(elements.size()));
    } else {
      WasmReader in = new WasmReader(wasm, s.start(), s.end());
      long n = in.u32();
      out.writeBytes(u32(n + elements.size()));
      out.write(wasm, in.position(), s.end() - in.position());
    }
    elements.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] contents) {
    out.write(id);
    out.writeBytes(u32(contents.length));
    out.writeBytes(contents);
  }

  private static byte[] code(byte[] wasm, Section s, Counters counters, long selfReaders) {
    WasmReader in = new WasmReader(wasm, s.start(), s.end());
    long n = in.u32();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(u32(n + 1 + selfReaders));
    for (long f = 0; f < n; f++) {
      int size = (int) in.u32();
      int start = in.position();
      byte[] body = body(wasm, start, start + size, counters, f);
      out.writeBytes(u32(body.length));
      out.writeBytes(body);
      in.skip(size);
    }
    writeReader(out, counters.total(), 1);
    for (long r = 0; r < selfReaders; r++) {
      writeReader(out, counters.self(r * SELF_READER_SIZE), selfReaderSize(n, r));
    }
    return out.toByteArray();
  }

  /** A function with no locals returning globals {@code first} to {@code first + count - 1}. */
  private static void writeReader(ByteArrayOutputStream out, long first, long count) {
    ByteArrayOutputStream reader = new ByteArrayOutputStream();
    reader.write(0);
    for (long g = first; g < first + count; g++) {
      reader.write(0x23); // global.get
      reader.writeBytes(u32(g));
    }
    reader.write(0x0b);
    out.writeBytes(u32(reader.size()));
    out.writeBytes(reader.toByteArray());
  }

  /** Defined function {@code function}'s body with the counter updates inserted. */
  private static byte[] body(byte[] wasm, int start, int end, Counters counters, long function) {
    WasmReader in = new WasmReader(wasm, start, end);
    long localGroups = in.u32();
    for (long g = 0; g < localGroups; g++) {
      in.u32();
      in.u8();
    }
    int codeStart = in.position();
    List<Integer> starts = new ArrayList<>();
    List<Boolean> endsRun = new ArrayList<>();
    while (!in.atEnd()) {
      starts.add(in.position());
      endsRun.add(skipInstruction(in));
    }
    starts.add(end);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(wasm, start, codeStart - start);
    int runStart = 0;
    int instructions = starts.size() - 1;
    for (int i = 0; i < instructions; i++) {
      if (i == runStart) {
        int runEnd = i;
        while (runEnd < instructions - 1 && !endsRun.get(runEnd)) {
          runEnd++;
        }
        increment(out, counters.total(), runEnd - i + 1);
        if (counters.profile()) {
          increment(out, counters.self(function), runEnd - i + 1);
        }
      }
      out.write(wasm, starts.get(i), starts.get(i + 1) - starts.get(i));
      if (endsRun.get(i)) {
        runStart = i + 1;
      }
    }
    return out.toByteArray();
  }

  private static void increment(ByteArrayOutputStream out, long counter, long amount) {
    out.write(0x23); // global.get
    out.writeBytes(u32(counter));
    out.write(0x42); // i64.const
    out.writeBytes(s64(amount));
    out.write(0x7c); // i64.add
    out.write(0x24); // global.set
    out.writeBytes(u32(counter));
  }

  /**
   * Skips one instruction and its immediates.
   *
   * @return whether a straight-line run ends with it (control may go elsewhere, or come here)
   */
  private static boolean skipInstruction(WasmReader in) {
    int op = in.u8();
    switch (op) {
      case 0x00, 0x0f -> {
        return true; // unreachable, return
      }
      case 0x02 -> blockType(in); // block: the run goes on into it
      case 0x03, 0x04 -> { // loop, if
        blockType(in);
        return true;
      }
      case 0x05, 0x0b -> {
        return true; // else, end
      }
      case 0x0c, 0x0d -> { // br, br_if
        in.u32();
        return true;
      }
      case 0x0e -> { // br_table
        long targets = in.u32();
        for (long t = 0; t <= targets; t++) {
          in.u32();
        }
        return true;
      }
      case 0x10, 0x12 -> { // call, return_call
        in.u32();
        return op == 0x12;
      }
      case 0x11, 0x13 -> { // call_indirect, return_call_indirect
        in.u32();
        in.u32();
        return op == 0x13;
      }
      case 0x1c -> in.skip(in.u32()); // select t*
      case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2 -> in.u32();
      case 0x3f, 0x40 -> in.u32(); // memory.size/grow: memory index
      case 0x41, 0x42 -> in.skipSigned();
      case 0x43 -> in.skip(4);
      case 0x44 -> in.skip(8);
      case 0xd0 -> in.u8(); // ref.null t
      case 0xfc -> miscellaneous(in);
      default -> {
        if (op >= 0x28 && op <= 0x3e) { // loads and stores: memarg
          in.u32();
          in.u32();
        } else if (!(op == 0x01 || op == 0x1a || op == 0x1b || op == 0xd1
            || (op >= 0x45 && op <= 0xc4))) {
          throw new IllegalArgumentException(String.format(
              "countInstructions cannot instrument opcode 0x%02x (SIMD, threads, exceptions and"
                  + " GC are not supported)", op));
        }
      }
    }
    return false;
  }

  private static void blockType(WasmReader in) {
    // 0x40 (empty) or a one-byte value type, else a type index as a signed LEB128.
    in.skipSigned();
  }

  private static void miscellaneous(WasmReader in) {
    long sub = in.u32();
    if (sub <= 7) {
      return; // saturating truncations
    }
    switch ((int) sub) {
      case 8, 12, 14 -> { // memory.init, table.init, table.copy
        in.u32();
        in.u32();
      }
      case 9, 11, 13, 15, 16, 17 -> in.u32();
      case 10 -> { // memory.copy
        in.u32();
        in.u32();
      }
      default -> throw new IllegalArgumentException("countInstructions cannot instrument 0xfc "
          + sub);
    }
  }

  private static byte[] u32(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (value & 0x7f);
      value >>>= 7;
      out.write(value != 0 ? b | 0x80 : b);
    } while (value != 0);
    return out.toByteArray();
  }

  private static byte[] s64(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (value & 0x7f);
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return out.toByteArray();
      }
    }
  }
}
