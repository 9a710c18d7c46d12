package dev.proxywasm.harness;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.ImportType;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One instantiated module on wasmtime: links the host functions, calls exports, and turns a trap
 * (including a Java exception thrown by a host function, which wasmtime-java reports only as a
 * bare trap) into a {@link WasmTrapException} that names the cause.
 */
final class Guest implements AutoCloseable {
  private static final int WASI_ENOSYS = 52;

  private final Engine engine;
  private final Store<Void> store;
  private final Module module;
  private final Instance instance;
  private final List<Func> imports = new ArrayList<>();
  private final Map<String, Optional<Func>> exports = new HashMap<>();
  final GuestMemory memory;

  private Throwable hostFailure;
  private String hostFailureSite;
  private long hostNanos;
  private long hostCalls;

  /**
   * Compiles and instantiates {@code wasm}, linking each function import to the host function of
   * the same name. An unknown WASI import is linked to a stub returning ENOSYS (and reported to
   * {@code diagnostics}); any other unknown import is an error, as it is for Envoy.
   */
  Guest(byte[] wasm, Map<String, HostFunction> functions, Consumer<String> diagnostics) {
    // new Store<>(null, engine), not Store.withoutData(): that one makes an engine of its own,
    // which the module (compiled for this engine) cannot be instantiated in.
    engine = new Engine();
    store = new Store<>(null, engine);
    try {
      module = Module.fromBinary(engine, wasm);
      List<Extern> externs = new ArrayList<>();
      for (ImportType wanted : module.imports()) {
        externs.add(Extern.fromFunc(link(wanted, functions, diagnostics)));
      }
      instance = new Instance(store, module, externs);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    Memory mem = instance.getMemory(store, "memory").orElse(null);
    if (mem == null) {
      close();
      throw new IllegalArgumentException("the module exports no memory named \"memory\"");
    }
    memory = new GuestMemory(store, mem);
  }

  private Func link(ImportType wanted, Map<String, HostFunction> functions,
      Consumer<String> diagnostics) {
    String name = wanted.module() + "." + wanted.name();
    if (wanted.type() != ImportType.Type.FUNC) {
      throw new IllegalArgumentException("the module imports " + wanted.type() + " " + name
          + "; a Proxy-Wasm host (Envoy) provides functions only");
    }
    FuncType type = wanted.func();
    HostFunction function = functions.get(name);
    if (function == null) {
      if (!wanted.module().startsWith("wasi_")) {
        throw new IllegalArgumentException("the module imports " + name + type
            + ", which Envoy does not provide: it would fail to load there too");
      }
      diagnostics.accept("linked " + name + " to a stub returning ENOSYS: Envoy does not provide it");
      function = new HostFunction(wanted.module(), wanted.name(), type, args -> WASI_ENOSYS);
    } else if (!function.type().equals(type)) {
      throw new IllegalArgumentException("the module imports " + name + " as " + type
          + " but the host defines it as " + function.type());
    }
    HostFunction linked = function;
    Func func = new Func(store, type, (caller, params, results) -> {
      long start = System.nanoTime();
      hostCalls++;
      try {
        int result = linked.body().call(params);
        if (results.length > 0) {
          results[0] = Val.fromI32(result);
        }
      } catch (RuntimeException | Error e) {
        // wasmtime-java turns this into a trap without the exception: keep it to report it.
        if (hostFailure == null) {
          hostFailure = e;
          hostFailureSite = linked.qualifiedName();
        }
        throw e;
      } finally {
        hostNanos += System.nanoTime() - start;
      }
    });
    imports.add(func);
    return func;
  }

  /**
   * Nanoseconds spent so far inside host function bodies (the Java side of the imports), so a
   * caller can tell the guest's own time from the host's.
   */
  long hostNanos() {
    return hostNanos;
  }

  /** How many host functions the module has called so far. */
  long hostCalls() {
    return hostCalls;
  }

  /** Whether the module exports a function {@code name}. */
  boolean exports(String name) {
    return function(name).isPresent();
  }

  private Optional<Func> function(String name) {
    return exports.computeIfAbsent(name, n -> instance.getFunc(store, n));
  }

  /**
   * Calls export {@code name} with i32 arguments.
   *
   * @return its i32 result, or 0 when it returns nothing
   * @throws WasmTrapException when it traps
   */
  int call(String name, int... args) {
    Func func = function(name).orElseThrow(
        () -> new IllegalStateException("the module does not export " + name));
    Val[] vals = new Val[args.length];
    for (int i = 0; i < args.length; i++) {
      vals[i] = Val.fromI32(args[i]);
    }
    try {
      Val[] results = func.call(store, vals);
      return results.length == 0 ? 0 : results[0].i32();
    } catch (RuntimeException e) {
      Throwable cause = hostFailure;
      String site = hostFailureSite;
      hostFailure = null;
      hostFailureSite = null;
      if (cause != null) {
        throw new WasmTrapException(name + " failed: host function " + site + " threw " + cause,
            cause);
      }
      throw new WasmTrapException(name + " trapped: " + e.getMessage(), e);
    }
  }

  /** Calls export {@code name}, which takes nothing and returns an i64. */
  long callI64(String name) {
    return function(name).orElseThrow().call(store)[0].i64();
  }

  /** Calls export {@code name}, which takes nothing and returns i64s. */
  long[] callI64s(String name) {
    Val[] results = function(name).orElseThrow().call(store);
    long[] values = new long[results.length];
    for (int i = 0; i < results.length; i++) {
      values[i] = results[i].i64();
    }
    return values;
  }

  @Override
  public void close() {
    for (Func func : imports) {
      func.dispose();
    }
    if (instance != null) {
      instance.dispose();
    }
    if (module != null) {
      module.dispose();
    }
    store.dispose();
    engine.dispose();
  }
}
