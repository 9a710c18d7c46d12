package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the external programs these tests check the images with. A missing one fails the test
 * with the package to install: these tests exist to run against the real tools, so skipping
 * would hide that nothing was checked.
 */
final class RequiredTool {
  private RequiredTool() {}

  /** The absolute path of {@code program} on the PATH; fails the test if it is not there. */
  static String find(String program, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(
        program + " is not installed (apt-get install " + debianPackage + "); the oci tests"
            + " need it to check images against a real registry and client");
  }
}
