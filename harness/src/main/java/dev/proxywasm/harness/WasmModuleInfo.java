package dev.proxywasm.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a host needs to know about a module before running it, read from its binary: imports,
 * exports, how many functions it defines and whether every type is a plain function type (no GC
 * types).
 */
final class WasmModuleInfo {
  static final int KIND_FUNCTION = 0;
  static final int KIND_MEMORY = 2;

  /** One import. {@code kind} is 0 function, 1 table, 2 memory, 3 global, 4 tag. */
  record Import(String module, String name, int kind) {
    String qualifiedName() {
      return module + "." + name;
    }
  }

  /** One export. */
  record Export(String name, int kind) {}

  final List<Import> imports = new ArrayList<>();
  final List<Export> exports = new ArrayList<>();
  /** Functions the module defines (its function section's length); their indices follow the imports'. */
  long definedFunctions;
  /** Type-section entries that are not plain function types ({@code 0x60}). */
  int nonFunctionTypes;
  /** The binary's layer/version word; 1 for a core module. */
  long version;

  private WasmModuleInfo() {}

  /**
   * Reads the module's header, type, import, function and export sections.
   *
   * @throws IllegalArgumentException when the bytes are not a WebAssembly binary
   */
  static WasmModuleInfo read(byte[] wasm) {
    if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
      throw new IllegalArgumentException("not a WebAssembly binary (no \\0asm header)");
    }
    WasmModuleInfo info = new WasmModuleInfo();
    info.version = (wasm[4] & 0xffL) | (wasm[5] & 0xffL) << 8 | (wasm[6] & 0xffL) << 16
        | (wasm[7] & 0xffL) << 24;
    if (info.version != 1) {
      return info;
    }
    WasmReader sections = new WasmReader(wasm, 8, wasm.length);
    while (!sections.atEnd()) {
      int id = sections.u8();
      int size = (int) sections.u32();
      int start = sections.position();
      WasmReader section = new WasmReader(wasm, start, start + size);
      switch (id) {
        case 1 -> info.readTypes(section);
        case 2 -> info.readImports(section);
        case 3 -> info.definedFunctions = section.u32();
        case 7 -> info.readExports(section);
        default -> { }
      }
      sections.skip(size);
    }
    return info;
  }

  private void readTypes(WasmReader in) {
    long count = in.u32();
    for (long i = 0; i < count; i++) {
      int form = in.u8();
      if (form != 0x60) {
        // A GC type (rec group, sub type, struct, array): nothing after it can be read without
        // the GC encoding, and one is enough to tell the module is not plain core Wasm.
        nonFunctionTypes++;
        return;
      }
      in.skip(in.u32());
      in.skip(in.u32());
    }
  }

  private void readImports(WasmReader in) {
    long count = in.u32();
    for (long i = 0; i < count; i++) {
      String module = in.name();
      String name = in.name();
      int kind = in.u8();
      switch (kind) {
        case 0 -> in.u32();
        case 1 -> { // table: reftype + limits
          in.u8();
          skipLimits(in);
        }
        case 2 -> skipLimits(in);
        case 3 -> { // global: valtype + mutability
          in.u8();
          in.u8();
        }
        case 4 -> { // tag: attribute + type index
          in.u8();
          in.u32();
        }
        default -> throw new IllegalArgumentException("unknown import kind " + kind);
      }
      imports.add(new Import(module, name, kind));
    }
  }

  private static void skipLimits(WasmReader in) {
    int flags = in.u8();
    in.u32();
    if ((flags & 1) != 0) {
      in.u32();
    }
  }

  private void readExports(WasmReader in) {
    long count = in.u32();
    for (long i = 0; i < count; i++) {
      String name = in.name();
      int kind = in.u8();
      in.u32();
      exports.add(new Export(name, kind));
    }
  }

  long importedFunctions() {
    return imports.stream().filter(i -> i.kind() == KIND_FUNCTION).count();
  }

  boolean exportsFunction(String name) {
    return exports.stream().anyMatch(e -> e.kind() == KIND_FUNCTION && e.name().equals(name));
  }

  boolean exportsMemory() {
    return exports.stream().anyMatch(e -> e.kind() == KIND_MEMORY);
  }

  /** The Proxy-Wasm ABI the module declares by its marker export, highest first. */
  Optional<String> abiVersion() {
    for (String version : List.of("0_2_1", "0_2_0", "0_1_0")) {
      if (exportsFunction("proxy_abi_version_" + version)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
