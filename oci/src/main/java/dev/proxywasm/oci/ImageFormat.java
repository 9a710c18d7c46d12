package dev.proxywasm.oci;

import java.util.Locale;

/**
 * The manifest format of a plugin image. Istio accepts both: a Docker v2 manifest whose last
 * layer is a Docker gzip layer, or an OCI manifest whose last layer is an OCI tar+gzip layer,
 * each holding {@code plugin.wasm}.
 */
public enum ImageFormat {
  /** OCI image manifest and layer media types; the default. */
  OCI(com.google.cloud.tools.jib.api.buildplan.ImageFormat.OCI),
  /** Docker image manifest v2 schema 2; a tarball in this format loads with {@code docker load}. */
  DOCKER(com.google.cloud.tools.jib.api.buildplan.ImageFormat.Docker);

  private final com.google.cloud.tools.jib.api.buildplan.ImageFormat jibFormat;

  ImageFormat(com.google.cloud.tools.jib.api.buildplan.ImageFormat jibFormat) {
    this.jibFormat = jibFormat;
  }

  /** Jib's name for this format. */
  com.google.cloud.tools.jib.api.buildplan.ImageFormat jibFormat() {
    return jibFormat;
  }

  /**
   * Parses {@code oci} or {@code docker}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ImageFormat parse(String text) {
    for (ImageFormat format : values()) {
      if (format.name().equalsIgnoreCase(text.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "image format must be oci or docker, not '" + text + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
