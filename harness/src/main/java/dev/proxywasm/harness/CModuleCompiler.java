package dev.proxywasm.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles a C Proxy-Wasm filter to a WASI reactor module with Debian's clang-14 and wasi-libc,
 * for tests and benchmarks that compare against, or prove compatibility with, a filter written
 * against the raw ABI. Exports come from {@code __attribute__((export_name(...)))} in the source;
 * {@code _initialize} comes from wasi-libc's reactor start file. When binaryen is installed, clang
 * runs its {@code wasm-opt} on the output at {@code -O1} and above, which drops the function names
 * (the {@code name} section): pass {@code -O0} for a module to {@link
 * ProxyWasmHost.Builder#profileInstructions() profile} by name.
 *
 * <pre>{@code
 * Path wasm = CModuleCompiler.compile(Path.of("src/test/c/filter.c"), Path.of("target/c/filter.wasm"));
 * }</pre>
 */
public final class CModuleCompiler {
  /** The compiler; Debian's {@code clang-14} finds wasi-libc under /usr/lib/wasm32-wasi by itself. */
  public static final String CLANG = "clang-14";

  private CModuleCompiler() {}

  /**
   * Compiles {@code source} to {@code output} ({@code -O2}, reactor model), with any extra clang
   * arguments, and returns {@code output}.
   *
   * @throws IllegalStateException when clang is missing (with the packages to install) or the
   *     compilation fails (with clang's messages)
   */
  public static Path compile(Path source, Path output, String... extraArguments) {
    List<String> command = new ArrayList<>(List.of(CLANG, "--target=wasm32-wasi", "-O2",
        "-mexec-model=reactor", "-o", output.toString(), source.toString()));
    command.addAll(List.of(extraArguments));
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("clang did not finish compiling " + source + " in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("clang failed to compile " + source + " (exit "
            + process.exitValue() + "):\n" + messages);
      }
      return output;
    } catch (IOException e) {
      if (!Files.exists(source)) {
        throw new UncheckedIOException("no C source at " + source.toAbsolutePath(), e);
      }
      throw new IllegalStateException(CLANG + " is needed to compile C Proxy-Wasm filters and could"
          + " not be run (" + e.getMessage() + "); install it with: apt-get install clang-14"
          + " lld-14 wasi-libc libclang-rt-14-dev-wasm32", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling " + source, e);
    }
  }
}
