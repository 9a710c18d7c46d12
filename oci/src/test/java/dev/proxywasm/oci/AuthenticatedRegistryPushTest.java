package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to a real registry behind htpasswd basic auth. */
class AuthenticatedRegistryPushTest {
  private static final String USER = "publisher";
  private static final String PASSWORD = "s3cret-token";

  @TempDir static Path work;
  private static LocalRegistry registry;
  private static Path module;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final ImagePublisher publisher = new ImagePublisher(new PrintStream(progress, true));

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.withBasicAuth(work.resolve("registry"), USER, PASSWORD);
    module = TestModules.proxyWasmModule(work, "authenticated-push");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private PublishedImage push(String repositoryAndTag, RegistryCredentials credentials)
      throws PublishException {
    return publisher.publish(
        WasmModule.at(module),
        ImageFormat.OCI,
        ImageDestination.registry(registry.host() + "/" + repositoryAndTag, credentials, false));
  }

  private String location(String repositoryAndTag) {
    return "docker://" + registry.host() + "/" + repositoryAndTag;
  }

  @Test
  void pushWithTheRightPasswordIsWhatAnAuthenticatedClientPulls() throws Exception {
    PublishedImage image = push("basic-auth:1", RegistryCredentials.of(USER, PASSWORD));

    Skopeo skopeo = Skopeo.as(USER, PASSWORD);
    ProcessRun raw = skopeo.inspectRaw(location("basic-auth:1"));
    assertEquals(0, raw.exitCode(), raw.stderr());
    assertEquals(image.digest(), IstioWasmExtraction.digestOf(raw.stdout()));
    Path pulled = skopeo.copyToDirectory(location("basic-auth:1"), work.resolve("pulled"));
    assertArrayEquals(Files.readAllBytes(module), IstioWasmExtraction.wasmFrom(pulled));
  }

  @Test
  void credentialsComeFromTheDockerConfig() throws Exception {
    Path config = work.resolve("docker-config.json");
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        config, "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    PublishedImage image = push("from-docker-config:1", RegistryCredentials.dockerConfig(config));

    ProcessRun raw = Skopeo.as(USER, PASSWORD).inspectRaw(location("from-docker-config:1"));
    assertEquals(image.digest(), IstioWasmExtraction.digestOf(raw.stdout()));
  }

  @Test
  void wrongPasswordFailsAndLeavesNoImage() throws Exception {
    PublishException failure =
        assertThrows(
            PublishException.class,
            () -> push("rejected:1", RegistryCredentials.of(USER, "wrong-password")));

    assertTrue(
        failure.getMessage().startsWith("registry " + registry.host() + " refused to let user '"
            + USER + "' push"),
        failure.getMessage());
    ProcessRun lookup = Skopeo.as(USER, PASSWORD).inspectRaw(location("rejected:1"));
    assertNotEquals(0, lookup.exitCode(), "the tag must not exist after a refused push");
  }

  @Test
  void noCredentialsFailsClearly() {
    PublishException failure =
        assertThrows(
            PublishException.class,
            () ->
                push(
                    "anonymous:1",
                    RegistryCredentials.dockerConfig(work.resolve("absent/config.json"))));

    assertTrue(failure.getMessage().contains("refused to let the credentials in"),
        failure.getMessage());
  }

  @Test
  void challengeRealmPassesIstiosSsrfCheck() throws Exception {
    // Istio 1.29.2+ drops a 401 whose realm is not an http(s) URL to a public host name; a
    // registry that answers with such a realm cannot be pulled from by the gateway at all.
    HttpResponse<Void> challenge =
        HttpClient.newHttpClient()
            .send(registry.versionCheck(), HttpResponse.BodyHandlers.discarding());

    assertEquals(401, challenge.statusCode());
    List<String> headers = challenge.headers().allValues("WWW-Authenticate");
    assertEquals(List.of("Basic realm=\"" + LocalRegistry.REALM + "\""), headers);
    URI realm = URI.create(LocalRegistry.REALM);
    assertEquals("https", realm.getScheme());
    assertTrue(IstioRealmRule.allows(realm), realm.toString());
  }
}
