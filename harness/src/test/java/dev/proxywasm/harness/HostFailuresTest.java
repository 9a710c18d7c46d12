package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the host does when a module or a test goes wrong, with small hand-written modules. */
class HostFailuresTest {
  private static final Headers GET = Headers.of(":method", "GET", ":path", "/grown",
      ":authority", "x");

  @Test
  void aTrapFailsTheCallAndEveryLaterOne() throws Exception {
    Path wasm = WatModules.assemble("trap", WatModules.PROXY_WASM_BASICS + """
        (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) unreachable)
        """);
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).start()) {
      WasmTrapException trap = assertThrows(WasmTrapException.class,
          () -> host.newHttpStream().sendRequestHeaders(GET, true));
      assertTrue(trap.getMessage().startsWith("proxy_on_request_headers trapped"),
          trap::getMessage);

      IllegalStateException later = assertThrows(IllegalStateException.class,
          host::newHttpStream);
      assertTrue(later.getMessage().contains("trapped earlier"), later::getMessage);
    }
  }

  @Test
  void anExceptionInAHostFunctionIsTheCauseOfTheFailure() {
    Path wasm = CModuleCompiler.compile(Path.of("src/test/c/raw_abi_filter.c"),
        Path.of("target/c-modules/raw_abi_filter.wasm"));
    IllegalArgumentException bug = new IllegalArgumentException("responder bug");
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).cluster("auth", call -> {
      throw bug;
    }).start()) {
      HttpStream stream = host.newHttpStream();

      WasmTrapException failure = assertThrows(WasmTrapException.class,
          () -> stream.sendRequestHeaders(GET.without(":path").with(":path", "/call"), true));

      assertEquals(bug, failure.getCause());
      assertTrue(failure.getMessage().contains("host function env.proxy_http_call threw"),
          failure::getMessage);
    }
  }

  @Test
  void initializationMayOnlyUseWhatEnvoyAllowsThere() throws Exception {
    Path wasm = WatModules.assemble("restricted-initialize", """
        (import "env" "proxy_set_tick_period_milliseconds" (func $tick (param i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "_initialize") (drop (call $tick (i32.const 5))))
        (func (export "proxy_abi_version_0_2_1"))
        (func (export "malloc") (param i32) (result i32) i32.const 1024)
        """);

    WasmTrapException failure = assertThrows(WasmTrapException.class,
        () -> ProxyWasmHost.load(wasm).start());

    assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().contains(
        "env.proxy_set_tick_period_milliseconds while initialising"), failure::getMessage);
  }

  @Test
  void returnedDataIsWrittenAfterTheAllocatorGrewTheMemory() throws Exception {
    Path wasm = WatModules.assemble("growing-allocator", """
        (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
        (import "env" "proxy_get_header_map_value"
          (func $get (param i32 i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 16) ":path")
        (func (export "_initialize"))
        (func (export "proxy_abi_version_0_2_1"))
        (func (export "proxy_on_memory_allocate") (param i32) (result i32)
          (i32.mul (memory.grow (i32.const 1)) (i32.const 65536)))
        (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
          (drop (call $get (i32.const 0) (i32.const 16) (i32.const 5) (i32.const 32) (i32.const 36)))
          (drop (call $log (i32.const 2) (i32.load (i32.const 32)) (i32.load (i32.const 36))))
          (i32.const 0))
        """);
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).start()) {
      host.newHttpStream().sendRequestHeaders(GET, true);

      assertEquals(List.of("/grown"), host.logMessages(LogLevel.INFO));
    }
  }

  @Test
  void aPointerOutsideMemoryIsInvalidMemoryAccess() throws Exception {
    Path wasm = WatModules.assemble("bad-pointer", """
        (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
        """ + WatModules.PROXY_WASM_BASICS + """
        (data (i32.const 0) "status 6")
        (func (export "proxy_on_vm_start") (param i32 i32) (result i32)
          (if (i32.eq (call $log (i32.const 2) (i32.const 65530) (i32.const 100)) (i32.const 6))
            (then (drop (call $log (i32.const 2) (i32.const 0) (i32.const 8)))))
          (i32.const 1))
        """);
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).start()) {
      assertEquals(List.of("status 6"), host.logMessages(LogLevel.INFO));
    }
  }

  @Test
  void aRejectedVmConfigurationFailsTheStart() throws Exception {
    Path wasm = WatModules.assemble("vm-start-false", WatModules.PROXY_WASM_BASICS + """
        (func (export "proxy_on_vm_start") (param i32 i32) (result i32) i32.const 0)
        """);

    PluginStartException failure = assertThrows(PluginStartException.class,
        () -> ProxyWasmHost.load(wasm).vmConfig("{}").start());

    assertEquals("proxy_on_vm_start", failure.callback());
  }

  @Test
  void anUnknownWasiImportIsStubbedAndReported() throws Exception {
    Path wasm = WatModules.assemble("unknown-wasi", """
        (import "wasi_snapshot_preview1" "poll_oneoff" (func (param i32 i32 i32 i32) (result i32)))
        """ + WatModules.PROXY_WASM_BASICS);
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).start()) {
      assertEquals(List.of("linked wasi_snapshot_preview1.poll_oneoff to a stub returning ENOSYS:"
          + " Envoy does not provide it"), host.diagnostics());
    }
  }

  @Test
  void anImportEnvoyLacksIsRefusedAsEnvoyWould() throws Exception {
    Path wasm = WatModules.assemble("unknown-env", """
        (import "env" "proxy_from_the_future" (func (result i32)))
        """ + WatModules.PROXY_WASM_BASICS);

    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> ProxyWasmHost.load(wasm).start());

    assertTrue(failure.getMessage().contains("env.proxy_from_the_future"), failure::getMessage);
  }

  @Test
  void aModuleWithoutTheAbiMarkerIsRefused() throws Exception {
    Path wasm = WatModules.assemble("no-marker", """
        (memory (export "memory") 1)
        (func (export "malloc") (param i32) (result i32) i32.const 0)
        """);

    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> ProxyWasmHost.load(wasm).start());

    assertTrue(failure.getMessage().contains("proxy_abi_version"), failure::getMessage);
  }

  @Test
  void aMissingModuleFileSaysSo() {
    var failure = assertThrows(java.io.UncheckedIOException.class,
        () -> ProxyWasmHost.load(Path.of("target/nowhere.wasm")).start());

    assertTrue(failure.getMessage().contains("was the module built?"), failure::getMessage);
  }

  @Test
  void sendingOutOfOrderIsAClearError() throws Exception {
    Path wasm = WatModules.assemble("basics", WatModules.PROXY_WASM_BASICS);
    try (ProxyWasmHost host = ProxyWasmHost.load(wasm).start()) {
      HttpStream stream = host.newHttpStream();

      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> stream.sendRequestBody("x", true));

      assertTrue(failure.getMessage().contains("send the request headers"), failure::getMessage);
    }
  }
}
