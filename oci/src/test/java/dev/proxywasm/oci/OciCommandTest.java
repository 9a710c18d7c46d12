package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.proxywasm.oci.cli.OciCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, as a user or the Maven build runs it: exit status and what it prints. */
class OciCommandTest {
  private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

  @TempDir static Path work;
  private static LocalRegistry registry;
  private static LocalRegistry authenticated;
  private static Path module;

  @BeforeAll
  static void startRegistries() throws Exception {
    registry = LocalRegistry.open(work.resolve("registry"));
    authenticated = LocalRegistry.withBasicAuth(work.resolve("auth-registry"), "ci", "token");
    module = TestModules.proxyWasmModule(work, "cli");
  }

  @AfterAll
  static void stopRegistries() throws Exception {
    registry.close();
    authenticated.close();
  }

  /** What one run of the command line did. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = OciCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static Run runWithStdin(String stdin, String... args) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(original);
    }
  }

  private static String digestIn(Run run) {
    Matcher matcher = DIGEST.matcher(run.out());
    assertTrue(matcher.find(), run.out());
    return matcher.group(1);
  }

  @Test
  void pushPrintsTheDigestTheRegistryServes() throws Exception {
    String image = registry.host() + "/cli-push:1";

    Run run = run("push", "--wasm", module.toString(), "--image", image, "--format", "docker");

    assertEquals(0, run.exitCode(), run.err());
    ProcessRun raw = Skopeo.anonymous().inspectRaw("docker://" + image);
    assertEquals(IstioWasmExtraction.digestOf(raw.stdout()), digestIn(run));
    assertTrue(
        run.out().contains("url:    oci://" + registry.host() + "/cli-push@" + digestIn(run)),
        run.out());
  }

  @Test
  void pushWithPasswordFromStdin() throws Exception {
    String image = authenticated.host() + "/stdin-password:1";

    Run run =
        runWithStdin(
            "token\n",
            "push", "--wasm", module.toString(), "--image", image,
            "--username", "ci", "--password-stdin");

    assertEquals(0, run.exitCode(), run.err());
    ProcessRun raw = Skopeo.as("ci", "token").inspectRaw("docker://" + image);
    assertEquals(IstioWasmExtraction.digestOf(raw.stdout()), digestIn(run));
  }

  @Test
  void wrongPasswordExitsNonZeroWithoutADigest() {
    Run run =
        runWithStdin(
            "not-the-token\n",
            "push", "--wasm", module.toString(), "--image", authenticated.host() + "/denied:1",
            "--username", "ci", "--password-stdin");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("oci: error: registry " + authenticated.host() + " refused"),
        run.err());
    assertFalse(run.out().contains("digest"), run.out());
  }

  @Test
  void pushToTarballNeedsNoRegistry() throws Exception {
    Path tar = work.resolve("cli.tar");

    Run run =
        run("push", "--wasm", module.toString(), "--image", "ghcr.io/acme/x:1", "--tar",
            tar.toString());

    assertEquals(0, run.exitCode(), run.err());
    Path unpacked = Skopeo.anonymous().copyToDirectory("oci-archive:" + tar, work.resolve("cli"));
    assertEquals(IstioWasmExtraction.manifestDigest(unpacked), digestIn(run));
  }

  @Test
  void unreachableRegistryExitsNonZero() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Run run =
        run("push", "--wasm", module.toString(), "--image", "127.0.0.1:" + closedPort + "/x:1");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("oci: error: cannot reach registry"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void insecureLetsAPlainHttpRegistryWithAnotherNameBeUsed() throws Exception {
    // A separate JVM whose resolver maps registry.test to 127.0.0.1: a registry that is not
    // loopback by name, reached without any address but loopback. (Without --insecure Jib backs
    // off for about a minute before giving up, so that refusal is covered by
    // ImageDestinationTest instead.)
    Path hosts = Files.writeString(work.resolve("hosts"), "127.0.0.1 registry.test\n");
    String image = "registry.test:" + registry.host().split(":")[1] + "/plain-http:1";
    java.util.List<String> command =
        java.util.List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djdk.net.hosts.file=" + hosts,
            "-cp",
            System.getProperty("java.class.path"),
            OciCommand.class.getName(),
            "push", "--wasm", module.toString(), "--image", image, "--insecure");

    ProcessRun allowed = ProcessRun.of(command);

    assertEquals(0, allowed.exitCode(), allowed.stderr());
    ProcessRun raw = Skopeo.anonymous().inspectRaw("docker://" + registry.host() + "/plain-http:1");
    assertTrue(
        allowed.stdoutText().contains("digest: " + IstioWasmExtraction.digestOf(raw.stdout())),
        allowed.stdoutText());
  }

  @Test
  void missingModuleExitsNonZero() {
    Path missing = work.resolve("absent.wasm");

    Run run = run("push", "--wasm", missing.toString(), "--image", registry.host() + "/x:1");

    assertEquals(1, run.exitCode());
    assertEquals("oci: error: wasm module not found: " + missing, run.err().strip());
  }

  @Test
  void nonWasmBytesExitNonZero() throws Exception {
    Path jar = Files.write(work.resolve("not.wasm"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});

    Run run = run("push", "--wasm", jar.toString(), "--image", registry.host() + "/x:1");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("is not a WebAssembly module"), run.err());
  }

  @Test
  void invalidImageReferenceExitsNonZero() {
    Run run = run("push", "--wasm", module.toString(), "--image", "Registry/UPPER:x y");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("invalid image reference"), run.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run("push", "--wasm", module.toString()).exitCode());
    assertEquals(2, run("push", "--wasm", module.toString(), "--image", "a/b:1", "--format", "tgz")
        .exitCode());
    assertEquals(2, run().exitCode());
  }

  private static Path pluginTree(String name, String properties, String config) throws Exception {
    Path plugin = work.resolve("tree-" + name).resolve("plugins").resolve(name);
    Path descriptor = Files.createDirectories(plugin.resolve("src/main/proxywasm-plugin"));
    Files.writeString(descriptor.resolve("wasmplugin.properties"), properties);
    if (config != null) {
      Files.writeString(descriptor.resolve("example-config.json"), config);
    }
    return plugin;
  }

  @Test
  void pluginsWritesTarballsAndManifestsAndPushes() throws Exception {
    Path auth = pluginTree("basic-auth", "name=basic-auth\nphase=AUTHN\npriority=10\n",
        "{\"users\":[\"ops\"]}");
    Path plugins = auth.getParent();
    Path cohort = plugins.resolve("cohort-header");
    Files.createDirectories(cohort.resolve("src/main/proxywasm-plugin"));
    Files.writeString(cohort.resolve("src/main/proxywasm-plugin/wasmplugin.properties"),
        "name=cohort-header\n");
    Path otherModule = TestModules.proxyWasmModule(work, "cohort");
    Files.createDirectories(auth.resolve("target"));
    Files.copy(module, auth.resolve("target/plugin.wasm"));
    Files.createDirectories(cohort.resolve("target"));
    Files.copy(otherModule, cohort.resolve("target/plugin.wasm"));
    Path output = work.resolve("plugins-output");

    Run run =
        run("plugins", "--plugins-dir", plugins.toString(), "--output", output.toString(),
            "--registry", registry.host() + "/mesh", "--tag", "0.1.0", "--push=true");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode manifest =
        new YAMLMapper().readTree(output.resolve("wasmplugins/basic-auth.yaml").toFile());
    String url = manifest.path("spec").path("url").asText();
    ProcessRun raw =
        Skopeo.anonymous().inspectRaw("docker://" + registry.host() + "/mesh/basic-auth:0.1.0");
    assertEquals(
        "oci://" + registry.host() + "/mesh/basic-auth@" + IstioWasmExtraction.digestOf(raw.stdout()),
        url);
    assertEquals("AUTHN", manifest.path("spec").path("phase").asText());
    assertEquals(10, manifest.path("spec").path("priority").asInt());
    assertEquals("ops", manifest.path("spec").path("pluginConfig").path("users").get(0).asText());

    Path unpacked =
        Skopeo.anonymous()
            .copyToDirectory(
                "oci-archive:" + output.resolve("images/cohort-header.tar"),
                work.resolve("cohort-unpacked"));
    assertArrayEquals(Files.readAllBytes(otherModule), IstioWasmExtraction.wasmFrom(unpacked));
    JsonNode cohortManifest =
        new YAMLMapper().readTree(output.resolve("wasmplugins/cohort-header.yaml").toFile());
    assertEquals(
        "oci://" + registry.host() + "/mesh/cohort-header@"
            + IstioWasmExtraction.manifestDigest(unpacked),
        cohortManifest.path("spec").path("url").asText());
    assertFalse(cohortManifest.path("spec").has("phase"));
  }

  @Test
  void pluginsWithoutARegistryOnlyWritesFiles() throws Exception {
    Path plugin = pluginTree("offline", "name=offline\n", null);
    Files.createDirectories(plugin.resolve("target"));
    Files.copy(module, plugin.resolve("target/plugin.wasm"));
    Path output = work.resolve("offline-output");

    // No registry listens on this name; without --push it is only a name.
    Run run =
        run("plugins", "--plugins-dir", plugin.getParent().toString(), "--output",
            output.toString(), "--registry", "registry.invalid/team", "--tag", "dev");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(output.resolve("images/offline.tar")));
    assertTrue(Files.readString(output.resolve("wasmplugins/offline.yaml"))
        .contains("url: oci://registry.invalid/team/offline@sha256:"));
  }

  @Test
  void pluginsFailsWhenAModuleWasNotBuilt() throws Exception {
    Path plugin = pluginTree("unbuilt", "name=unbuilt\n", null);

    Run run =
        run("plugins", "--plugins-dir", plugin.getParent().toString(), "--output",
            work.resolve("unbuilt-output").toString(), "--registry", "localhost:5000", "--tag", "1");

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().startsWith("oci: error: " + plugin.resolve("target/plugin.wasm") + " not found"),
        run.err());
  }

  @Test
  void pluginsFailsOnABadDescriptor() throws Exception {
    Path plugin = pluginTree("bad", "name=bad\nphase=LAST\n", null);

    Run run =
        run("plugins", "--plugins-dir", plugin.getParent().toString(), "--output",
            work.resolve("bad-output").toString(), "--registry", "localhost:5000", "--tag", "1");

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("phase 'LAST' must be AUTHN, AUTHZ, STATS"), run.err());
  }
}
