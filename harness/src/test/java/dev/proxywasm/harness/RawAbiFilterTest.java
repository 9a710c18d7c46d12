package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs a filter written in C against the raw ABI (src/test/c/raw_abi_filter.c), compiled here
 * with clang-14: the harness must run any Proxy-Wasm module the way Envoy does.
 */
class RawAbiFilterTest {
  private static Path wasm;
  private ProxyWasmHost host;

  @BeforeAll
  static void compile() {
    wasm = CModuleCompiler.compile(Path.of("src/test/c/raw_abi_filter.c"),
        Path.of("target/c-modules/raw_abi_filter.wasm"));
  }

  @AfterEach
  void close() {
    if (host != null) {
      host.close();
    }
  }

  private static Headers get(String path) {
    return Headers.of(":method", "GET", ":path", path, ":authority", "example.com",
        "user-agent", "curl", "x-remove-me", "1");
  }

  @Test
  void startsAsEnvoyDoesAndLogsFromProxyLogAndStdout() {
    host = ProxyWasmHost.load(wasm).rootId("my-root").start();

    assertEquals("0.2.1", host.abiVersion());
    assertEquals(List.of(new LogEntry(LogLevel.INFO, "vm started, root context 1"),
        new LogEntry(LogLevel.INFO, "configured root id 'my-root'")), host.logs());
    assertEquals(Optional.of("yes"), host.sharedData("c_filter_started"));
    assertEquals(1, host.plugin().id());
  }

  @Test
  void aConfigurationTheFilterRejectsFailsTheStartWithItsLogs() {
    PluginStartException failure = assertThrows(PluginStartException.class,
        () -> ProxyWasmHost.load(wasm).pluginConfig("reject").start());

    assertEquals("proxy_on_configure", failure.callback());
    assertTrue(failure.logs().contains(
        new LogEntry(LogLevel.WARN, "rejecting configuration \"reject\"")), failure.logs()::toString);
  }

  @Test
  void modifiesRequestHeadersAndCountsRequests() {
    host = ProxyWasmHost.load(wasm).start();
    HttpStream stream = host.newHttpStream();

    assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/api"), true));

    Headers headers = stream.requestHeaders();
    assertEquals(Optional.of("1"), headers.get("x-c-filter"));
    assertEquals(List.of("c-filter"), headers.getAll("user-agent"));
    assertFalse(headers.contains("x-remove-me"));
    assertEquals(1, host.metric("c_filter_requests"));
    assertEquals("request headers: 5", host.logMessages(LogLevel.INFO).get(2));
    assertEquals("proxy_on_request_headers", host.lastCallCost().callback());
  }

  @Test
  void aMissingHeaderIsNotFound() {
    host = ProxyWasmHost.load(wasm).start();
    HttpStream stream = host.newHttpStream();

    stream.sendRequestHeaders(get("/missing"), true);

    assertEquals(Optional.of("1"), stream.requestHeaders().get("x-missing-status"));
  }

  @Test
  void aLocalResponseStopsTheStreamEvenWhenTheCallbackContinuesAndRunsTheResponsePath() {
    host = ProxyWasmHost.load(wasm).start();
    HttpStream stream = host.newHttpStream();

    assertEquals(Action.PAUSE, stream.sendRequestHeaders(get("/deny"), false));

    LocalResponse response = stream.localResponse();
    assertEquals(403, response.status());
    assertEquals("denied", response.body());
    assertEquals("access_denied", response.details());
    assertEquals(Optional.of("path"), response.headers().get("x-deny-reason"));
    assertEquals(Optional.of(Integer.toString(stream.id())), response.headers().get("x-c-response"));
    assertTrue(stream.isCompleted());
    assertEquals(Action.PAUSE, stream.sendRequestBody("late", true));
  }

  @Test
  void pausesForAnHttpCallAndResumesWhenTheResponderAnswers() {
    host = ProxyWasmHost.load(wasm)
        .cluster("auth", call -> call.respond(200, Headers.of("x-r", "1"), "ok"))
        .start();
    HttpStream stream = host.newHttpStream();

    assertEquals(Action.PAUSE, stream.sendRequestHeaders(get("/call"), false));

    HttpCall call = host.lastHttpCall();
    assertEquals("auth", call.cluster());
    assertEquals(Optional.of("/check"), call.headers().get(":path"));
    assertEquals(Duration.ofSeconds(1), call.timeout());
    assertFalse(stream.isRequestPaused());
    assertEquals(Optional.of("ok"), stream.requestHeaders().get("x-auth"));
    assertEquals(Action.CONTINUE, stream.sendRequestBody("xy", true));
    assertEquals("[xy]", stream.requestBody());
  }

