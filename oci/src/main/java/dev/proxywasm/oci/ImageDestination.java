package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Where an image goes: a registry (pushed under a tag) or a tarball on disk. */
public final class ImageDestination {
  private static final Pattern LOOPBACK_IPV4 =
      Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  private final ImageReference reference;
  private final Path tarball;
  private final RegistryCredentials credentials;
  private final boolean insecure;

  private ImageDestination(
      ImageReference reference, Path tarball, RegistryCredentials credentials, boolean insecure) {
    this.reference = reference;
    this.tarball = tarball;
    this.credentials = credentials;
    this.insecure = insecure;
  }

  /**
   * The registry image {@code reference} ({@code registry/repository[:tag]}).
   *
   * @param insecure allow plain HTTP and unverified TLS; always allowed for loopback registries
   *     ({@code localhost}, {@code 127.x.x.x}), which have no certificate to show
   * @throws PublishException if the reference is malformed or carries a digest
   */
  public static ImageDestination registry(
      String reference, RegistryCredentials credentials, boolean insecure)
      throws PublishException {
    ImageReference parsed = parse(reference);
    return new ImageDestination(
        parsed, null, credentials, insecure || isLoopback(parsed.getRegistry()));
  }

  /**
   * A tarball at {@code file} whose image is named {@code reference}: an OCI image layout for the
   * OCI format ({@code skopeo copy oci-archive:FILE ...}), a {@code docker load} archive for the
   * Docker format ({@code docker-archive:FILE}).
   *
   * @throws PublishException if the reference is malformed or carries a digest
   */
  public static ImageDestination tarball(Path file, String reference) throws PublishException {
    return new ImageDestination(parse(reference), file, null, false);
  }

  private static ImageReference parse(String reference) throws PublishException {
    ImageReference parsed;
    try {
      parsed = ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new PublishException(
          "invalid image reference '" + reference + "': expected registry/repository[:tag],"
              + " e.g. ghcr.io/owner/basic-auth:0.1.0 (lower-case repository)");
    }
    if (parsed.getDigest().isPresent()) {
      throw new PublishException(
          "image reference '" + reference + "' has a digest; give a tag: the digest is computed"
              + " from the image and reported after the push");
    }
    return parsed;
  }

  private static boolean isLoopback(String registry) {
    int colon = registry.indexOf(':');
    String host = colon >= 0 ? registry.substring(0, colon) : registry;
    return host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches();
  }

  /** The image name, with its tag. */
  public ImageReference reference() {
    return reference;
  }

  /** Whether the image goes to a registry (else to a tarball). */
  public boolean isRegistry() {
    return tarball == null;
  }

  /** Whether plain HTTP and unverified TLS are allowed for this registry. */
  boolean allowsInsecure() {
    return insecure;
  }

  /** Says where the image goes, for messages. */
  String describe() {
    return isRegistry() ? reference.toString() : tarball + " (" + reference + ")";
  }

  String describeCredentials() {
    return credentials.describe();
  }

  Containerizer containerizer(Consumer<LogEvent> log) {
    if (!isRegistry()) {
      return Containerizer.to(TarImage.at(tarball).named(reference));
    }
    RegistryImage image = RegistryImage.named(reference);
    credentials.addTo(image, reference, log);
    return Containerizer.to(image).setAllowInsecureRegistries(insecure);
  }
}
