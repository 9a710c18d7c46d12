package dev.proxywasm.oci.cli;

import dev.proxywasm.oci.RegistryCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say how to talk to a registry, shared by the commands that push. */
final class RegistryOptions {
  @Option(
      names = "--insecure",
      arity = "0..1",
      description =
          "Allow plain HTTP and unverified TLS (always allowed for localhost and 127.x.x.x).")
  boolean insecure;

  @Option(
      names = "--username",
      description = "Registry user name (default: $OCI_USERNAME, else ~/.docker/config.json).")
  String username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password or token from standard input (default: $OCI_PASSWORD).")
  boolean passwordStdin;

  /** The credentials these options, the environment and the Docker config give. */
  RegistryCredentials credentials() {
    String password = passwordStdin ? readPassword() : null;
    return RegistryCredentials.resolve(
        username, password, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  private static String readPassword() {
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin: standard input held no password");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
