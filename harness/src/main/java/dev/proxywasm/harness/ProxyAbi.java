package dev.proxywasm.harness;

import io.github.kawamuray.wasmtime.Val;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The {@code env.proxy_*} host functions, with the argument checks and status codes of
 * proxy-wasm-cpp-host's exports.cc and the behaviour of Envoy's Wasm context.
 */
final class ProxyAbi {
  /** What a module may call while {@code _initialize}/{@code _start} runs; anything else fails the VM. */
  static final Set<String> ALLOWED_WHILE_INITIALIZING = Set.of("env.proxy_log",
      "fd_write", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get",
      "fd_prestat_get", "fd_prestat_dir_name", "clock_time_get", "random_get");

  private static final int MAX_LOG_LEVEL = 5;

  private final ProxyWasmHost host;
  private final List<HostFunction> functions = new ArrayList<>();

  ProxyAbi(ProxyWasmHost host) {
    this.host = host;
  }

  /** The qualified names of every function Envoy offers a module of ABI {@code abiVersion}. */
  static Set<String> envoyImports(String abiVersion) {
    // Only the names are read: no function is called, so no host is needed.
    Set<String> names = new java.util.HashSet<>();
    for (HostFunction f : new ProxyAbi(null).functions(abiVersion)) {
      names.add(f.qualifiedName());
    }
    for (HostFunction f : new WasiFunctions(null).functions()) {
      if (!f.name().equals(WasiFunctions.NOT_IN_ENVOY)) {
        names.add(f.qualifiedName());
      }
    }
    return names;
  }

