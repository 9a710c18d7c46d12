package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real registry for a test: Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1,
 * on a free port, storing in a temporary directory, optionally behind htpasswd basic auth.
 */
final class LocalRegistry implements AutoCloseable {
  /**
   * The realm the registry names in its 401 challenge. For basic auth it is only a label, but
   * Istio 1.29.2+ rejects any 401 whose realm is not an http(s) URL to a host other than
   * localhost or a private/loopback address, so a registry Istio pulls from must name one.
   */
  static final String REALM = "https://registry.proxywasm.test/auth";

  private final Process process;
  private final int port;
  private final Path log;

  private LocalRegistry(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A registry without authentication. */
  static LocalRegistry open(Path workDir) throws IOException, InterruptedException {
    return start(workDir, null, null);
  }

  /** A registry that accepts only {@code user} with {@code password}. */
  static LocalRegistry withBasicAuth(Path workDir, String user, String password)
      throws IOException, InterruptedException {
    return start(workDir, user, password);
  }

  private static LocalRegistry start(Path workDir, String user, String password)
      throws IOException, InterruptedException {
    String binary = RequiredTool.find("docker-registry", "docker-registry");
    Files.createDirectories(workDir);
    int port = freePort();
    StringBuilder config =
        new StringBuilder()
            .append("version: 0.1\n")
            .append("log:\n  level: warn\n")
            .append("storage:\n  filesystem:\n    rootdirectory: ")
            .append(workDir.resolve("storage"))
            .append("\n  delete:\n    enabled: false\n")
            .append("http:\n  addr: 127.0.0.1:")
            .append(port)
            .append("\n  secret: oci-module-tests\n");
    if (user != null) {
      String htpasswd = RequiredTool.find("htpasswd", "apache2-utils");
      List<String> command = List.of(htpasswd, "-Bbn", user, password);
      Path passwords = workDir.resolve("htpasswd");
      Files.write(passwords, ProcessRun.of(command).orThrow(command).stdout());
      config
          .append("auth:\n  htpasswd:\n    realm: ")
          .append(REALM)
          .append("\n    path: ")
          .append(passwords)
          .append('\n');
    }
    Path configFile = workDir.resolve("config.yml");
    Files.writeString(configFile, config);
    Path log = workDir.resolve("registry.log");
    Process process =
        new ProcessBuilder(binary, "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port, log);
    registry.awaitReady();
    return registry;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("docker-registry exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        client.send(versionCheck(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYetListening) {
        Thread.sleep(100);
      }
    }
    close();
    fail("docker-registry did not answer on port " + port + " within 20 s: " + Files.readString(log));
  }

  /** {@code GET /v2/}, the request every client starts with. */
  HttpRequest versionCheck() {
    return HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/"))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
