package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmModuleTest {
  @TempDir Path dir;

  @Test
  void acceptsACoreModule() throws Exception {
    Path module = TestModules.proxyWasmModule(dir, "core");

    WasmModule wasm = WasmModule.at(module);

    assertEquals(module, wasm.path());
    assertEquals(Files.size(module), wasm.size());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("target/plugin.wasm");

    PublishException failure = assertThrows(PublishException.class, () -> WasmModule.at(missing));

    assertEquals("wasm module not found: " + missing, failure.getMessage());
  }

  @Test
  void rejectsBytesThatAreNotWasm() throws Exception {
    Path text = Files.writeString(dir.resolve("plugin.wasm"), "#!/bin/sh\necho not wasm\n");

    PublishException failure = assertThrows(PublishException.class, () -> WasmModule.at(text));

    assertTrue(failure.getMessage().contains("is not a WebAssembly module"), failure.getMessage());
  }

  @Test
  void rejectsAFileShorterThanTheHeader() throws Exception {
    Path stub = Files.write(dir.resolve("plugin.wasm"), new byte[] {0, 'a', 's', 'm'});

    assertThrows(PublishException.class, () -> WasmModule.at(stub));
  }

  @Test
  void rejectsAComponent() throws Exception {
    // Component-model binaries share the magic number but carry version 0x0d, layer 1.
    Path component =
        Files.write(dir.resolve("component.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});

    PublishException failure =
        assertThrows(PublishException.class, () -> WasmModule.at(component));

    assertTrue(failure.getMessage().contains("not a core WebAssembly module"), failure.getMessage());
  }
}
