package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pushes to a real registry without authentication and reads the result back with skopeo. */
class RegistryPushTest {
  @TempDir static Path work;
  private static LocalRegistry registry;
  private static Path module;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final ImagePublisher publisher = new ImagePublisher(new PrintStream(progress, true));
  private final Skopeo skopeo = Skopeo.anonymous();

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.open(work.resolve("registry"));
    module = TestModules.proxyWasmModule(work, "registry-push");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private PublishedImage push(Path wasm, ImageFormat format, String repositoryAndTag)
      throws PublishException {
    return publisher.publish(
        WasmModule.at(wasm),
        format,
        ImageDestination.registry(
            registry.host() + "/" + repositoryAndTag,
            RegistryCredentials.dockerConfig(work.resolve("no-docker-config.json")),
            false));
  }

  @ParameterizedTest
  @EnumSource(ImageFormat.class)
  void istioExtractsExactlyThePushedModuleAndTheDigestIsTheManifests(ImageFormat format)
      throws Exception {
    PublishedImage image = push(module, format, "basic-auth:" + format);

    assertTrue(image.pushed());
    String location = "docker://" + registry.host() + "/basic-auth:" + format;
    ProcessRun raw = skopeo.inspectRaw(location).orThrow(java.util.List.of("inspect", location));
    assertEquals(image.digest(), IstioWasmExtraction.digestOf(raw.stdout()));
    JsonNode manifest = new ObjectMapper().readTree(raw.stdout());
    assertEquals(
        format == ImageFormat.DOCKER
            ? IstioWasmExtraction.DOCKER_MANIFEST
            : "application/vnd.oci.image.manifest.v1+json",
        manifest.path("mediaType").asText());
    assertEquals(1, manifest.path("layers").size(), raw.stdoutText());

    Path pulled = skopeo.copyToDirectory(location, work.resolve("pulled-" + format));
    assertEquals(image.digest(), IstioWasmExtraction.manifestDigest(pulled));
    assertArrayEquals(Files.readAllBytes(module), IstioWasmExtraction.wasmFrom(pulled));
  }

  @Test
  void pinnedReferenceServesTheSameImage() throws Exception {
    PublishedImage image = push(module, ImageFormat.OCI, "pinned:1");

    assertEquals(
        registry.host() + "/pinned@" + image.digest(), image.pinnedReference());
    Path pulled =
        skopeo.copyToDirectory("docker://" + image.pinnedReference(), work.resolve("pinned"));
    assertArrayEquals(Files.readAllBytes(module), IstioWasmExtraction.wasmFrom(pulled));
  }

  @Test
  void sameModuleGivesSameDigestWhereverItGoes() throws Exception {
    Path copy = Files.copy(module, work.resolve("copy-of-module.wasm"));
    Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(123_456_789L));

    PublishedImage first = push(module, ImageFormat.OCI, "repro-a:1");
    PublishedImage second = push(copy, ImageFormat.OCI, "repro-b:2");
    PublishedImage tarball =
        publisher.publish(
            WasmModule.at(copy),
            ImageFormat.OCI,
            ImageDestination.tarball(work.resolve("repro.tar"), registry.host() + "/repro-c:3"));

    assertEquals(first.digest(), second.digest());
    assertEquals(first.digest(), tarball.digest());
  }

  @Test
  void differentModuleGivesDifferentDigest() throws Exception {
    Path other = TestModules.proxyWasmModule(work, "another-module");

    assertNotEquals(
        push(module, ImageFormat.OCI, "differs:a").digest(),
        push(other, ImageFormat.OCI, "differs:b").digest());
  }

  @Test
  void ociTarballHoldsTheImageThatWouldBePushed() throws Exception {
    Path tar = work.resolve("image-oci.tar");
    PublishedImage image =
        publisher.publish(
            WasmModule.at(module),
            ImageFormat.OCI,
            ImageDestination.tarball(tar, registry.host() + "/offline:oci"));

    Path unpacked = skopeo.copyToDirectory("oci-archive:" + tar, work.resolve("unpacked-oci"));
    assertFalse(image.pushed());
    assertEquals(image.digest(), IstioWasmExtraction.manifestDigest(unpacked));
    assertArrayEquals(Files.readAllBytes(module), IstioWasmExtraction.wasmFrom(unpacked));
  }

  @Test
  void dockerTarballHoldsTheBlobsThatArePushed() throws Exception {
    // A docker-load archive has no registry manifest (skopeo's docker-archive: reader even
    // swaps in uncompressed layers), so compare its config and layer with the pushed ones.
    Path tar = work.resolve("image-docker.tar");
    PublishedImage written =
        publisher.publish(
            WasmModule.at(module),
            ImageFormat.DOCKER,
            ImageDestination.tarball(tar, registry.host() + "/offline:docker"));
    PublishedImage pushed = push(module, ImageFormat.DOCKER, "offline:docker");

    assertEquals(pushed.digest(), written.digest());
    JsonNode manifest =
        new ObjectMapper().readTree(
            skopeo.inspectRaw("docker://" + registry.host() + "/offline:docker").stdout());
    JsonNode archiveIndex = new ObjectMapper().readTree(entry(tar, "manifest.json")).get(0);
    byte[] config = entry(tar, archiveIndex.path("Config").asText());
    byte[] layer = entry(tar, archiveIndex.path("Layers").get(0).asText());
    assertEquals(manifest.path("config").path("digest").asText(), IstioWasmExtraction.digestOf(config));
    assertEquals(
        manifest.path("layers").get(0).path("digest").asText(), IstioWasmExtraction.digestOf(layer));
    try (InputStream layerTar = new GZIPInputStream(new ByteArrayInputStream(layer))) {
      assertArrayEquals(
          Files.readAllBytes(module), TarEntries.firstWithBaseName(layerTar, "plugin.wasm"));
    }
  }

  private static byte[] entry(Path tar, String name) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      return TarEntries.firstWithBaseName(in, name);
    }
  }

  @Test
  void unreachableRegistryIsAClearFailure() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String reference = "127.0.0.1:" + closedPort + "/nowhere:1";

    PublishException failure =
        assertThrows(
            PublishException.class,
            () ->
                publisher.publish(
                    WasmModule.at(module),
                    ImageFormat.OCI,
                    ImageDestination.registry(
                        reference, RegistryCredentials.of("user", "pass"), false)));

    assertTrue(
        failure.getMessage().startsWith("cannot reach registry 127.0.0.1:" + closedPort),
        failure.getMessage());
  }

  @Test
  void malformedReferenceIsRejectedBeforeAnythingIsBuilt() {
    PublishException failure =
        assertThrows(
            PublishException.class,
            () ->
                ImageDestination.registry(
                    registry.host() + "/Upper-Case:1", RegistryCredentials.of("u", "p"), false));
    assertTrue(failure.getMessage().contains("invalid image reference"), failure.getMessage());
  }

  @Test
  void referenceWithDigestIsRejected() {
    String digest = "sha256:" + "0".repeat(64);
    PublishException failure =
        assertThrows(
            PublishException.class,
            () -> ImageDestination.tarball(work.resolve("x.tar"), "example.com/x@" + digest));
    assertTrue(failure.getMessage().contains("has a digest"), failure.getMessage());
  }
}
