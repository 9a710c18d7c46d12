package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host semantics of the ABI groups beyond headers and local replies, checked through a C module
 * (src/test/c/abi_tour.c) that logs what each host call returned. Status codes: 0 Ok,
 * 1 NotFound, 2 BadArgument, 4 ParseFailure, 7 Empty, 8 CasMismatch.
 */
class AbiTourTest {
  private static Path wasm;
  private ProxyWasmHost host;

  @BeforeAll
  static void compile() {
    wasm = CModuleCompiler.compile(Path.of("src/test/c/abi_tour.c"),
        Path.of("target/c-modules/abi_tour.wasm"));
  }

  @BeforeEach
  void start() {
    host = ProxyWasmHost.load(wasm)
        .cluster("grpc_cluster")
        .property("source.address", "10.1.2.3:5000")
        .foreignFunction("echo", args -> ("echo:" + new String(args, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8))
        .start();
  }

  @AfterEach
  void close() {
    host.close();
  }

  /** Sends a request for {@code path} and returns what the module logged meanwhile. */
  private List<String> request(String path) {
    int before = host.logs().size();
    host.newHttpStream().sendRequestHeaders(Headers.of(":method", "GET", ":path", path,
        ":authority", "tour"), true);
    List<String> lines = host.logMessages(LogLevel.INFO);
    return lines.subList(before, lines.size()).stream()
        .filter(line -> !line.startsWith("done ") && !line.startsWith("delete ")).toList();
  }

  @Test
  void sharedDataHasCompareAndSwap() {
    assertEquals(List.of("get absent: 1", "set: 0", "get: 0 'v1'", "set stale cas: 8",
        "set matching cas: 0"), request("/shared"));
    assertEquals("v3", host.sharedData("tour-key").orElseThrow());
  }

  @Test
  void metricsFollowEnvoysRules() {
    assertEquals(List.of("define bad type: 2", "counter +0: 2", "counter -1: 2", "counter +5: 0",
        "gauge -2: 0", "histogram record: 0", "histogram get: 2", "counter get: 0 5",
        "unknown id: 1"), request("/metrics"));
    assertEquals(5, host.metric("tour_counter"));
    assertEquals(-2, host.metric("tour_gauge"));
    assertEquals(List.of(42L), host.histogram("tour_histogram"));
  }

  @Test
  void propertiesComeFromTheHostTheHeadersAndTheFilterState() {
    assertEquals(List.of("request.path: 0 '/property'", "source.address: 0 '10.1.2.3:5000'",
        "set my_state: 0", "my_state: 0 'kept'", "absent: 1"), request("/property"));
  }

  @Test
  void queuesNotifyTheRegisteringPluginAfterTheCallback() {
    assertEquals(List.of("register queue: 0 token 1"), host.logMessages(LogLevel.INFO));

    assertEquals(List.of("resolve: 0 same token 1", "enqueue: 0", "dequeue: 0 'from-stream'",
        "dequeue again: 7"), request("/enqueue"));

    host.enqueue("tour", "from-test");
    List<String> lines = host.logMessages(LogLevel.INFO);
    assertEquals(List.of("dequeue: 0 'from-test'", "dequeue again: 7"),
        lines.subList(lines.size() - 2, lines.size()));
    assertEquals(List.of(), host.queueItems("tour"));
  }

  @Test
  void grpcCallsAndStreamsAreAnsweredByTheTest() {
    assertEquals(List.of("grpc call: 0 token 1", "grpc stream: 0 token 2", "grpc send: 0",
        "grpc send on call: 2", "grpc unknown cluster: 4"), request("/grpc"));
    GrpcCall call = host.grpcCalls().get(0);
    GrpcCall stream = host.grpcCalls().get(1);
    assertEquals("tour.Svc", call.serviceName());
    assertEquals("ping", new String(call.messages().get(0), StandardCharsets.UTF_8));
    assertTrue(stream.isStream() && stream.isEndOfStreamSent());

    call.sendMessage("pong".getBytes(StandardCharsets.UTF_8));
    stream.sendInitialMetadata(Headers.of("x-md", "meta"));
    stream.close(14, "unavailable");

    List<String> lines = host.logMessages(LogLevel.INFO);
    assertEquals(List.of("grpc message 1: 'pong'", "grpc initial metadata 2: 0 'meta'",
        "grpc close 2: 14 'unavailable'"), lines.subList(lines.size() - 3, lines.size()));
  }

  @Test
  void foreignFunctionsCallTheHostAndTheHostCallsThePlugin() {
    assertEquals(List.of("foreign echo: 0 'echo:abc'", "foreign missing: 1"), request("/foreign"));

    host.plugin().callOnForeignFunction(7, "args".getBytes(StandardCharsets.UTF_8));
    List<String> lines = host.logMessages(LogLevel.INFO);
    assertEquals("foreign function 7: 'args'", lines.get(lines.size() - 1));
  }

  @Test
  void mapsAndBuffersOutsideTheirCallbacksAreUnavailable() {
    assertEquals(List.of("request body status: 0 size 0", "response header now: 2",
        "bad map type: 2", "bad buffer type: 2"), request("/unavailable"));
  }

  @Test
  void tcpDataIsRewrittenPausedAndTheConnectionCompletes() {
    TcpConnection connection = host.newTcpConnection();
    assertEquals(Action.CONTINUE, connection.connect());
    assertEquals(Action.CONTINUE, connection.sendDownstreamData("hello ", false));
    assertEquals(Action.PAUSE, connection.sendDownstreamData("hold ", false));
    assertTrue(connection.isDownstreamPaused());
    // Paused data stays buffered and is offered again with what comes next.
    assertEquals(Action.PAUSE, connection.sendDownstreamData("more", false));
    assertEquals("HELLO hold more", connection.downstreamData());
    assertEquals(Action.CONTINUE, connection.sendUpstreamData("reply", false));
    assertEquals("<reply", connection.upstreamData());

    connection.closeDownstream(PeerType.REMOTE);

    assertTrue(connection.isCompleted());
    List<String> lines = host.logMessages(LogLevel.INFO);
    int id = connection.id();
    assertEquals(List.of("new connection " + id, "downstream closed by 2", "done " + id,
        "delete " + id), lines.subList(lines.size() - 4, lines.size()));
  }
}
