package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The V8 bench host ({@code v8-host.mjs} in Node) against the wasmtime harness: the C filters in
 * src/test/c and small hand-written modules must come out the same in both, so that the time V8
 * reports is the time of the same work.
 */
class V8BenchmarkTest {
  private static Path rawAbiFilter;
  private static Path profiledFilter;

  @BeforeAll
  static void compile() {
    rawAbiFilter = CModuleCompiler.compile(Path.of("src/test/c/raw_abi_filter.c"),
        Path.of("target/c-modules/raw_abi_filter.wasm"));
    profiledFilter = CModuleCompiler.compile(Path.of("src/test/c/profiled_filter.c"),
        Path.of("target/c-modules/profiled_filter.wasm"), "-O0");
  }

  private static Headers get(String path) {
    return Headers.of(":method", "GET", ":path", path, ":authority", "example.com",
        "user-agent", "curl", "x-remove-me", "1");
  }

  /** A short run: these tests check what the plugin did, not how fast. */
  private static V8Benchmark v8(Path wasm) {
    return V8Benchmark.load(wasm).warmUp(5).requests(20);
  }

  @Test
  void theRequestHeadersComeOutAsInTheWasmtimeHarness() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/api")).run();

    Headers wasmtime;
    try (ProxyWasmHost host = ProxyWasmHost.load(rawAbiFilter).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get("/api"), true);
      wasmtime = stream.requestHeaders();
    }
    assertEquals(wasmtime, v8.requestHeaders());
    assertEquals(Optional.of("1"), v8.requestHeaders().get("x-c-filter"));
    assertEquals(List.of("c-filter"), v8.requestHeaders().getAll("user-agent"));
    assertFalse(v8.requestHeaders().contains("x-remove-me"));
    assertEquals(Action.CONTINUE, v8.headersAction());
    assertTrue(v8.localResponse().isEmpty());
  }

  @Test
  void countersCountEveryRequest() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/api")).run();

    assertEquals(1L, v8.metricsAfterFirstRequest().get("c_filter_requests"));
    assertEquals(1L + 5 + 20, v8.metrics().get("c_filter_requests"));
    assertEquals(0L, v8.metrics().get("c_filter_ticks"));
  }

  @Test
  void aLocalResponseIsRecordedAndTheBodyNeverReachesThePlugin() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/deny"), "late").run();

    LocalResponse wasmtime = wasmtimeLocalResponse("/deny");
    LocalResponse reply = v8.localResponse().orElseThrow();
    assertEquals(403, reply.status());
    assertEquals(wasmtime.status(), reply.status());
    assertEquals(wasmtime.body(), reply.body());
    assertEquals(wasmtime.details(), reply.details());
    assertEquals(Optional.of("path"), reply.headers().get("x-deny-reason"));
    assertEquals(Optional.of("403"), reply.headers().get(":status"));
    assertEquals(Action.PAUSE, v8.headersAction());
    assertEquals(Optional.empty(), v8.bodyAction());
    assertEquals(1 + 5 + 20, v8.localResponses());
  }

  @Test
  void aLocalResponseKeepsThePluginsContentTypeAndGetsTheBodysLengthAsInEnvoyAndTheHarness() {
    LocalResponse v8Json = v8(rawAbiFilter).request(get("/deny-json")).run().localResponse().orElseThrow();
    LocalResponse v8Text = v8(rawAbiFilter).request(get("/deny")).run().localResponse().orElseThrow();
    LocalResponse json = wasmtimeLocalResponse("/deny-json");
    LocalResponse text = wasmtimeLocalResponse("/deny");
    for (LocalResponse reply : List.of(v8Json, json)) {
      assertEquals(List.of("application/json"), reply.headers().getAll("content-type"));
      assertEquals(List.of("15"), reply.headers().getAll("content-length"));
    }
    for (LocalResponse reply : List.of(v8Text, text)) {
      assertEquals(List.of("text/plain"), reply.headers().getAll("content-type"));
      assertEquals(List.of("6"), reply.headers().getAll("content-length"));
    }
  }

  /** The local response the wasmtime harness records for a GET of {@code path} (headers not ending the stream). */
  private static LocalResponse wasmtimeLocalResponse(String path) {
    try (ProxyWasmHost host = ProxyWasmHost.load(rawAbiFilter).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get(path), false);
      return stream.localResponse();
    }
  }

  @Test
  void theBodyIsDeliveredAndRewrittenAsInTheWasmtimeHarness() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/api"), "xy").run();

    String wasmtime;
    try (ProxyWasmHost host = ProxyWasmHost.load(rawAbiFilter).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get("/api"), false);
      stream.sendRequestBody("xy", true);
      wasmtime = stream.requestBody();
    }
    assertEquals(Optional.of("[xy]"), v8.requestBody());
    assertEquals(Optional.of(wasmtime), v8.requestBody());
    assertEquals(Optional.of(Action.CONTINUE), v8.bodyAction());
  }

  @Test
  void aMissingHeaderIsNotFound() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/missing")).run();

    assertEquals(Optional.of("1"), v8.requestHeaders().get("x-missing-status"));
  }

  @Test
  void anHttpCallFindsNoClusterSoTheStreamStaysPausedAndTheBodyHeld() {
    V8Benchmark.Result v8 = v8(rawAbiFilter).request(get("/call"), "held").run();

    assertEquals(Action.PAUSE, v8.headersAction());
    assertEquals(Optional.empty(), v8.bodyAction());
    assertTrue(v8.localResponse().isEmpty());
  }

  @Test
  void aConfigurationThePluginRejectsFailsTheStartWithItsWarning() {
    PluginStartException failure = assertThrows(PluginStartException.class,
        () -> v8(rawAbiFilter).pluginConfig("reject").request(get("/api")).run());

    assertEquals("proxy_on_configure", failure.callback());
    assertEquals(List.of(new LogEntry(LogLevel.WARN, "rejecting configuration \"reject\"")),
        failure.logs());
  }

  @Test
  void anImportTheHostDoesNotImplementFailsTheRunNamingIt() {
    // With "tick" the filter sets a tick period, which the V8 bench host has no use for.
    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> v8(rawAbiFilter).pluginConfig("tick").request(get("/api")).run());

    assertTrue(failure.getMessage().contains("env.proxy_set_tick_period_milliseconds"),
        failure::getMessage);
  }

  @Test
  void theProfiledFilterStampsEveryRequest() {
    V8Benchmark.Result v8 = v8(profiledFilter)
        .request(get("/").with("x-rounds", "1000")).run();

    assertEquals(Optional.of("1"), v8.requestHeaders().get("x-stamped"));
    assertEquals(Action.CONTINUE, v8.headersAction());
    assertTrue(v8.metrics().isEmpty());
    assertEquals(v8.memoryBefore(), v8.memoryAfter());
  }

  @Test
  void propertiesComeFromTheRequestTheCallerAndThePlugin() throws Exception {
    Path wasm = WatModules.assemble("v8-properties", ("""
        (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
        (import "env" "proxy_get_property" (func $property (param i32 i32 i32 i32) (result i32)))
        """ + WatModules.PROXY_WASM_BASICS + """
        (data (i32.const 16) "request\\00url_path")
        (data (i32.const 48) "source\\00address")
        (data (i32.const 80) "plugin_root_id")
        (data (i32.const 112) "destination\\00port")
        (data (i32.const 144) "not found")
        (func $warnProperty (param $path i32) (param $size i32)
          (if (i32.eqz (call $property (local.get $path) (local.get $size) (i32.const 8) (i32.const 12)))
            (then (drop (call $log (i32.const 3) (i32.load (i32.const 8)) (i32.load (i32.const 12)))))
            (else (drop (call $log (i32.const 3) (i32.const 144) (i32.const 9))))))
        (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
          (call $warnProperty (i32.const 16) (i32.const 16))
          (call $warnProperty (i32.const 48) (i32.const 14))
          (call $warnProperty (i32.const 80) (i32.const 14))
          (call $warnProperty (i32.const 112) (i32.const 16))
          (i32.const 0))
        """).replace("i32.const 1024", "(i32.mul (memory.grow (i32.const 1)) (i32.const 65536))"));

    V8Benchmark.Result v8 = v8(wasm).rootId("edge").property("source.address", "10.0.0.1:5000")
        .request(get("/shop?q=1")).run();

    assertEquals(List.of("/shop", "10.0.0.1:5000", "edge", "not found"),
        v8.logs().stream().map(LogEntry::message).toList());
    assertEquals(4L * (5 + 20), v8.logLinesAfterFirstRequest());
    assertTrue(v8.memoryAfter() > v8.memoryBefore(), "the allocator grows memory per value");
  }

  @Test
  void aPointerOutsideMemoryIsInvalidMemoryAccess() throws Exception {
    Path wasm = WatModules.assemble("v8-bad-pointer", """
        (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
        """ + WatModules.PROXY_WASM_BASICS + """
        (data (i32.const 0) "status 6")
        (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
          (if (i32.eq (call $log (i32.const 3) (i32.const 65530) (i32.const 100)) (i32.const 6))
            (then (drop (call $log (i32.const 3) (i32.const 0) (i32.const 8)))))
          (i32.const 0))
        """);

    V8Benchmark.Result v8 = v8(wasm).request(get("/")).run();

    assertEquals(List.of(new LogEntry(LogLevel.WARN, "status 6")), v8.logs());
  }

  @Test
  void aTrapFailsTheRunNamingTheCallback() throws Exception {
    Path wasm = WatModules.assemble("v8-trap", WatModules.PROXY_WASM_BASICS + """
        (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) unreachable)
        """);

    IllegalStateException failure = assertThrows(IllegalStateException.class,
        () -> v8(wasm).request(get("/")).run());

    assertTrue(failure.getMessage().contains("proxy_on_request_headers failed on context 2"),
        failure::getMessage);
  }

  @Test
  void withoutARequestOrAModuleItSaysWhatIsMissing() {
    IllegalStateException noRequest = assertThrows(IllegalStateException.class,
        () -> v8(rawAbiFilter).run());
    assertTrue(noRequest.getMessage().contains("request(headers"), noRequest::getMessage);

    UncheckedIOException noModule = assertThrows(UncheckedIOException.class,
        () -> v8(Path.of("target/nowhere.wasm")).request(get("/")).run());
    assertTrue(noModule.getMessage().contains("was the module built?"), noModule::getMessage);
  }

  @Test
  void aCpuProfileNamesTheFunctionWhereTheTimeWent(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path file = dir.resolve("spin.cpuprofile");
    // profiled_filter.c's spin() loops as many rounds as x-rounds asks: ten million, so that
    // nearly every sample falls in it.
    V8Benchmark.load(profiledFilter).request(Headers.of(":method", "GET", ":path", "/",
        "x-rounds", "10000000")).warmUp(0).requests(20).cpuProfile(file).run();

    V8Profile profile = V8Profile.read(file);
    assertEquals("spin", profile.functions().get(0), profile.top(5));
    assertTrue(profile.share("spin") > 0.5, profile.top(5));
  }
}
