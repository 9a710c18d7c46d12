package dev.proxywasm.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small hand-written test modules in WebAssembly text, assembled with wabt's wat2wasm. */
final class WatModules {
  private WatModules() {}

  /** A minimal Proxy-Wasm module's exports, for modules that differ from it in one way. */
  static final String PROXY_WASM_BASICS = """
      (memory (export "memory") 1)
      (func (export "_initialize"))
      (func (export "proxy_abi_version_0_2_1"))
      (func (export "proxy_on_memory_allocate") (param i32) (result i32) i32.const 1024)
      """;

  /** Assembles {@code (module ...body...)} into target/wat-modules/{@code name}.wasm. */
  static Path assemble(String name, String body) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(Path.of("target/wat-modules"));
    Path wat = dir.resolve(name + ".wat");
    Path wasm = dir.resolve(name + ".wasm");
    Files.writeString(wat, "(module\n" + body + "\n)\n");
    Process process = new ProcessBuilder("wat2wasm", "--enable-all", "-o", wasm.toString(),
        wat.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("wat2wasm failed on " + wat + ":\n" + output);
    }
    return wasm;
  }
}
