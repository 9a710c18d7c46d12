package dev.proxywasm.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A Proxy-Wasm host that runs any Proxy-Wasm (ABI 0.2.1, 0.2.0 or 0.1.0) module the way Envoy
 * does, for tests: load a module, configure it, push HTTP streams or TCP connections through it,
 * answer its outgoing calls, then assert on what came out.
 *
 * <pre>{@code
 * try (ProxyWasmHost host = ProxyWasmHost.load(Path.of("target/plugin.wasm"))
 *     .pluginConfig("{\"realm\": \"api\"}")
 *     .start()) {
 *   HttpStream stream = host.newHttpStream();
 *   assertEquals(Action.PAUSE, stream.sendRequestHeaders(
 *       Headers.of(":method", "GET", ":path", "/api", ":authority", "x"), true));
 *   assertEquals(401, stream.localResponse().status());
 *   assertEquals(1, host.metric("auth_denied"));
 * }
 * }</pre>
 *
 * <p>Start-up is Envoy's: instantiate, {@code _initialize} (then {@code main}) or {@code _start}
 * with only the logging, clock, random, args and environment host functions allowed, then on the
 * plugin context {@code proxy_on_context_create}, {@code proxy_on_vm_start} and
 * {@code proxy_on_configure}. Outgoing calls are answered through {@link HttpCall} and
 * {@link GrpcCall}; time only moves when the test moves it ({@link #advanceTime}); random bytes
 * come from a fixed seed, so runs repeat exactly. A trap in the plugin makes the running call
 * throw {@link WasmTrapException}. Not thread-safe: one test thread drives one host.
 */
public final class ProxyWasmHost implements AutoCloseable {
  /** A callback's raw result and whether a local response made Envoy stop iteration anyway. */
  record Result(int value, boolean stopIteration) {
    static final Result NOT_EXPORTED = new Result(0, false);

    Action action() {
      return stopIteration ? Action.PAUSE : Action.fromGuest(value);
    }
  }

  // Configuration.
  final String pluginName;
  final String vmId;
  final byte[] vmConfiguration;
  final Map<String, byte[]> properties;
  final Map<String, Consumer<HttpCall>> clusters;
  final Map<String, UnaryOperator<byte[]>> foreignFunctions;
  final LogLevel logLevel;
  final List<Map.Entry<String, String>> environment;
  final String abiVersion;
  final String allocator;

  private final Guest guest;
  private final boolean countingInstructions;
  /** Labels of the module's defined functions, in index order, when profiling; else null. */
  private final List<String> profiledFunctions;

  // Observable state.
  private final List<LogEntry> logs = new ArrayList<>();
  private final List<String> diagnostics = new ArrayList<>();
  private final List<CallCost> costs = new ArrayList<>();
  final Metrics metrics = new Metrics();
  final SharedData sharedData = new SharedData();
  final SharedQueues queues = new SharedQueues();
  final List<HttpCall> httpCalls = new ArrayList<>();
  final List<GrpcCall> grpcCalls = new ArrayList<>();
  final Map<Integer, GrpcCall> openGrpcCalls = new HashMap<>();
  final SplittableRandom random = new SplittableRandom(0x5EED);
  int nextHttpCallToken = 1;
  int nextGrpcCallToken = 1;
  int nextGrpcStreamToken = 2;

  // Contexts.
  private final Map<Integer, HostContext> contexts = new LinkedHashMap<>();
  private final List<PluginContext> pendingDone = new ArrayList<>();
  private final PluginContext vmContext;
  private PluginContext plugin;
  private int nextContextId = 1;

  // The VM call in progress.
  private HostContext current;
  int effectiveContextId;
  boolean stopIteration;
  boolean initializing;
  private int depth;
  private final Deque<Runnable> afterCall = new ArrayDeque<>();
  private WasmTrapException failure;
  private boolean closed;

  // Time: real time as the plugin sees it, moved only by the test.
  long clockNanos;
  private final long startNanos;

  private ProxyWasmHost(Builder builder, byte[] wasm) {
    pluginName = builder.pluginName;
    vmId = builder.vmId;
    vmConfiguration = builder.vmConfiguration;
    properties = Map.copyOf(builder.properties);
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.clusters));
    foreignFunctions = Map.copyOf(builder.foreignFunctions);
    logLevel = builder.logLevel;
    environment = List.copyOf(builder.environment.entrySet());
    countingInstructions = builder.countInstructions;
    clockNanos = builder.startTime.getEpochSecond() * 1_000_000_000L + builder.startTime.getNano();
    startNanos = clockNanos;

    WasmModuleInfo info = WasmModuleInfo.read(wasm);
    abiVersion = info.abiVersion().orElseThrow(() -> new IllegalArgumentException(builder.source
        + " exports no proxy_abi_version_* function: Envoy refuses it (Missing or unknown"
        + " Proxy-Wasm ABI version)"));
    // cpp-host looks for malloc first and takes proxy_on_memory_allocate only in its absence.
    allocator = info.exportsFunction("malloc") ? "malloc"
        : info.exportsFunction("proxy_on_memory_allocate") ? "proxy_on_memory_allocate" : null;
    if (allocator == null) {
      throw new IllegalArgumentException(builder.source + " exports neither malloc nor"
          + " proxy_on_memory_allocate: Envoy refuses it (Wasm module is missing malloc function)");
    }
    byte[] code = countingInstructions
        ? InstructionCounter.instrument(wasm, builder.profileInstructions) : wasm;
    profiledFunctions = builder.profileInstructions ? List.copyOf(FunctionNames.read(wasm)
        .labels(info.importedFunctions(), (int) info.definedFunctions)) : null;
    Map<String, HostFunction> functions = new HashMap<>();
    for (HostFunction f : new ProxyAbi(this).functions(abiVersion)) {
      functions.put(f.qualifiedName(), f);
    }
    for (HostFunction f : new WasiFunctions(this).functions()) {
      functions.put(f.qualifiedName(), f);
    }
    guest = new Guest(code, functions, diagnostics::add);
    vmContext = new PluginContext(this, 0, "", new byte[0]);
  }

  /**
   * Starts configuring a host for the module at {@code wasm}, typically a module's build output
   * {@code target/plugin.wasm}.
   */
  public static Builder load(Path wasm) {
    return new Builder(wasm);
  }

  /** Envoy's start-up of the VM: {@code _initialize} and {@code main}, or {@code _start}. */
  private void initialize() {
    initializing = true;
    try {
      if (guest.exports("_initialize")) {
        call(vmContext, "_initialize");
        if (guest.exports("main")) {
          call(vmContext, "main", 0, 0);
        }
      } else if (guest.exports("_start")) {
        call(vmContext, "_start");
      }
    } finally {
      initializing = false;
    }
  }

  // ---------------------------------------------------------------- plugin contexts and streams

  /** The plugin context the host was started with. */
  public PluginContext plugin() {
    return plugin;
  }

  /**
   * Starts another plugin (root) context on the same VM, as Envoy does for a second filter
   * configuration sharing the VM: {@code proxy_on_context_create}, {@code proxy_on_vm_start},
   * {@code proxy_on_configure}.
   *
   * @throws PluginStartException when the plugin rejects it
   */
  public PluginContext startPlugin(String rootId, String pluginConfig) {
    return startPlugin(rootId, pluginConfig.getBytes(StandardCharsets.UTF_8));
  }

  private PluginContext startPlugin(String rootId, byte[] configuration) {
    return run(() -> {
      PluginContext context = new PluginContext(this, nextContextId++, rootId, configuration);
      contexts.put(context.id, context);
      createContext(context, 0);
      drain();
      if (callIfExported(context, "proxy_on_vm_start", context.id, vmConfiguration.length)
          .value() == 0 && guest.exports("proxy_on_vm_start")) {
        contexts.remove(context.id);
        throw new PluginStartException("proxy_on_vm_start", rootId, logs);
      }
      drain();
      context.configuring = true;
      Result configured;
      try {
        configured = callIfExported(context, "proxy_on_configure", context.id, configuration.length);
      } finally {
        context.configuring = false;
      }
      if (configured.value() == 0 && guest.exports("proxy_on_configure")) {
        contexts.remove(context.id);
        throw new PluginStartException("proxy_on_configure", rootId, logs);
      }
      return context;
    });
  }

  /** A new HTTP stream through the host's plugin context; see {@link HttpStream}. */
  public HttpStream newHttpStream() {
    return plugin.newHttpStream();
  }

  /** A new TCP connection through the host's plugin context; see {@link TcpConnection}. */
  public TcpConnection newTcpConnection() {
    return plugin.newTcpConnection();
  }

  HttpStream newHttpStream(PluginContext parent) {
    requireUsable();
    HttpStream stream = new HttpStream(this, nextContextId++, parent);
    contexts.put(stream.id, stream);
    return stream;
  }

  TcpConnection newTcpConnection(PluginContext parent) {
    requireUsable();
    TcpConnection connection = new TcpConnection(this, nextContextId++, parent);
    contexts.put(connection.id, connection);
    return connection;
  }

  // ---------------------------------------------------------------- what came out

  /** Every line the plugin logged (at or above the host's log level), in order. */
  public List<LogEntry> logs() {
    return List.copyOf(logs);
  }

  /** The messages the plugin logged at exactly {@code level}, in order. */
  public List<String> logMessages(LogLevel level) {
    return logs.stream().filter(e -> e.level() == level).map(LogEntry::message).toList();
  }

  /**
   * What the host noticed about the module that a test may want to know, for example a WASI
   * import Envoy does not provide (linked here to a stub returning ENOSYS).
   */
  public List<String> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /**
   * The value of the counter or gauge {@code name}.
   *
   * @throws AssertionError when the plugin defined no counter or gauge by that name
   */
  public long metric(String name) {
    for (Metrics.Metric m : metrics.all()) {
      if (m.name.equals(name) && m.type != Metrics.HISTOGRAM) {
        return m.value;
      }
    }
    throw new AssertionError("the plugin defined no counter or gauge named \"" + name
        + "\"; it defined " + metricNames());
  }

  /**
   * Every value recorded in the histogram {@code name}, in order.
   *
   * @throws AssertionError when the plugin defined no histogram by that name
   */
  public List<Long> histogram(String name) {
    for (Metrics.Metric m : metrics.all()) {
      if (m.name.equals(name) && m.type == Metrics.HISTOGRAM) {
        return List.copyOf(m.recorded);
      }
    }
    throw new AssertionError("the plugin defined no histogram named \"" + name
        + "\"; it defined " + metricNames());
  }

  /** Every counter and gauge by name. */
  public Map<String, Long> metrics() {
    Map<String, Long> values = new LinkedHashMap<>();
    for (Metrics.Metric m : metrics.all()) {
      if (m.type != Metrics.HISTOGRAM) {
        values.put(m.name, m.value);
      }
    }
    return values;
  }

  private List<String> metricNames() {
    return metrics.all().stream().map(m -> m.name).toList();
  }

  /** The shared-data value under {@code key} (UTF-8), if any. */
  public Optional<String> sharedData(String key) {
    SharedData.Entry entry = sharedData.get(key);
    return entry == null ? Optional.empty()
        : Optional.of(new String(entry.value(), StandardCharsets.UTF_8));
  }

  /** Stores a shared-data value, as another VM or plugin would. */
  public void putSharedData(String key, String value) {
    sharedData.set(key, value.getBytes(StandardCharsets.UTF_8), 0);
  }

  /**
   * Adds an item to the shared queue {@code name} of this VM, as another VM would; the plugin
   * that registered it gets {@code proxy_on_queue_ready}.
   *
   * @throws IllegalArgumentException when no plugin registered that queue
   */
  public void enqueue(String name, String item) {
    SharedQueues.Queue queue = queues.byName(vmId, name);
    if (queue == null) {
      throw new IllegalArgumentException("no shared queue named \"" + name
          + "\" was registered by the plugin");
    }
    run(() -> {
      queue.items.add(item.getBytes(StandardCharsets.UTF_8));
      queueReady(queue);
      return null;
    });
  }

  /** The items waiting in the shared queue {@code name} (UTF-8), oldest first. */
  public List<String> queueItems(String name) {
    SharedQueues.Queue queue = queues.byName(vmId, name);
    if (queue == null) {
      return List.of();
    }
    return queue.items.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  /** Every HTTP call the plugin made, in order. */
  public List<HttpCall> httpCalls() {
    return List.copyOf(httpCalls);
  }

  /**
   * The plugin's latest HTTP call.
   *
   * @throws AssertionError when it made none
   */
  public HttpCall lastHttpCall() {
    if (httpCalls.isEmpty()) {
      throw new AssertionError("the plugin made no HTTP call");
    }
    return httpCalls.get(httpCalls.size() - 1);
  }

  /** Every gRPC call and stream the plugin opened, in order. */
  public List<GrpcCall> grpcCalls() {
    return List.copyOf(grpcCalls);
  }

  /** The host's clock as the plugin reads it. */
  public Instant now() {
    return Instant.ofEpochSecond(0, clockNanos);
  }

  /**
   * Moves the clock forward, firing every tick ({@code proxy_on_tick}) that falls due on the way,
   * in time order.
   */
  public void advanceTime(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    long target = clockNanos + duration.toNanos();
    run(() -> {
      while (true) {
        PluginContext due = null;
        for (HostContext c : contexts.values()) {
          if (c instanceof PluginContext p && p.tickPeriodMillis > 0 && p.nextTickNanos <= target
              && (due == null || p.nextTickNanos < due.nextTickNanos)) {
            due = p;
          }
        }
        if (due == null) {
          break;
        }
        clockNanos = Math.max(clockNanos, due.nextTickNanos);
        due.nextTickNanos += due.tickPeriodMillis * 1_000_000L;
        callIfExported(due, "proxy_on_tick", due.id);
        drain();
      }
      clockNanos = target;
      return null;
    });
  }

  /** Fires the host's plugin's next tick; see {@link PluginContext#tick()}. */
  public void tick() {
    plugin.tick();
  }

  /** The cost of the latest top-level callback into the plugin. */
  public CallCost lastCallCost() {
    if (costs.isEmpty()) {
      throw new IllegalStateException("no callback has run yet");
    }
    return costs.get(costs.size() - 1);
  }

  /** The cost of every top-level callback into the plugin so far, in order (start-up included). */
  public List<CallCost> callCosts() {
    return List.copyOf(costs);
  }

  /**
   * Each function's self instructions since the module was instantiated (start-up included), as
   * a snapshot; {@link InstructionProfile#minus} one taken earlier to see a window, such as one
   * request. Its total for a window is the sum of the {@link CallCost#instructions()} of the
   * callbacks in it.
   *
   * @throws IllegalStateException when the host was built without
   *     {@link Builder#profileInstructions()}, or is closed
   */
  public InstructionProfile instructionProfile() {
    if (profiledFunctions == null) {
      throw new IllegalStateException("functions are not profiled: build the host with"
          + " ProxyWasmHost.Builder.profileInstructions()");
    }
    if (closed) {
      throw new IllegalStateException("the host is closed");
    }
    long[] self = new long[profiledFunctions.size()];
    for (long r = 0; r < InstructionCounter.selfReaders(self.length); r++) {
      long[] counts = guest.callI64s(InstructionCounter.SELF_READER_PREFIX + r);
      System.arraycopy(counts, 0, self, (int) r * InstructionCounter.SELF_READER_SIZE,
          counts.length);
    }
    return new InstructionProfile(profiledFunctions, self);
  }

  /** The Proxy-Wasm ABI the module declared: {@code "0.2.1"}, {@code "0.2.0"} or {@code "0.1.0"}. */
  public String abiVersion() {
    return abiVersion.replace('_', '.');
  }

  /**
   * Shuts the plugin contexts down as Envoy does ({@code proxy_on_done}, then
   * {@code proxy_on_delete} unless the plugin asked to finish later) and frees the VM.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (failure == null && plugin != null) {
        for (HostContext c : List.copyOf(contexts.values())) {
          if (c instanceof PluginContext p) {
            Result done = callIfExported(p, "proxy_on_done", p.id);
            if (done.value() != 0 || !guest.exports("proxy_on_done")) {
              callIfExported(p, "proxy_on_delete", p.id);
            } else {
              pendingDone.add(p);
            }
            drain();
          }
        }
      }
    } finally {
      closed = true;
      guest.close();
    }
  }

  // ---------------------------------------------------------------- machinery for the contexts

  static String propertyKey(String path) {
    return path.indexOf('\0') >= 0 ? path : path.replace('.', '\0');
  }

  private void requireUsable() {
    if (closed) {
      throw new IllegalStateException("the host is closed");
    }
    if (failure != null) {
      throw new IllegalStateException("the plugin trapped earlier, so Envoy would have failed its"
          + " VM: " + failure.getMessage(), failure);
    }
  }

  /** Runs one event from the test, then Envoy's deferred work, and returns the event's result. */
  <T> T run(Supplier<T> event) {
    requireUsable();
    T result = event.get();
    drain();
    return result;
  }

  /** Envoy's "after VM call actions": work a callback asked for, done once it has returned. */
  void afterCall(Runnable action) {
    afterCall.add(action);
  }

  /** Runs {@code action} now when no callback is running, or after the running one. */
  void whenIdle(Runnable action) {
    if (depth > 0) {
      afterCall.add(action);
    } else {
      run(() -> {
        action.run();
        return null;
      });
    }
  }

  private void drain() {
    while (!afterCall.isEmpty() && failure == null) {
      afterCall.poll().run();
    }
  }

  void createContext(HostContext context, int parentId) {
    callIfExported(context, "proxy_on_context_create", context.id, parentId);
    context.created = true;
  }

  void removeContext(HostContext context) {
    contexts.remove(context.id);
  }

  HostContext context(int id) {
    return contexts.get(id);
  }

  /** The context host functions act on: the effective context if the plugin set one, else the current one. */
  HostContext effectiveContext() {
    if (effectiveContextId != 0) {
      HostContext effective = contexts.get(effectiveContextId);
      if (effective != null) {
        return effective;
      }
    }
    return current;
  }

  Result callIfExported(HostContext context, String callback, int... args) {
    return guest.exports(callback) ? call(context, callback, args) : Result.NOT_EXPORTED;
  }

  /** One callback into the plugin on {@code context}, measured. */
  private Result call(HostContext context, String callback, int... args) {
    requireUsable();
    HostContext previous = current;
    int previousEffective = effectiveContextId;
    boolean previousStop = stopIteration;
    current = context;
    effectiveContextId = 0;
    stopIteration = false;
    depth++;
    long instructionsBefore = countingInstructions ? guest.callI64(InstructionCounter.EXPORT) : 0;
    long hostBefore = guest.hostNanos();
    long callsBefore = guest.hostCalls();
    long start = System.nanoTime();
    try {
      int value = guest.call(callback, args);
      return new Result(value, stopIteration);
    } catch (WasmTrapException e) {
      failure = new WasmTrapException(e.getMessage() + describeRecentLogs(), e.getCause());
      throw failure;
    } finally {
      long wall = System.nanoTime() - start;
      depth--;
      if (depth == 0 && failure == null) {
        long instructions = countingInstructions
            ? guest.callI64(InstructionCounter.EXPORT) - instructionsBefore : -1;
        costs.add(new CallCost(callback, wall, guest.hostNanos() - hostBefore,
            guest.hostCalls() - callsBefore, instructions));
      }
      current = previous;
      effectiveContextId = previousEffective;
      stopIteration = previousStop;
    }
  }

  private String describeRecentLogs() {
    List<LogEntry> recent = logs.subList(Math.max(0, logs.size() - 5), logs.size());
    String text = recent.isEmpty() ? "" : "; the plugin's last log lines: " + recent;
    return diagnostics.isEmpty() ? text : text + "; host diagnostics: " + diagnostics;
  }

  /** Asks the plugin's allocator for {@code size} bytes; 0 when it failed. */
  int allocate(int size) {
    return guest.call(allocator, size);
  }

  GuestMemory memory() {
    return guest.memory;
  }

  /**
   * The plugin's linear-memory size in bytes. Wasm memory only grows, so a size that stays put
   * over many requests shows memory use is flat.
   */
  public long memorySize() {
    return guest.memory.size();
  }

  void log(LogLevel level, String message) {
    if (level.ordinal() >= logLevel.ordinal()) {
      logs.add(new LogEntry(level, message));
    }
  }

  void diagnose(String message) {
    diagnostics.add(message);
  }

  long monotonicNanos() {
    return clockNanos - startNanos;
  }

  void setTickPeriod(HostContext context, long millis) {
    PluginContext root = context.pluginContext();
    root.tickPeriodMillis = millis;
    root.nextTickNanos = clockNanos + millis * 1_000_000L;
  }

  void queueReady(SharedQueues.Queue queue) {
    afterCall(() -> {
      HostContext owner = contexts.get(queue.contextId);
      if (owner != null) {
        callIfExported(owner, "proxy_on_queue_ready", owner.id, queue.token);
      }
    });
  }

  /** {@code proxy_done}: finishes a plugin context that asked, from {@code proxy_on_done}, to finish later. */
  Status done(HostContext context) {
    PluginContext root = context.pluginContext();
    if (!pendingDone.remove(root)) {
      return Status.NOT_FOUND;
    }
    afterCall(() -> callIfExported(root, "proxy_on_delete", root.id));
    return Status.OK;
  }

  void callOnForeignFunction(PluginContext context, int functionId, byte[] arguments) {
    run(() -> {
      context.foreignArguments = arguments.clone();
      try {
        callIfExported(context, "proxy_on_foreign_function", context.id, functionId,
            arguments.length);
      } finally {
        context.foreignArguments = null;
      }
      return null;
    });
  }

  void deliverHttpCallResponse(PluginContext context, int token, HttpCall.Response response) {
    context.httpCallResponse = response;
    try {
      callIfExported(context, "proxy_on_http_call_response", context.id, token,
          response.headers().size(), response.body().length, response.trailers().size());
    } finally {
      context.httpCallResponse = null;
    }
  }

  void deliverHttpCallFailure(PluginContext context, int token) {
    context.statusCode = Status.BROKEN_CONNECTION.code;
    context.statusMessage = "reset";
    try {
      callIfExported(context, "proxy_on_http_call_response", context.id, token, 0, 0, 0);
    } finally {
      context.statusMessage = "";
    }
  }

  void deliverGrpcMetadata(PluginContext context, int token, HeaderMap metadata, boolean initial) {
    if (!openGrpcCalls.containsKey(token)) {
      return;
    }
    if (initial) {
      context.grpcInitialMetadata = metadata;
    } else {
      context.grpcTrailingMetadata = metadata;
    }
    try {
      callIfExported(context, initial ? "proxy_on_grpc_receive_initial_metadata"
          : "proxy_on_grpc_receive_trailing_metadata", context.id, token, metadata.size());
    } finally {
      context.grpcInitialMetadata = null;
      context.grpcTrailingMetadata = null;
    }
  }

  void deliverGrpcMessage(PluginContext context, int token, byte[] message, boolean endsCall) {
    if (!openGrpcCalls.containsKey(token)) {
      return;
    }
    context.grpcMessage = message;
    try {
      callIfExported(context, "proxy_on_grpc_receive", context.id, token, message.length);
    } finally {
      context.grpcMessage = null;
      if (endsCall) {
        openGrpcCalls.remove(token);
      }
    }
  }

  void deliverGrpcClose(PluginContext context, int token, int status, String message) {
    if (openGrpcCalls.remove(token) == null) {
      return;
    }
    context.statusCode = status;
    context.statusMessage = message;
    try {
      callIfExported(context, "proxy_on_grpc_close", context.id, token, status);
    } finally {
      context.statusMessage = "";
    }
  }

  /**
   * Configures a {@link ProxyWasmHost} before it starts. Every setting has Envoy's default: empty
   * configurations, root id and VM id, no clusters, no properties beyond the plugin's own.
   */
  public static final class Builder {
    private final Path source;
    private String pluginName = "";
    private String rootId = "";
    private String vmId = "";
    private byte[] vmConfiguration = new byte[0];
    private byte[] pluginConfiguration = new byte[0];
    private final Map<String, byte[]> properties = new LinkedHashMap<>();
    private final Map<String, Consumer<HttpCall>> clusters = new LinkedHashMap<>();
    private final Map<String, UnaryOperator<byte[]>> foreignFunctions = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private LogLevel logLevel = LogLevel.TRACE;
    private boolean countInstructions;
    private boolean profileInstructions;
    private Instant startTime = Instant.now();

    private Builder(Path source) {
      this.source = source;
    }

    /** The plugin configuration, read by the plugin in {@code proxy_on_configure}. */
    public Builder pluginConfig(String configuration) {
      return pluginConfig(configuration.getBytes(StandardCharsets.UTF_8));
    }

    public Builder pluginConfig(byte[] configuration) {
      pluginConfiguration = configuration.clone();
      return this;
    }

    /** The VM configuration, read by the plugin in {@code proxy_on_vm_start}. */
    public Builder vmConfig(String configuration) {
      return vmConfig(configuration.getBytes(StandardCharsets.UTF_8));
    }

    public Builder vmConfig(byte[] configuration) {
      vmConfiguration = configuration.clone();
      return this;
    }

    /** The root id of the host's plugin context (property {@code plugin_root_id}). */
    public Builder rootId(String rootId) {
      this.rootId = rootId;
      return this;
    }

    /** The VM id (property {@code plugin_vm_id}; shared queues are per VM id). */
    public Builder vmId(String vmId) {
      this.vmId = vmId;
      return this;
    }

    /** The plugin name (property {@code plugin_name}). */
    public Builder pluginName(String name) {
      this.pluginName = name;
      return this;
    }

    /**
     * A property every context can read with {@code proxy_get_property}, e.g.
     * {@code property("source.address", "10.0.0.1:5000")}. Dots separate path segments; a path
     * containing {@code \0} is taken as already split. Streams derive {@code request.*} and
     * {@code response.*} from their headers themselves.
     */
    public Builder property(String path, String value) {
      return property(path, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A property whose value Envoy serialises as an int64 (8 bytes, little-endian), e.g. {@code source.port}. */
    public Builder property(String path, long value) {
      return property(path, HostContext.int64(value));
    }

    /** A property with a raw (already serialised) value. */
    public Builder property(String path, byte[] value) {
      properties.put(propertyKey(path), value.clone());
      return this;
    }

    /**
     * Declares an upstream cluster; the test answers its calls later, through
     * {@link ProxyWasmHost#httpCalls()} or {@link ProxyWasmHost#grpcCalls()}. A call to an
     * undeclared cluster gets BadArgument (gRPC: ParseFailure), as in Envoy.
     */
    public Builder cluster(String name) {
      clusters.put(name, null);
      return this;
    }

    /**
     * Declares an upstream cluster whose HTTP calls {@code responder} answers as soon as they are
     * made (the plugin still gets the response after its current callback, as in Envoy):
     * {@code cluster("auth", call -> call.respond(200, Headers.empty(), "ok"))}.
     */
    public Builder cluster(String name, Consumer<HttpCall> responder) {
      clusters.put(name, responder);
      return this;
    }

    /** A function the plugin may call with {@code proxy_call_foreign_function}. */
    public Builder foreignFunction(String name, UnaryOperator<byte[]> function) {
      foreignFunctions.put(name, function);
      return this;
    }

    /** An environment variable the plugin reads through WASI ({@code environ_get}). */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * The host's log level: what {@code proxy_get_log_level} reports and below which log lines
     * are dropped. TRACE (keep everything) by default; Envoy's default is INFO.
     */
    public Builder logLevel(LogLevel level) {
      logLevel = level;
      return this;
    }

    /**
     * Counts executed WebAssembly instructions per callback ({@link CallCost#instructions()}), a
     * deterministic cost. The module is instrumented for it (a counter update per basic block),
     * which slows it down; wall times are then not those of the shipped module.
     */
    public Builder countInstructions() {
      countInstructions = true;
      return this;
    }

    /**
     * Counts instructions as {@link #countInstructions()} does, and also each function's self
     * instructions, read with {@link ProxyWasmHost#instructionProfile()}: where a filter's
     * instructions go. Each function gets a counter of its own, updated alongside the total, so
     * the module runs slower still; the counts are the same as without profiling. Functions are
     * named from the module's {@code name} section: load a module that kept one, such as the
     * {@code target/plugin.named.wasm} the plugin build writes next to the shipped module (TeaVM
     * writes names only when not minifying: build with {@code -Dteavm.minifying=false}).
     */
    public Builder profileInstructions() {
      countInstructions = true;
      profileInstructions = true;
      return this;
    }

    /** The time the host's clock starts at (now, by default). */
    public Builder startTime(Instant time) {
      startTime = time;
      return this;
    }

    /**
     * Loads and instantiates the module, initialises it and starts the plugin context.
     *
     * @throws PluginStartException when the plugin rejects its VM or plugin configuration
     * @throws WasmTrapException when the plugin traps while starting
     * @throws IllegalArgumentException when the module is not one Envoy would load
     * @throws UncheckedIOException when the file cannot be read
     */
    public ProxyWasmHost start() {
      byte[] wasm;
      try {
        wasm = Files.readAllBytes(source);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the Wasm module " + source.toAbsolutePath()
            + (Files.exists(source) ? "" : " (it does not exist: was the module built?)"), e);
      }
      ProxyWasmHost host = new ProxyWasmHost(this, wasm);
      try {
        host.initialize();
        host.plugin = host.startPlugin(rootId, pluginConfiguration);
        return host;
      } catch (RuntimeException e) {
        host.close();
        throw e;
      }
    }
  }
}
