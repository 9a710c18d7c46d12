package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
  private static final Path HOME = Path.of("/home/dev");

  @Test
  void flagsWinOverTheEnvironment() {
    RegistryCredentials credentials =
        RegistryCredentials.resolve(
            "flag-user", "flag-pass", Map.of("OCI_USERNAME", "env-user", "OCI_PASSWORD", "x"), HOME);
    assertEquals("user 'flag-user'", credentials.describe());
  }

  @Test
  void environmentWinsOverTheDockerConfig() {
    RegistryCredentials credentials =
        RegistryCredentials.resolve(
            null, null, Map.of("OCI_USERNAME", "env-user", "OCI_PASSWORD", "x"), HOME);
    assertEquals("user 'env-user'", credentials.describe());
  }

  @Test
  void dockerConfigHonoursDockerConfigVariable() {
    assertEquals(
        "the credentials in /home/dev/.docker/config.json (if any)",
        RegistryCredentials.resolve(null, null, Map.of(), HOME).describe());
    assertEquals(
        "the credentials in /ci/docker/config.json (if any)",
        RegistryCredentials.resolve(null, null, Map.of("DOCKER_CONFIG", "/ci/docker"), HOME)
            .describe());
  }

  @Test
  void userWithoutPasswordIsAnError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RegistryCredentials.resolve("user", null, Map.of(), HOME));
    assertThrows(
        IllegalArgumentException.class,
        () -> RegistryCredentials.resolve(null, null, Map.of("OCI_PASSWORD", "x"), HOME));
  }
}
