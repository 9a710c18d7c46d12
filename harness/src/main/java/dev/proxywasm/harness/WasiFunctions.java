package dev.proxywasm.harness;

import io.github.kawamuray.wasmtime.Val;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WASI functions Envoy gives a module, under both {@code wasi_snapshot_preview1} and
 * {@code wasi_unstable}, with cpp-host's behaviour: stdout/stderr go to the log, the clock is the
 * host's, no files, no arguments, the configured environment. {@code sched_yield} is added
 * (a no-op). Other WASI imports are linked to ENOSYS stubs by {@link Guest}.
 */
final class WasiFunctions {
  static final int SUCCESS = 0;
  static final int BADF = 8;
  static final int FAULT = 21;
  static final int INVAL = 28;
  static final int NOENT = 44;
  static final int NOSYS = 52;
  static final int NOTSUP = 58;
  /** The one function here that Envoy does not offer (the harness adds it as a no-op). */
  static final String NOT_IN_ENVOY = "sched_yield";
  /** cpp-host's PROXY_WASM_HOST_WASI_RANDOM_GET_MAX_SIZE_BYTES. */
  static final int RANDOM_GET_MAX = 64 * 1024;

  private final ProxyWasmHost host;
  private final List<HostFunction> functions = new ArrayList<>();

  WasiFunctions(ProxyWasmHost host) {
    this.host = host;
  }

  List<HostFunction> functions() {
    for (String module : List.of("wasi_snapshot_preview1", "wasi_unstable")) {
      define(module, "fd_write", "iiii->i", a -> fdWrite(i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
      define(module, "fd_read", "iiii->i", a -> NOSYS);
      define(module, "fd_seek", "iIii->i", a -> {
        host.diagnose("the module called " + module + ".fd_seek, which Envoy ignores");
        return SUCCESS;
      });
      define(module, "fd_close", "i->i", a -> {
        host.diagnose("the module called " + module + ".fd_close, which Envoy ignores");
        return SUCCESS;
      });
      define(module, "fd_fdstat_get", "ii->i", a -> fdFdstatGet(i(a, 0), i(a, 1)));
      define(module, "environ_get", "ii->i", a -> environGet(i(a, 0), i(a, 1)));
      define(module, "environ_sizes_get", "ii->i", a -> environSizesGet(i(a, 0), i(a, 1)));
      define(module, "args_get", "ii->i", a -> SUCCESS);
      define(module, "args_sizes_get", "ii->i", a -> {
        host.memory().writeU32(i(a, 0), 0);
        host.memory().writeU32(i(a, 1), 0);
        return SUCCESS;
      });
      define(module, "clock_time_get", "iIi->i", a -> clockTimeGet(i(a, 0), i(a, 2)));
      define(module, "random_get", "ii->i", a -> randomGet(i(a, 0), i(a, 1)));
      define(module, "proc_exit", "i->", a -> {
        host.diagnose("the module called " + module + ".proc_exit(" + i(a, 0)
            + "), which Envoy logs and ignores");
        return 0;
      });
      define(module, "path_open", "iiiiiIIii->i", a -> NOENT);
      define(module, "fd_prestat_get", "ii->i", a -> BADF);
      define(module, "fd_prestat_dir_name", "iii->i", a -> NOSYS);
      define(module, NOT_IN_ENVOY, "->i", a -> SUCCESS);
    }
    return functions;
  }

  private void define(String module, String name, String signature, HostFunction.Body body) {
    functions.add(new HostFunction(module, name, HostFunction.signature(signature), args -> {
      if (host.initializing && !ProxyAbi.ALLOWED_WHILE_INITIALIZING.contains(name)) {
        throw new IllegalStateException("the module called " + module + "." + name
            + " while initialising (_initialize/_start), where Envoy allows only logging,"
            + " clocks, random, args and environment: Envoy fails the VM");
      }
      try {
        return body.call(args);
      } catch (GuestMemory.OutOfBounds e) {
        return FAULT;
      }
    }));
  }

  private static int i(Val[] args, int index) {
    return args[index].i32();
  }

  /** stdout logs at INFO, stderr at ERROR, one trailing newline dropped, as cpp-host does. */
  private int fdWrite(int fd, int iovs, int iovsLength, int writtenPtr) {
    LogLevel level = switch (fd) {
      case 1 -> LogLevel.INFO;
      case 2 -> LogLevel.ERROR;
      default -> null;
    };
    if (level == null) {
      return BADF;
    }
    GuestMemory memory = host.memory();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int n = 0; n < iovsLength; n++) {
      int buf = memory.readU32(iovs + n * 8);
      int length = memory.readU32(iovs + n * 8 + 4);
      if (length != 0) {
        text.writeBytes(memory.read(buf, length));
      }
    }
    int written = text.size();
    if (written > 0) {
      String message = text.toString(StandardCharsets.UTF_8);
      if (message.endsWith("\n")) {
        message = message.substring(0, message.length() - 1);
      }
      host.log(level, message);
    }
    memory.writeU32(writtenPtr, written);
    return SUCCESS;
  }

  private int fdFdstatGet(int fd, int statPtr) {
    if (fd != 1 && fd != 2) {
      return BADF;
    }
    // A 24-byte fdstat, zero but for fs_rights_base = FD_WRITE (64), as cpp-host writes it.
    byte[] stat = new byte[24];
    stat[8] = 64;
    host.memory().write(statPtr, stat);
    return SUCCESS;
  }

  private int environGet(int arrayPtr, int bufferPtr) {
    GuestMemory memory = host.memory();
    for (Map.Entry<String, String> e : host.environment) {
      memory.writeU32(arrayPtr, bufferPtr);
      byte[] entry = (e.getKey() + "=" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8);
      memory.write(bufferPtr, entry);
      bufferPtr += entry.length;
      arrayPtr += 4;
    }
    return SUCCESS;
  }

  private int environSizesGet(int countPtr, int sizePtr) {
    int size = 0;
    for (Map.Entry<String, String> e : host.environment) {
      size += (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8).length + 1;
    }
    host.memory().writeU32(countPtr, host.environment.size());
    host.memory().writeU32(sizePtr, size);
    return SUCCESS;
  }

  private int clockTimeGet(int clockId, int resultPtr) {
    long time = switch (clockId) {
      case 0 -> host.clockNanos;
      case 1 -> host.monotonicNanos();
      default -> -1;
    };
    if (time < 0) {
      return NOTSUP;
    }
    host.memory().writeU64(resultPtr, time);
    return SUCCESS;
  }

  private int randomGet(int ptr, int length) {
    if (Integer.toUnsignedLong(length) > RANDOM_GET_MAX) {
      return INVAL;
    }
    byte[] bytes = new byte[length];
    host.random.nextBytes(bytes);
    host.memory().write(ptr, bytes);
    return SUCCESS;
  }
}
