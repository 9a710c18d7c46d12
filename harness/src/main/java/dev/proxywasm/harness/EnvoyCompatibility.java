package dev.proxywasm.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a module is one Envoy's runtimes load, for every module's build tests:
 * <ul>
 *   <li>wabt's {@code wasm-validate} accepts it with every proposal off except bulk memory and
 *       non-trapping float-to-int (what TeaVM emits and V8, wasmtime and WAMR in Envoy accept);
 *   <li>it is a plain core module (no component, no GC types);
 *   <li>it exports {@code memory}, {@code _initialize} or {@code _start}, a
 *       {@code proxy_abi_version_*} marker and an allocator ({@code proxy_on_memory_allocate} or
 *       {@code malloc});
 *   <li>it imports only functions Envoy provides;
 *   <li>Node's V8 validates and instantiates it with every import stubbed and runs its
 *       {@code _initialize} (or {@code _start}).
 * </ul>
 * A missing tool (wabt, node) is a failure, never a skipped check.
 *
 * <pre>{@code
 * @Test void loadsInEnvoy() { EnvoyCompatibility.assertCompatible(Path.of("target/plugin.wasm")); }
 * }</pre>
 */
public final class EnvoyCompatibility {
  /** wabt 1.0.32 turns these proposals on by default; Envoy's runtimes are not guaranteed them. */
  static final List<String> WASM_VALIDATE_FLAGS = List.of("--disable-mutable-globals",
      "--disable-sign-extension", "--disable-simd", "--disable-multi-value",
      "--disable-reference-types");

  private static final String NODE_CHECK = String.join("\n",
      "const fs = require('fs');",
      "const bytes = fs.readFileSync(process.argv[1]);",
      "(async () => {",
      "  if (!WebAssembly.validate(bytes)) { console.log('V8: WebAssembly.validate rejects it'); process.exit(1); }",
      "  const module = await WebAssembly.compile(bytes);",
      "  const imports = {};",
      "  for (const i of WebAssembly.Module.imports(module)) {",
      "    if (i.kind !== 'function') { console.log('V8: cannot stub ' + i.kind + ' import ' + i.module + '.' + i.name); process.exit(1); }",
      "    (imports[i.module] = imports[i.module] || {})[i.name] = () => 0;",
      "  }",
      "  const instance = await WebAssembly.instantiate(module, imports);",
      "  const start = instance.exports._initialize || instance.exports._start;",
      "  if (start) start();",
      "})().catch(e => { console.log('V8: ' + e); process.exit(1); });");

  private EnvoyCompatibility() {}

  /**
   * Fails when the module at {@code wasm} is not one Envoy loads, listing every reason.
   *
   * @throws AssertionError with the problems found
   */
  public static void assertCompatible(Path wasm) {
    List<String> problems = problems(wasm);
    if (!problems.isEmpty()) {
      throw new AssertionError(wasm + " is not a module Envoy loads:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  /** Every reason the module at {@code wasm} is not one Envoy loads; empty when it is. */
  public static List<String> problems(Path wasm) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(wasm);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + wasm.toAbsolutePath(), e);
    }
    List<String> problems = new ArrayList<>();
    List<String> validate = new ArrayList<>(List.of("wasm-validate"));
    validate.addAll(WASM_VALIDATE_FLAGS);
    validate.add(wasm.toString());
    run(validate, "wabt's wasm-validate (apt-get install wabt)", problems);
    try {
      WasmModuleInfo info = WasmModuleInfo.read(bytes);
      structure(info, problems);
    } catch (IllegalArgumentException e) {
      problems.add("cannot be read as a WebAssembly module: " + e.getMessage());
    }
    run(List.of("node", "-e", NODE_CHECK, wasm.toAbsolutePath().toString()),
        "Node.js 20 (apt-get install nodejs)", problems);
    return problems;
  }

  private static void structure(WasmModuleInfo info, List<String> problems) {
    if (info.version != 1) {
      problems.add("not a core module (binary version/layer 0x" + Long.toHexString(info.version)
          + "; a component?)");
      return;
    }
    if (info.nonFunctionTypes > 0) {
      problems.add("declares GC types (struct/array/rec): not a plain core module");
    }
    if (!info.exportsMemory()) {
      problems.add("exports no memory");
    }
    if (!info.exportsFunction("_initialize") && !info.exportsFunction("_start")) {
      problems.add("exports neither _initialize nor _start");
    }
    if (info.abiVersion().isEmpty()) {
      problems.add("exports no proxy_abi_version_0_2_1 (or 0_2_0, 0_1_0) marker");
    }
    if (!info.exportsFunction("proxy_on_memory_allocate") && !info.exportsFunction("malloc")) {
      problems.add("exports no allocator (proxy_on_memory_allocate or malloc)");
    }
    Set<String> provided = ProxyAbi.envoyImports(info.abiVersion().orElse("0_2_1"));
    for (WasmModuleInfo.Import i : info.imports) {
      if (i.kind() != WasmModuleInfo.KIND_FUNCTION) {
        problems.add("imports a non-function " + i.qualifiedName() + ", which Envoy does not provide");
      } else if (!provided.contains(i.qualifiedName())) {
        problems.add("imports " + i.qualifiedName() + ", which Envoy does not provide");
      }
    }
  }

  private static void run(List<String> command, String tool, List<String> problems) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        problems.add(command.get(0) + " did not finish in 120 s");
      } else if (process.exitValue() != 0) {
        problems.add(command.get(0) + " rejects it: " + output.strip());
      }
    } catch (IOException e) {
      problems.add(tool + " is needed for this check and could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("interrupted while running " + command.get(0));
    }
  }
}
