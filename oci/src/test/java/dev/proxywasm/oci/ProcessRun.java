package dev.proxywasm.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outcome of running an external program to completion.
 *
 * @param exitCode its exit status
 * @param stdout what it printed on standard output
 * @param stderr what it printed on standard error
 */
record ProcessRun(int exitCode, byte[] stdout, String stderr) {

  /** Runs {@code command} and waits up to a minute for it. */
  static ProcessRun of(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("oci-test", ".out");
    Path err = Files.createTempFile("oci-test", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      return new ProcessRun(
          process.exitValue(),
          Files.readAllBytes(out),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Standard output as text. */
  String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** This run's output, or an exception carrying {@code command} and its standard error. */
  ProcessRun orThrow(List<String> command) throws IOException {
    if (exitCode != 0) {
      throw new IOException(command + " exited with " + exitCode + ": " + stderr);
    }
    return this;
  }
}
