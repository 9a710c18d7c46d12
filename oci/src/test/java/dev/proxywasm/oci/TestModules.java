package dev.proxywasm.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small but valid Proxy-Wasm modules, assembled with wabt's {@code wat2wasm}, so these tests do
 * not depend on the plugins being built. Each marker gives a module with different bytes.
 */
final class TestModules {
  private TestModules() {}

  /** Assembles a module carrying {@code marker} in its data section into {@code dir}. */
  static Path proxyWasmModule(Path dir, String marker) throws IOException, InterruptedException {
    String wat2wasm = RequiredTool.find("wat2wasm", "wabt");
    Path source = dir.resolve(marker + ".wat");
    Path module = dir.resolve(marker + ".wasm");
    Files.writeString(
        source,
        """
        (module
          (memory (export "memory") 1)
          (data (i32.const 16) "%s")
          (func (export "_start"))
          (func (export "proxy_abi_version_0_2_1"))
          (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 1024))
          (func (export "proxy_on_context_create") (param i32 i32))
          (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
          (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1)))
        """
            .formatted(marker));
    List<String> command = List.of(wat2wasm, source.toString(), "-o", module.toString());
    ProcessRun.of(command).orThrow(command);
    return module;
  }
}