  @Test
  void bodySentWhileHeadersArePausedReachesTheFilterAfterTheCallIsAnswered() {
    host = ProxyWasmHost.load(wasm).cluster("auth").start();
    HttpStream stream = host.newHttpStream();
    stream.sendRequestHeaders(get("/call"), false);

    assertEquals(Action.PAUSE, stream.sendRequestBody("held", true));
    assertEquals("held", stream.requestBody());
    assertTrue(stream.isRequestPaused());

    host.lastHttpCall().respond(200, Headers.empty(), "late");

    assertFalse(stream.isRequestPaused());
    assertEquals("[held]", stream.requestBody());
    assertEquals(Optional.of("late"), stream.requestHeaders().get("x-auth"));
  }

  @Test
  void aFailedCallReachesTheFilterWithNoHeaders() {
    host = ProxyWasmHost.load(wasm).cluster("auth").start();
    HttpStream stream = host.newHttpStream();
    stream.sendRequestHeaders(get("/call"), true);

    host.lastHttpCall().fail();

    assertEquals(401, stream.localResponse().status());
    assertEquals("auth call failed with 0 headers", host.logMessages(LogLevel.WARN).get(0));
  }

  @Test
  void anExpiredCallIsEnvoysOwn504() {
    host = ProxyWasmHost.load(wasm).cluster("auth").start();
    HttpStream stream = host.newHttpStream();
    stream.sendRequestHeaders(get("/call"), true);

    host.lastHttpCall().expire();

    assertEquals(401, stream.localResponse().status());
    assertEquals("auth call failed with 3 headers", host.logMessages(LogLevel.WARN).get(0));
  }

  @Test
  void aCallToAnUnknownClusterIsBadArgument() {
    host = ProxyWasmHost.load(wasm).start();
    HttpStream stream = host.newHttpStream();

    stream.sendRequestHeaders(get("/call"), true);

    assertTrue(host.logMessages(LogLevel.INFO).contains("http call status 2"));
    assertEquals(List.of(), host.httpCalls());
  }

  @Test
  void streamsInterleaveOnOneVm() {
    host = ProxyWasmHost.load(wasm).cluster("auth").start();
    HttpStream waiting = host.newHttpStream();
    HttpStream other = host.newHttpStream();

    assertEquals(Action.PAUSE, waiting.sendRequestHeaders(get("/call"), true));
    assertEquals(Action.CONTINUE, other.sendRequestHeaders(get("/other"), true));
    assertEquals(Action.CONTINUE, other.sendResponseHeaders(Headers.of(":status", "200"), true));
    assertTrue(other.isCompleted());
    assertEquals(Optional.of(Integer.toString(other.id())),
        other.responseHeaders().get("x-c-response"));

    host.lastHttpCall().respond(200, Headers.empty(), "ok");

    assertFalse(waiting.isRequestPaused());
    assertNotEquals(waiting.id(), other.id());
    assertEquals(2, host.metric("c_filter_requests"));
  }

  @Test
  void morePluginContextsShareTheVm() {
    host = ProxyWasmHost.load(wasm).rootId("first").start();

    PluginContext second = host.startPlugin("second", "");
    host.newHttpStream().sendRequestHeaders(get("/api"), true);
    HttpStream throughSecond = second.newHttpStream();
    throughSecond.sendRequestHeaders(get("/api"), true);

    assertEquals(2, second.id());
    assertEquals(4, throughSecond.id());
    assertTrue(host.logMessages(LogLevel.INFO).contains("configured root id 'second'"));
    assertEquals(2, host.metric("c_filter_requests"));
    assertThrows(PluginStartException.class, () -> host.startPlugin("third", "reject"));
  }

  @Test
  void ticksFollowTheClock() {
    host = ProxyWasmHost.load(wasm).pluginConfig("tick").start();

    assertEquals(Duration.ofMillis(100), host.plugin().tickPeriod());
    host.advanceTime(Duration.ofMillis(350));
    assertEquals(3, host.metric("c_filter_ticks"));
    host.tick();
    assertEquals(4, host.metric("c_filter_ticks"));
  }

  @Test
  void countsInstructionsDeterministically() {
    host = ProxyWasmHost.load(wasm).countInstructions().start();
    // The first request also pays for the allocator's first growth; later ones repeat exactly.
    host.newHttpStream().sendRequestHeaders(get("/api"), true);

    host.newHttpStream().sendRequestHeaders(get("/api"), true);
    long first = host.lastCallCost().instructions();
    host.newHttpStream().sendRequestHeaders(get("/api"), true);
    long second = host.lastCallCost().instructions();

    assertTrue(first > 100, () -> "implausibly few instructions: " + first);
    assertEquals(first, second);
    System.out.println("C filter proxy_on_request_headers: " + host.lastCallCost());
  }

  @Test
  void withoutCountingAskingForInstructionsIsAClearError() {
    host = ProxyWasmHost.load(wasm).start();
    host.newHttpStream().sendRequestHeaders(get("/api"), true);

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> host.lastCallCost().instructions());
    assertTrue(e.getMessage().contains("countInstructions"));
  }
}
