package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where the credentials for a push come from: an explicit user name and password (flags or the
 * {@code OCI_USERNAME}/{@code OCI_PASSWORD} environment variables), else the user's Docker
 * config ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}), which holds what
 * {@code docker login ghcr.io} stored, including credential helpers.
 */
public final class RegistryCredentials {
  /** Environment variable with the registry user name. */
  public static final String USERNAME_VARIABLE = "OCI_USERNAME";

  /** Environment variable with the registry password or token. */
  public static final String PASSWORD_VARIABLE = "OCI_PASSWORD";

  private final Credential explicit;
  private final Path dockerConfig;

  private RegistryCredentials(Credential explicit, Path dockerConfig) {
    this.explicit = explicit;
    this.dockerConfig = dockerConfig;
  }

  /** Exactly this user name and password. */
  public static RegistryCredentials of(String username, String password) {
    return new RegistryCredentials(Credential.from(username, password), null);
  }

  /** Whatever the Docker config file {@code configJson} holds for the registry. */
  public static RegistryCredentials dockerConfig(Path configJson) {
    return new RegistryCredentials(null, configJson);
  }

  /**
   * The credentials a command line asks for: {@code username}/{@code password} if given, else
   * the environment variables, else the Docker config that {@code environment} points to.
   *
   * @param username the user name given on the command line, or null
   * @param password the password given on the command line, or null
   * @param environment the process environment
   * @param home the user's home directory, where {@code .docker/config.json} is by default
   * @throws IllegalArgumentException if only one of user name and password is given
   */
  public static RegistryCredentials resolve(
      String username, String password, Map<String, String> environment, Path home) {
    if (username == null && password == null) {
      username = environment.get(USERNAME_VARIABLE);
      password = environment.get(PASSWORD_VARIABLE);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "give both a registry user name and a password (or token), or neither: --username/"
              + "--password-stdin or " + USERNAME_VARIABLE + "/" + PASSWORD_VARIABLE);
    }
    if (username != null) {
      return of(username, password);
    }
    String dockerConfigDir = environment.get("DOCKER_CONFIG");
    Path dir = dockerConfigDir != null ? Path.of(dockerConfigDir) : home.resolve(".docker");
    return dockerConfig(dir.resolve("config.json"));
  }

  /** Adds these credentials to the push target {@code image} named {@code reference}. */
  void addTo(RegistryImage image, ImageReference reference, Consumer<LogEvent> log) {
    if (explicit != null) {
      image.addCredential(explicit.getUsername(), explicit.getPassword());
    } else {
      image.addCredentialRetriever(
          CredentialRetrieverFactory.forImage(reference, log).dockerConfig(dockerConfig));
    }
  }

  /** Says where the credentials come from, without revealing them. */
  String describe() {
    return explicit != null
        ? "user '" + explicit.getUsername() + "'"
        : "the credentials in " + dockerConfig + " (if any)";
  }
}