  /** Every function Envoy offers a module of ABI {@code abiVersion} ("0_2_1", "0_2_0", "0_1_0"). */
  List<HostFunction> functions(String abiVersion) {
    define("log", "iii->i", a -> log(i(a, 0), i(a, 1), i(a, 2)));
    define("get_status", "iii->i", a -> getStatus(i(a, 0), i(a, 1), i(a, 2)));
    define("set_property", "iiii->i", a -> setProperty(i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
    define("get_property", "iiii->i", a -> getProperty(i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
    define("send_local_response", "iiiiiiii->i", a -> sendLocalResponse(i(a, 0), i(a, 1),
        i(a, 2), i(a, 3), i(a, 4), i(a, 5), i(a, 6), i(a, 7)));
    define("get_shared_data", "iiiii->i",
        a -> getSharedData(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("set_shared_data", "iiiii->i",
        a -> setSharedData(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("register_shared_queue", "iii->i", a -> registerQueue(i(a, 0), i(a, 1), i(a, 2)));
    define("resolve_shared_queue", "iiiii->i",
        a -> resolveQueue(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("dequeue_shared_queue", "iii->i", a -> dequeue(i(a, 0), i(a, 1), i(a, 2)));
    define("enqueue_shared_queue", "iii->i", a -> enqueue(i(a, 0), i(a, 1), i(a, 2)));
    define("get_header_map_value", "iiiii->i",
        a -> getHeaderMapValue(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("add_header_map_value", "iiiii->i",
        a -> modifyHeader(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), false));
    define("replace_header_map_value", "iiiii->i",
        a -> modifyHeader(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), true));
    define("remove_header_map_value", "iii->i",
        a -> removeHeader(i(a, 0), i(a, 1), i(a, 2)));
    define("get_header_map_pairs", "iii->i", a -> getHeaderMapPairs(i(a, 0), i(a, 1), i(a, 2)));
    define("set_header_map_pairs", "iii->i", a -> setHeaderMapPairs(i(a, 0), i(a, 1), i(a, 2)));
    define("get_header_map_size", "ii->i", a -> getHeaderMapSize(i(a, 0), i(a, 1)));
    define("get_buffer_status", "iii->i", a -> getBufferStatus(i(a, 0), i(a, 1), i(a, 2)));
    define("get_buffer_bytes", "iiiii->i",
        a -> getBufferBytes(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("set_buffer_bytes", "iiiii->i",
        a -> setBufferBytes(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
    define("http_call", "iiiiiiiiii->i", a -> httpCall(i(a, 0), i(a, 1), i(a, 2), i(a, 3),
        i(a, 4), i(a, 5), i(a, 6), i(a, 7), i(a, 8), i(a, 9)));
    define("grpc_call", "iiiiiiiiiiii->i", a -> grpcCall(a));
    define("grpc_stream", "iiiiiiiii->i", a -> grpcStream(a));
    define("grpc_close", "i->i", a -> grpcClose(i(a, 0)));
    define("grpc_cancel", "i->i", a -> grpcCancel(i(a, 0)));
    define("grpc_send", "iiii->i", a -> grpcSend(i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
    define("set_tick_period_milliseconds", "i->i", a -> setTickPeriod(i(a, 0)));
    define("get_current_time_nanoseconds", "i->i", a -> getCurrentTime(i(a, 0)));
    define("define_metric", "iiii->i", a -> defineMetric(i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
    define("increment_metric", "iI->i", a -> host.metrics.increment(i(a, 0), a[1].i64()).code);
    define("record_metric", "iI->i", a -> host.metrics.record(i(a, 0), a[1].i64()).code);
    define("get_metric", "ii->i", a -> getMetric(i(a, 0), i(a, 1)));
    define("set_effective_context", "i->i", a -> setEffectiveContext(i(a, 0)));
    define("done", "->i", a -> host.done(context()).code);
    define("call_foreign_function", "iiiiii->i",
        a -> callForeignFunction(i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
    switch (abiVersion) {
      case "0_1_0" -> {
        define("get_configuration", "ii->i", a -> getConfiguration(i(a, 0), i(a, 1)));
        define("continue_request", "->i", a -> continueStream(StreamType.HTTP_REQUEST.ordinal()));
        define("continue_response", "->i",
            a -> continueStream(StreamType.HTTP_RESPONSE.ordinal()));
        define("clear_route_cache", "->i", a -> Status.OK.code);
      }
      case "0_2_1" -> {
        defineStreamControl();
        define("get_log_level", "i->i", a -> getLogLevel(i(a, 0)));
      }
      default -> defineStreamControl();
    }
    functions.add(new HostFunction("env", "pthread_equal", HostFunction.signature("ii->i"),
        a -> i(a, 0) == i(a, 1) ? 1 : 0));
    functions.add(new HostFunction("env", "emscripten_notify_memory_growth",
        HostFunction.signature("i->"), a -> 0));
    return functions;
  }

  private void defineStreamControl() {
    define("continue_stream", "i->i", a -> continueStream(i(a, 0)));
    define("close_stream", "i->i", a -> closeStream(i(a, 0)));
  }

  /** Adds {@code proxy_<name>}: bad memory becomes InvalidMemoryAccess, start-up restrictions apply. */
  private void define(String name, String signature, HostFunction.Body body) {
    String qualified = "env.proxy_" + name;
    functions.add(new HostFunction("env", "proxy_" + name, HostFunction.signature(signature),
        args -> {
          if (host.initializing && !ALLOWED_WHILE_INITIALIZING.contains(qualified)) {
            throw new IllegalStateException("the module called " + qualified
                + " while initialising (_initialize/_start), where Envoy allows only logging,"
                + " clocks, random, args and environment: Envoy fails the VM");
          }
          try {
            return body.call(args);
          } catch (GuestMemory.OutOfBounds e) {
            return Status.INVALID_MEMORY_ACCESS.code;
          }
        }));
  }

  private static int i(Val[] args, int index) {
    return args[index].i32();
  }

  private static long unsigned(int value) {
    return Integer.toUnsignedLong(value);
  }

  private HostContext context() {
    return host.effectiveContext();
  }

  private GuestMemory memory() {
    return host.memory();
  }

  private byte[] read(int ptr, int size) {
    return memory().read(ptr, size);
  }

  private String string(int ptr, int size) {
    return new String(read(ptr, size), StandardCharsets.UTF_8);
  }

  /**
   * Returns {@code data} to the plugin as cpp-host does: one allocation by the plugin's allocator,
   * the bytes written right after it, then pointer and size into the plugin's return slots.
   * Empty data is returned as pointer 0, size 0, without allocating.
   */
  private void copyOut(byte[] data, int ptrPtr, int sizePtr) {
    int ptr = 0;
    if (data.length > 0) {
      ptr = host.allocate(data.length);
      if (ptr == 0 || !memory().contains(ptr, data.length)) {
        throw new GuestMemory.OutOfBounds(unsigned(ptr), data.length, -1);
      }
      memory().write(ptr, data);
    }
    memory().writeU32(ptrPtr, ptr);
    memory().writeU32(sizePtr, data.length);
  }

  // ---- logging, time, configuration

  private int log(int level, int ptr, int size) {
    if (unsigned(level) > MAX_LOG_LEVEL) {
      return Status.BAD_ARGUMENT.code;
    }
    host.log(LogLevel.fromCode(level), string(ptr, size));
    return Status.OK.code;
  }

  private int getLogLevel(int resultPtr) {
    memory().writeU32(resultPtr, host.logLevel.ordinal());
    return Status.OK.code;
  }

  private int getCurrentTime(int resultPtr) {
    memory().writeU64(resultPtr, host.clockNanos);
    return Status.OK.code;
  }

  private int setTickPeriod(int millis) {
    host.setTickPeriod(context(), unsigned(millis));
    return Status.OK.code;
  }

  /** ABI 0.1.0: the plugin configuration during proxy_on_configure, the VM configuration otherwise. */
  private int getConfiguration(int ptrPtr, int sizePtr) {
    Buffer plugin = context().configurationBuffer();
    copyOut(plugin != null ? plugin.bytes() : host.vmConfiguration, ptrPtr, sizePtr);
    return Status.OK.code;
  }

  /** As cpp-host: the status lives on the root context, whichever context is effective. */
  private int getStatus(int codePtr, int ptrPtr, int sizePtr) {
    HostContext context = context().pluginContext();
    memory().writeU32(codePtr, context.statusCode);
    copyOut(context.statusMessage.getBytes(StandardCharsets.UTF_8), ptrPtr, sizePtr);
    return Status.OK.code;
  }

  // ---- properties

  private int getProperty(int pathPtr, int pathSize, int ptrPtr, int sizePtr) {
    byte[] value = context().property(string(pathPtr, pathSize));
    if (value == null) {
      return Status.NOT_FOUND.code;
    }
    copyOut(value, ptrPtr, sizePtr);
    return Status.OK.code;
  }

  private int setProperty(int pathPtr, int pathSize, int valuePtr, int valueSize) {
    String path = string(pathPtr, pathSize);
    byte[] value = read(valuePtr, valueSize);
    return context().setProperty(path, value).code;
  }

  // ---- header maps

  private int getHeaderMapPairs(int type, int ptrPtr, int sizePtr) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    HeaderMap map = context().readableMap(mapType);
    copyOut(HeaderMapCodec.encode(map == null ? List.of() : map.entries()), ptrPtr, sizePtr);
    return Status.OK.code;
  }

  private int setHeaderMapPairs(int type, int ptr, int size) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    List<Map.Entry<String, String>> pairs = HeaderMapCodec.decode(read(ptr, size));
    HeaderMap map = context().mutableMap(mapType);
    if (map == null) {
      return Status.BAD_ARGUMENT.code;
    }
    map.setAll(pairs);
    return Status.OK.code;
  }

  private int getHeaderMapValue(int type, int keyPtr, int keySize, int ptrPtr, int sizePtr) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    String key = string(keyPtr, keySize);
    HostContext context = context();
    HeaderMap map = context.readableMap(mapType);
    boolean abi010 = host.abiVersion.equals("0_1_0");
    String value;
    if (map == null) {
      // Envoy: outside the callbacks that own a map it is BadArgument, except in the access log.
      if (!context.inAccessLogPhase()) {
        return Status.BAD_ARGUMENT.code;
      }
      value = null;
    } else {
      value = map.get(key);
    }
    if (value == null) {
      if (!abi010) {
        return Status.NOT_FOUND.code;
      }
      value = "";
    }
    copyOut(value.getBytes(StandardCharsets.UTF_8), ptrPtr, sizePtr);
    return Status.OK.code;
  }

  private int modifyHeader(int type, int keyPtr, int keySize, int valuePtr, int valueSize,
      boolean replace) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    String key = string(keyPtr, keySize);
    String value = string(valuePtr, valueSize);
    HeaderMap map = context().mutableMap(mapType);
    if (map == null) {
      return Status.BAD_ARGUMENT.code;
    }
    if (replace) {
      map.replace(key, value);
    } else {
      map.add(key, value);
    }
    return Status.OK.code;
  }

  private int removeHeader(int type, int keyPtr, int keySize) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    String key = string(keyPtr, keySize);
    HeaderMap map = context().mutableMap(mapType);
    if (map == null) {
      return Status.BAD_ARGUMENT.code;
    }
    map.remove(key);
    return Status.OK.code;
  }

  private int getHeaderMapSize(int type, int resultPtr) {
    MapType mapType = MapType.fromCode(type);
    if (mapType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    HeaderMap map = context().mutableMap(mapType);
    if (map == null) {
      return Status.BAD_ARGUMENT.code;
    }
    memory().writeU32(resultPtr, map.byteSize());
    return Status.OK.code;
  }

  // ---- buffers

  /** Runs {@code action} on the buffer of {@code type}: BadArgument for an unknown type, NotFound when absent. */
  private int withBuffer(int type, ToIntFunction<Buffer> action) {
    BufferType bufferType = BufferType.fromCode(type);
    if (bufferType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    Buffer buffer = context().buffer(bufferType);
    return buffer == null ? Status.NOT_FOUND.code : action.applyAsInt(buffer);
  }

  private int getBufferStatus(int type, int lengthPtr, int flagsPtr) {
    return withBuffer(type, buffer -> {
      memory().writeU32(lengthPtr, buffer.size());
      memory().writeU32(flagsPtr, 0);
      return Status.OK.code;
    });
  }

  private int getBufferBytes(int type, int start, int length, int ptrPtr, int sizePtr) {
    return withBuffer(type, buffer -> {
      byte[] data = buffer.bytes();
      long from = unsigned(start);
      // Past the end is Envoy's "buffer overflow" BadArgument; a long read is cut short.
      if (from > data.length) {
        return Status.BAD_ARGUMENT.code;
      }
      int count = (int) Math.min(unsigned(length), data.length - from);
      if (count > 0) {
        byte[] slice = new byte[count];
        System.arraycopy(data, (int) from, slice, 0, count);
        copyOut(slice, ptrPtr, sizePtr);
      }
      return Status.OK.code;
    });
  }

  private int setBufferBytes(int type, int start, int length, int dataPtr, int dataSize) {
    return withBuffer(type, buffer -> {
      byte[] data = read(dataPtr, dataSize);
      return buffer.replace(unsigned(start), unsigned(length), data).code;
    });
  }

  // ---- stream control

  private int continueStream(int type) {
    StreamType streamType = StreamType.fromCode(type);
    if (streamType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    HostContext context = context();
    return switch (streamType) {
      case HTTP_REQUEST, HTTP_RESPONSE ->
          context instanceof HttpStream stream ? stream.continueStream(streamType).code
              : Status.OK.code;
      case DOWNSTREAM -> context instanceof TcpConnection connection
          ? connection.continueStream(streamType).code : Status.OK.code;
      case UPSTREAM -> Status.UNIMPLEMENTED.code;
    };
  }

  private int closeStream(int type) {
    StreamType streamType = StreamType.fromCode(type);
    if (streamType == null) {
      return Status.BAD_ARGUMENT.code;
    }
    HostContext context = context();
    return switch (streamType) {
      case HTTP_REQUEST, HTTP_RESPONSE ->
          context instanceof HttpStream stream ? stream.closeStream().code : Status.OK.code;
      case DOWNSTREAM, UPSTREAM -> context instanceof TcpConnection connection
          ? connection.closeStream().code : Status.OK.code;
    };
  }

  private int sendLocalResponse(int status, int detailsPtr, int detailsSize, int bodyPtr,
      int bodySize, int headersPtr, int headersSize, int grpcStatus) {
    String details = string(detailsPtr, detailsSize);
    byte[] body = read(bodyPtr, bodySize);
    List<Map.Entry<String, String>> headers = HeaderMapCodec.decode(read(headersPtr, headersSize));
    if (context() instanceof HttpStream stream) {
      stream.sendLocalResponse(status, details, body, headers, grpcStatus);
    }
    host.stopIteration = true;
    return Status.OK.code;
  }

  // ---- outgoing calls

  private int httpCall(int clusterPtr, int clusterSize, int headersPtr, int headersSize,
      int bodyPtr, int bodySize, int trailersPtr, int trailersSize, int timeoutMillis,
      int tokenPtr) {
    PluginContext root = context().pluginContext();
    String cluster = string(clusterPtr, clusterSize);
    byte[] body = read(bodyPtr, bodySize);
    HeaderMap headers = new HeaderMap(Headers.of(HeaderMapCodec.decode(read(headersPtr, headersSize))));
    HeaderMap trailers = new HeaderMap(Headers.of(HeaderMapCodec.decode(read(trailersPtr, trailersSize))));
    // Like cpp-host, check the token slot before anything starts.
    memory().writeU32(tokenPtr, 0);
    if (timeoutMillis < 0 || !host.clusters.containsKey(cluster)) {
      return Status.BAD_ARGUMENT.code;
    }
    if (headers.get(":path") == null || headers.get(":method") == null
        || headers.get(":authority") == null) {
      return Status.BAD_ARGUMENT.code;
    }
    if (body.length > 0) {
      headers.replace("content-length", Integer.toString(body.length));
    }
    int token = host.nextHttpCallToken++;
    HttpCall call = new HttpCall(host, root, token, cluster, headers.snapshot(), body,
        trailers.snapshot(), Duration.ofMillis(timeoutMillis));
    host.httpCalls.add(call);
    memory().writeU32(tokenPtr, token);
    var responder = host.clusters.get(cluster);
    if (responder != null) {
      responder.accept(call);
    }
    return Status.OK.code;
  }

  private int grpcCall(Val[] a) {
    PluginContext root = context().pluginContext();
    String cluster = string(i(a, 0), i(a, 1));
    String service = string(i(a, 2), i(a, 3));
    String method = string(i(a, 4), i(a, 5));
    Headers metadata = Headers.of(HeaderMapCodec.decode(read(i(a, 6), i(a, 7))));
    byte[] message = read(i(a, 8), i(a, 9));
    if (!host.clusters.containsKey(cluster)) {
      return Status.PARSE_FAILURE.code;
    }
    int token = host.nextGrpcCallToken;
    host.nextGrpcCallToken += 2;
    GrpcCall call = new GrpcCall(host, root, token, false, cluster, service, method,
        metadata.lowerCased(), Duration.ofMillis(unsigned(i(a, 10))));
    call.addMessage(message);
    host.grpcCalls.add(call);
    host.openGrpcCalls.put(token, call);
    memory().writeU32(i(a, 11), token);
    return Status.OK.code;
  }

  private int grpcStream(Val[] a) {
    PluginContext root = context().pluginContext();
    String cluster = string(i(a, 0), i(a, 1));
    String service = string(i(a, 2), i(a, 3));
    String method = string(i(a, 4), i(a, 5));
    Headers metadata = Headers.of(HeaderMapCodec.decode(read(i(a, 6), i(a, 7))));
    if (!host.clusters.containsKey(cluster)) {
      return Status.PARSE_FAILURE.code;
    }
    int token = host.nextGrpcStreamToken;
    host.nextGrpcStreamToken += 2;
    GrpcCall call = new GrpcCall(host, root, token, true, cluster, service, method,
        metadata.lowerCased(), Duration.ZERO);
    host.grpcCalls.add(call);
    host.openGrpcCalls.put(token, call);
    memory().writeU32(i(a, 8), token);
    return Status.OK.code;
  }

  private int grpcSend(int token, int ptr, int size, int endOfStream) {
    byte[] message = read(ptr, size);
    if ((token & 1) == 1) {
      return Status.BAD_ARGUMENT.code;
    }
    GrpcCall call = host.openGrpcCalls.get(token);
    if (call == null) {
      return Status.NOT_FOUND.code;
    }
    call.addMessage(message);
    if (endOfStream != 0) {
      call.endOfStreamSent = true;
    }
    return Status.OK.code;
  }

  private int grpcCancel(int token) {
    GrpcCall call = host.openGrpcCalls.remove(token);
    if (call == null) {
      return Status.NOT_FOUND.code;
    }
    call.cancelled = true;
    return Status.OK.code;
  }

  private int grpcClose(int token) {
    GrpcCall call = host.openGrpcCalls.get(token);
    if (call == null) {
      return Status.NOT_FOUND.code;
    }
    call.closedByPlugin = true;
    if (!call.isStream()) {
      host.openGrpcCalls.remove(token);
    }
    return Status.OK.code;
  }

  // ---- shared data and queues

  private int getSharedData(int keyPtr, int keySize, int ptrPtr, int sizePtr, int casPtr) {
    SharedData.Entry entry = host.sharedData.get(string(keyPtr, keySize));
    if (entry == null) {
      return Status.NOT_FOUND.code;
    }
    copyOut(entry.value(), ptrPtr, sizePtr);
    memory().writeU32(casPtr, entry.cas());
    return Status.OK.code;
  }

  private int setSharedData(int keyPtr, int keySize, int valuePtr, int valueSize, int cas) {
    String key = string(keyPtr, keySize);
    byte[] value = read(valuePtr, valueSize);
    return host.sharedData.set(key, value, cas).code;
  }

  private int registerQueue(int namePtr, int nameSize, int tokenPtr) {
    String name = string(namePtr, nameSize);
    int owner = context().pluginContext().id;
    memory().writeU32(tokenPtr, host.queues.register(host.vmId, name, owner));
    return Status.OK.code;
  }

  private int resolveQueue(int vmIdPtr, int vmIdSize, int namePtr, int nameSize, int tokenPtr) {
    String vmId = string(vmIdPtr, vmIdSize);
    String name = string(namePtr, nameSize);
    int token = host.queues.resolve(vmId.isEmpty() ? host.vmId : vmId, name);
    if (token == 0) {
      return Status.NOT_FOUND.code;
    }
    memory().writeU32(tokenPtr, token);
    return Status.OK.code;
  }

  private int enqueue(int token, int ptr, int size) {
    byte[] item = read(ptr, size);
    SharedQueues.Queue queue = host.queues.byToken(token);
    if (queue == null) {
      return Status.NOT_FOUND.code;
    }
    queue.items.add(item);
    host.queueReady(queue);
    return Status.OK.code;
  }

  private int dequeue(int token, int ptrPtr, int sizePtr) {
    SharedQueues.Queue queue = host.queues.byToken(token);
    if (queue == null) {
      return Status.NOT_FOUND.code;
    }
    if (queue.items.isEmpty()) {
      return Status.EMPTY.code;
    }
    copyOut(queue.items.poll(), ptrPtr, sizePtr);
    return Status.OK.code;
  }

  // ---- metrics

  private int defineMetric(int type, int namePtr, int nameSize, int idPtr) {
    String name = string(namePtr, nameSize);
    int id = host.metrics.define(type, name);
    if (id < 0) {
      return Status.BAD_ARGUMENT.code;
    }
    memory().writeU32(idPtr, id);
    return Status.OK.code;
  }

  private int getMetric(int id, int resultPtr) {
    Status readable = host.metrics.readable(id);
    if (readable != Status.OK) {
      return readable.code;
    }
    memory().writeU64(resultPtr, host.metrics.byId(id).value);
    return Status.OK.code;
  }

  // ---- contexts and foreign functions

  private int setEffectiveContext(int id) {
    if (id != 0 && host.context(id) == null) {
      return Status.BAD_ARGUMENT.code;
    }
    host.effectiveContextId = id;
    return Status.OK.code;
  }

  private int callForeignFunction(int namePtr, int nameSize, int argsPtr, int argsSize,
      int resultsPtr, int resultsSizePtr) {
    String name = string(namePtr, nameSize);
    byte[] args = read(argsPtr, argsSize);
    UnaryOperator<byte[]> function = host.foreignFunctions.get(name);
    if (function == null) {
      return Status.NOT_FOUND.code;
    }
    byte[] result = function.apply(args);
    int address = 0;
    if (resultsPtr != 0 && result.length > 0) {
      address = host.allocate(result.length);
      if (address == 0 || !memory().contains(address, result.length)) {
        return Status.INVALID_MEMORY_ACCESS.code;
      }
      memory().write(address, result);
    }
    if (resultsPtr != 0) {
      memory().writeU32(resultsPtr, address);
    }
    if (resultsSizePtr != 0) {
      memory().writeU32(resultsSizePtr, result.length);
    }
    return Status.OK.code;
  }
}
