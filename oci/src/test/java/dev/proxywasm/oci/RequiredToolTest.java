package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class RequiredToolTest {
  @Test
  void missingToolFailsTheTestNamingThePackage() {
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> RequiredTool.find("no-such-registry-binary", "docker-registry"));

    assertEquals(
        "no-such-registry-binary is not installed (apt-get install docker-registry); the oci tests"
            + " need it to check images against a real registry and client",
        failure.getMessage());
  }

  @Test
  void installedToolIsFoundOnThePath() {
    Path found = Path.of(RequiredTool.find("skopeo", "skopeo"));

    assertEquals("skopeo", found.getFileName().toString());
    assertTrue(found.isAbsolute() && Files.isExecutable(found), found.toString());
  }
}
