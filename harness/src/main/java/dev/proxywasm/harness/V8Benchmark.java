package dev.proxywasm.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times a plugin's request path in V8, Envoy's default Wasm runtime, where a host call costs
 * nanoseconds: the module runs in Node 20 under a small Proxy-Wasm host written in JavaScript
 * ({@code v8-host.mjs}, beside this class), which sends one HTTP request through it over and over.
 * In the wasmtime-java harness each call from the plugin into a Java host function costs about
 * 19 µs, which swamps the plugin's own time; here that cost is gone, so the figure is the guest's.
 *
 * <pre>{@code
 * V8Benchmark.Result r = V8Benchmark.load(Path.of("target/plugin.wasm"))
 *     .pluginConfig("{}")
 *     .request(Headers.of(":method", "POST", ":path", "/api", ":authority", "x"), "{\"a\": 1}")
 *     .warmUp(2_000).requests(20_000)
 *     .run();
 * System.out.printf("%.1f us median%n", r.medianMicros());
 * assertTrue(r.localResponse().isEmpty());
 * }</pre>
 *
 * <p>Start-up is Envoy's: {@code _initialize} (then {@code main}) or {@code _start}, then on
 * plugin context 1 {@code proxy_on_context_create(1, 0)}, {@code proxy_on_vm_start} and
 * {@code proxy_on_configure}. Each request gets a new context id and runs, as Envoy's filter would:
 * {@code proxy_on_context_create(id, 1)}; {@code proxy_on_request_headers(id, n, eos)} with eos
 * true when there is no body; {@code proxy_on_request_body(id, size, true)} with the whole body,
 * unless the headers got a local response or a reset, or paused without
 * {@code proxy_continue_stream} (Envoy would hold the body); then the stream's end:
 * {@code proxy_on_done}, {@code proxy_on_log}, {@code proxy_on_delete}. Callbacks the module does
 * not export are skipped. The first request is sent on its own and its outcome recorded, then
 * {@link #warmUp} requests let V8 tier the code up, then {@link #requests} are timed.
 *
 * <p>What is timed, per request, with {@code performance.now()}: from just before
 * {@code proxy_on_context_create} to just after {@code proxy_on_delete}
 * ({@link Result#medianMicros()}), and from just before {@code proxy_on_request_headers} to just
 * after {@code proxy_on_request_body} (or the headers callback when no body was delivered:
 * {@link Result#headersAndBodyMedianMicros()}). Both include the host functions the plugin calls
 * and the host's few steps between the callbacks; copying the request's header map for the new
 * stream is done before the clock starts.
 *
 * <p>What the host is not: a full Envoy. One plugin context; request streams only (no response,
 * no trailers; a local response is recorded, not run through the plugin's response callbacks);
 * no upstreams ({@code proxy_http_call} is BadArgument, as for a cluster Envoy does not know);
 * log lines below WARN are dropped without being read (as Envoy drops lines below its level;
 * {@code proxy_get_log_level} says WARN); the properties are {@code plugin_name},
 * {@code plugin_root_id}, {@code plugin_vm_id}, those set with {@link #property} and
 * {@code request.*} derived from the request headers. An import it does not implement is linked
 * to a function that fails the run, naming it, when the plugin calls it. A missing {@code node}
 * is a failure, never a skip. See harness/README.md.
 */
public final class V8Benchmark {
  /** How long one run may take before it is stopped. */
  private static final long TIMEOUT_SECONDS = 600;
  private static final String HOST_SCRIPT = "v8-host.mjs";

  private final Path wasm;
  private byte[] pluginConfig = new byte[0];
  private byte[] vmConfig = new byte[0];
  private String rootId = "";
  private String vmId = "";
  private String pluginName = "";
  private final Map<String, String> properties = new LinkedHashMap<>();
  private Headers headers;
  private byte[] body;
  private int warmUp = 2_000;
  private int requests = 20_000;
  private Path cpuProfile;

  private V8Benchmark(Path wasm) {
    this.wasm = wasm;
  }

  /** A benchmark of the module at {@code wasm}, typically a module's build output {@code target/plugin.wasm}. */
  public static V8Benchmark load(Path wasm) {
    return new V8Benchmark(wasm);
  }

  /** The plugin configuration, read by the plugin in {@code proxy_on_configure}; empty by default. */
  public V8Benchmark pluginConfig(String configuration) {
    return pluginConfig(configuration.getBytes(StandardCharsets.UTF_8));
  }

  public V8Benchmark pluginConfig(byte[] configuration) {
    pluginConfig = configuration.clone();
    return this;
  }

  /** The VM configuration, read by the plugin in {@code proxy_on_vm_start}; empty by default. */
  public V8Benchmark vmConfig(String configuration) {
    vmConfig = configuration.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** The root id (property {@code plugin_root_id}). */
  public V8Benchmark rootId(String rootId) {
    this.rootId = rootId;
    return this;
  }

  /** The VM id (property {@code plugin_vm_id}). */
  public V8Benchmark vmId(String vmId) {
    this.vmId = vmId;
    return this;
  }

  /** The plugin name (property {@code plugin_name}). */
  public V8Benchmark pluginName(String name) {
    this.pluginName = name;
    return this;
  }

  /**
   * A property the plugin can read with {@code proxy_get_property}, e.g.
   * {@code property("source.address", "10.0.0.1:5000")}: dots separate path segments, as in
   * {@link ProxyWasmHost.Builder#property(String, String)}.
   */
  public V8Benchmark property(String path, String value) {
    properties.put(ProxyWasmHost.propertyKey(path), value);
    return this;
  }

  /** The request to send: headers only, which end the stream. */
  public V8Benchmark request(Headers headers) {
    this.headers = headers;
    this.body = null;
    return this;
  }

  /** The request to send: headers, then {@code body} (UTF-8) in one chunk that ends the stream. */
  public V8Benchmark request(Headers headers, String body) {
    return request(headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The request to send: headers, then {@code body} in one chunk that ends the stream. */
  public V8Benchmark request(Headers headers, byte[] body) {
    this.headers = headers;
    this.body = body.clone();
    return this;
  }

  /** Requests sent after the first and before the timed ones, for V8 to tier up (2,000 by default). */
  public V8Benchmark warmUp(int requests) {
    if (requests < 0) {
      throw new IllegalArgumentException("warm-up requests must be at least 0: " + requests);
    }
    warmUp = requests;
    return this;
  }

  /** Requests timed (20,000 by default). */
  public V8Benchmark requests(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one request must be timed: " + count);
    }
    requests = count;
    return this;
  }

  /**
   * Also records V8's CPU profile of the run ({@code node --cpu-prof}, a sample every 50 µs) to
   * {@code file}, for {@link V8Profile#read}. V8 names the module's functions from its name
   * section: profile a module that has one (a plugin's {@code target/plugin.named.wasm}, built
   * with {@code -Dteavm.minifying=false} for readable names).
   */
  public V8Benchmark cpuProfile(Path file) {
    cpuProfile = file;
    return this;
  }

  /**
   * Runs the module in Node and returns what it measured and what the plugin did.
   *
   * @throws IllegalStateException when no request was set, node cannot be run (with how to install
   *     it), the plugin traps or calls an import the V8 bench host does not implement (with node's
   *     message and the plugin's warnings)
   * @throws PluginStartException when {@code proxy_on_vm_start} or {@code proxy_on_configure}
   *     returns false
   * @throws UncheckedIOException when the module cannot be read or the temporary files written
   */
  public Result run() {
    if (headers == null) {
      throw new IllegalStateException("set the request to send with request(headers[, body])");
    }
    if (!Files.isRegularFile(wasm)) {
      throw new UncheckedIOException(new IOException("no Wasm module at " + wasm.toAbsolutePath()
          + " (was the module built?)"));
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("v8-bench");
      Path script = dir.resolve(HOST_SCRIPT);
      try (InputStream in = V8Benchmark.class.getResourceAsStream(HOST_SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException(HOST_SCRIPT + " is missing from the harness's resources");
        }
        Files.copy(in, script);
      }
      Path input = Files.writeString(dir.resolve("input.json"), inputJson());
      Path errors = dir.resolve("stderr.txt");
      Path profiles = cpuProfile == null ? null : Files.createDirectory(dir.resolve("profiles"));
      Result result = parse(node(script, input, errors, profiles), errors);
      if (profiles != null) {
        keepProfile(profiles);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the V8 bench's files", e);
    } finally {
      deleteAll(dir);
    }
  }

  private String inputJson() {
    Base64.Encoder base64 = Base64.getEncoder();
    StringBuilder json = new StringBuilder("{\"module\": ")
        .append(Json.quote(wasm.toAbsolutePath().toString()))
        .append(", \"pluginConfig\": \"").append(base64.encodeToString(pluginConfig))
        .append("\", \"vmConfig\": \"").append(base64.encodeToString(vmConfig))
        .append("\", \"rootId\": ").append(Json.quote(rootId))
        .append(", \"vmId\": ").append(Json.quote(vmId))
        .append(", \"pluginName\": ").append(Json.quote(pluginName))
        .append(", \"properties\": ").append(pairs(properties.entrySet().stream().toList()))
        .append(", \"headers\": ").append(pairs(headers.entries()))
        .append(", \"body\": ").append(body == null ? "null" : "\"" + base64.encodeToString(body) + "\"")
        .append(", \"warmUp\": ").append(warmUp)
        .append(", \"requests\": ").append(requests)
        .append("}");
    return json.toString();
  }

  private static String pairs(List<Map.Entry<String, String>> entries) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      pairs.add("[" + Json.quote(e.getKey()) + ", " + Json.quote(e.getValue()) + "]");
    }
    return "[" + String.join(", ", pairs) + "]";
  }

  /** Runs node; returns its exit code and standard output. */
  private record NodeRun(int exitCode, String output) {}

  private static NodeRun node(Path script, Path input, Path errors, Path profiles) throws IOException {
    List<String> command = new ArrayList<>(List.of("node"));
    if (profiles != null) {
      command.addAll(List.of("--cpu-prof", "--cpu-prof-interval", "50", "--cpu-prof-dir", profiles.toString()));
    }
    command.addAll(List.of(script.toString(), input.toString()));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("Node.js 20 is needed to run the V8 benchmark and could not"
          + " be run (" + e.getMessage() + "); install it with: apt-get install nodejs", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the V8 benchmark did not finish in " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the V8 benchmark", e);
    }
    return new NodeRun(process.exitValue(), output);
  }

  @SuppressWarnings("unchecked")
  private Result parse(NodeRun run, Path errors) throws IOException {
    Map<String, Object> answer;
    try {
      answer = (Map<String, Object>) Json.parse(run.output().strip());
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("node exited with " + run.exitCode() + " and no answer from the"
          + " V8 bench host; its output: " + run.output().strip() + "; its errors: "
          + Files.readString(errors).strip(), e);
    }
    List<LogEntry> logs = logs((List<Object>) answer.get("logs"));
    if (answer.get("error") != null) {
      String callback = (String) answer.get("callback");
      if (callback != null) {
        throw new PluginStartException(callback, rootId, logs);
      }
      throw new IllegalStateException("the V8 bench host failed: " + answer.get("error")
          + (logs.isEmpty() ? "" : "; the plugin logged: " + logs));
    }
    return new Result(answer, logs, warmUp, requests);
  }

  /** Moves the profile node wrote (one file) to {@link #cpuProfile}. */
  private void keepProfile(Path profiles) throws IOException {
    try (Stream<Path> files = Files.list(profiles)) {
      Path written = files.filter(f -> f.toString().endsWith(".cpuprofile")).findFirst()
          .orElseThrow(() -> new IllegalStateException("node wrote no CPU profile"));
      Path parent = cpuProfile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.move(written, cpuProfile, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<LogEntry> logs(List<Object> entries) {
    List<LogEntry> logs = new ArrayList<>();
    for (Object e : entries) {
      Map<?, ?> entry = (Map<?, ?>) e;
      logs.add(new LogEntry(LogLevel.fromCode(((Long) entry.get("level")).intValue()),
          (String) entry.get("message")));
    }
    return List.copyOf(logs);
  }

  private static void deleteAll(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Only temporary files are left behind.
    }
  }

  /**
   * What a {@link V8Benchmark} measured, and what the plugin did to the first request: its
   * answer, the request as the plugin left it, its warnings and metrics.
   */
  public static final class Result {
    private final String nodeVersion;
    private final int warmUp;
    private final int requests;
    private final double medianMicros;
    private final double meanMicros;
    private final double headersAndBodyMedianMicros;
    private final double headersAndBodyMeanMicros;
    private final Action headersAction;
    private final Action bodyAction;
    private final LocalResponse localResponse;
    private final boolean reset;
    private final Headers requestHeaders;
    private final String requestBody;
    private final Map<String, Long> metricsAfterFirstRequest;
    private final Map<String, Long> metrics;
    private final List<LogEntry> logs;
    private final long laterLogLines;
    private final long localResponses;
    private final long memoryBefore;
    private final long memoryAfter;

    @SuppressWarnings("unchecked")
    private Result(Map<String, Object> answer, List<LogEntry> logs, int warmUp, int requests) {
      Map<String, Object> first = (Map<String, Object>) answer.get("firstRequest");
      Map<String, Object> total = (Map<String, Object>) answer.get("micros");
      Map<String, Object> headersAndBody = (Map<String, Object>) answer.get("headersAndBodyMicros");
      this.nodeVersion = (String) answer.get("node");
      this.warmUp = warmUp;
      this.requests = requests;
      this.medianMicros = number(total.get("median"));
      this.meanMicros = number(total.get("mean"));
      this.headersAndBodyMedianMicros = number(headersAndBody.get("median"));
      this.headersAndBodyMeanMicros = number(headersAndBody.get("mean"));
      this.headersAction = Action.valueOf((String) first.get("headersAction"));
      this.bodyAction = first.get("bodyAction") == null ? null
          : Action.valueOf((String) first.get("bodyAction"));
      this.localResponse = localResponse((Map<String, Object>) first.get("localResponse"));
      this.reset = (Boolean) first.get("reset");
      this.requestHeaders = headers((List<Object>) first.get("requestHeaders"));
      this.requestBody = (String) first.get("requestBody");
      this.metricsAfterFirstRequest = metrics((Map<String, Object>) first.get("metrics"));
      this.metrics = metrics((Map<String, Object>) answer.get("metrics"));
      this.logs = logs;
      this.laterLogLines = (Long) answer.get("laterLogLines");
      this.localResponses = (Long) answer.get("localResponses");
      this.memoryBefore = (Long) answer.get("memoryBefore");
      this.memoryAfter = (Long) answer.get("memoryAfter");
    }

    private static double number(Object value) {
      return ((Number) value).doubleValue();
    }

    private static Headers headers(List<Object> pairs) {
      List<String> flat = new ArrayList<>();
      for (Object pair : pairs) {
        List<?> p = (List<?>) pair;
        flat.add((String) p.get(0));
        flat.add((String) p.get(1));
      }
      return Headers.of(flat.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private static LocalResponse localResponse(Map<String, Object> reply) {
      if (reply == null) {
        return null;
      }
      return new LocalResponse(((Long) reply.get("status")).intValue(),
          headers((List<Object>) reply.get("headers")), (String) reply.get("body"),
          (String) reply.get("details"), ((Long) reply.get("grpcStatus")).intValue());
    }

    private static Map<String, Long> metrics(Map<String, Object> values) {
      Map<String, Long> metrics = new LinkedHashMap<>();
      values.forEach((name, value) -> metrics.put(name, ((Number) value).longValue()));
      return Map.copyOf(metrics);
    }

    /** The Node version that ran it, e.g. {@code v20.20.2}. */
    public String nodeVersion() {
      return nodeVersion;
    }

    /** Requests sent between the first and the timed ones. */
    public int warmUp() {
      return warmUp;
    }

    /** Requests timed. */
    public int requests() {
      return requests;
    }

    /** Median µs per request, {@code proxy_on_context_create} to {@code proxy_on_delete}. */
    public double medianMicros() {
      return medianMicros;
    }

    /** Mean µs per request, {@code proxy_on_context_create} to {@code proxy_on_delete}: the guest's GC shows here. */
    public double meanMicros() {
      return meanMicros;
    }

    /** Median µs of {@code proxy_on_request_headers} and {@code proxy_on_request_body} alone. */
    public double headersAndBodyMedianMicros() {
      return headersAndBodyMedianMicros;
    }

    /** Mean µs of {@code proxy_on_request_headers} and {@code proxy_on_request_body} alone. */
    public double headersAndBodyMeanMicros() {
      return headersAndBodyMeanMicros;
    }

    /** Envoy's decision after the first request's headers ({@link Action#PAUSE} when it sent a local response). */
    public Action headersAction() {
      return headersAction;
    }

    /** Envoy's decision after the first request's body; empty when the body did not reach the plugin. */
    public Optional<Action> bodyAction() {
      return Optional.ofNullable(bodyAction);
    }

    /**
     * The local response the plugin sent the first request, if any: {@code :status}, the plugin's
     * headers, then {@code content-length} and ({@code text/plain}, unless the plugin set one)
     * {@code content-type} for a body, as Envoy and the harness build it (without the plugin's
     * response callbacks, which this host does not run).
     */
    public Optional<LocalResponse> localResponse() {
      return Optional.ofNullable(localResponse);
    }

    /** Whether the plugin reset the first request's stream ({@code proxy_close_stream}). */
    public boolean wasReset() {
      return reset;
    }

    /** The first request's headers as the plugin left them (names lower-cased). */
    public Headers requestHeaders() {
      return requestHeaders;
    }

    /** The first request's body as the plugin left it (UTF-8); empty when there was none. */
    public Optional<String> requestBody() {
      return Optional.ofNullable(requestBody);
    }

    /** Every counter and gauge by name after start-up and the first request. */
    public Map<String, Long> metricsAfterFirstRequest() {
      return metricsAfterFirstRequest;
    }

    /** Every counter and gauge by name after all {@code 1 + warmUp + requests} requests. */
    public Map<String, Long> metrics() {
      return metrics;
    }

    /** What the plugin logged at WARN and above during start-up and the first request. */
    public List<LogEntry> logs() {
      return logs;
    }

    /** How many lines the plugin logged at WARN and above after the first request (not kept). */
    public long logLinesAfterFirstRequest() {
      return laterLogLines;
    }

    /** How many of all {@code 1 + warmUp + requests} requests got a local response. */
    public long localResponses() {
      return localResponses;
    }

    /** The plugin's linear memory in bytes after the warm-up, before the timed requests. */
    public long memoryBefore() {
      return memoryBefore;
    }

    /** The plugin's linear memory in bytes after the timed requests. */
    public long memoryAfter() {
      return memoryAfter;
    }

    @Override
    public String toString() {
      return String.format("V8 (Node %s): %.2f us median, %.2f us mean per request (headers + body"
          + " %.2f / %.2f us) over %d requests after %d warm-up", nodeVersion, medianMicros,
          meanMicros, headersAndBodyMedianMicros, headersAndBodyMeanMicros, requests, warmUp);
    }
  }
}
