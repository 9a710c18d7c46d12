package dev.proxywasm.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Istio's rules for getting the module out of a Wasm image (istio/istio pkg/wasm/imagefetcher.go,
 * {@code PrepareFetch} and the {@code extract*} functions), re-applied in Java to an image that
 * skopeo copied into a {@code dir:} layout ({@code manifest.json} plus one file per blob, named
 * by its hex digest):
 *
 * <ol>
 *   <li>Docker v2 manifest: the last layer must be
 *       {@code application/vnd.docker.image.rootfs.diff.tar.gzip}; the module is the first tar
 *       entry whose base name is {@code plugin.wasm}.
 *   <li>Any other manifest: the same with a last layer of type
 *       {@code application/vnd.oci.image.layer.v1.tar+gzip}; failing that, the OCI artifact
 *       variant: exactly two layers, one of type
 *       {@code application/vnd.module.wasm.content.layer.v1+wasm} holding the raw module.
 *   <li>The module must start with the Wasm magic number (Istio checks it after the fetch).
 * </ol>
 */
final class IstioWasmExtraction {
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String WASM_ARTIFACT_LAYER = "application/vnd.module.wasm.content.layer.v1+wasm";

  private IstioWasmExtraction() {}

  /** The module Istio would load from the image in {@code layout}. */
  static byte[] wasmFrom(Path layout) throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(layout.resolve("manifest.json").toFile());
    JsonNode layers = manifest.path("layers");
    byte[] module;
    if (DOCKER_MANIFEST.equals(manifest.path("mediaType").asText())) {
      module = compatLayer(layout, layers, DOCKER_LAYER);
    } else {
      try {
        module = compatLayer(layout, layers, OCI_LAYER);
      } catch (IOException notCompat) {
        module = artifactLayer(layout, layers, notCompat);
      }
    }
    if (module.length < 4
        || module[0] != 0
        || module[1] != 'a'
        || module[2] != 's'
        || module[3] != 'm') {
      throw new IOException("extracted module does not start with the Wasm magic number");
    }
    return module;
  }

  /** {@code sha256:<hex>} of the manifest as stored: the digest Istio compares. */
  static String manifestDigest(Path layout) throws IOException {
    return digestOf(Files.readAllBytes(layout.resolve("manifest.json")));
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  static String digestOf(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  private static byte[] compatLayer(Path layout, JsonNode layers, String mediaType)
      throws IOException {
    if (layers.size() == 0) {
      throw new IOException("number of layers must be greater than zero");
    }
    JsonNode last = layers.get(layers.size() - 1);
    if (!mediaType.equals(last.path("mediaType").asText())) {
      throw new IOException(
          "invalid media type " + last.path("mediaType").asText() + " (expect " + mediaType + ")");
    }
    try (InputStream tar = new GZIPInputStream(new ByteArrayInputStream(blob(layout, last)))) {
      return TarEntries.firstWithBaseName(tar, "plugin.wasm");
    }
  }

  private static byte[] artifactLayer(Path layout, JsonNode layers, IOException notCompat)
      throws IOException {
    if (layers.size() != 2) {
      throw new IOException(
          "not a compat image (" + notCompat.getMessage() + ") and not the artifact variant"
              + " (number of layers must be 2 but got " + layers.size() + ")");
    }
    for (JsonNode layer : layers) {
      if (WASM_ARTIFACT_LAYER.equals(layer.path("mediaType").asText())) {
        return blob(layout, layer);
      }
    }
    throw new IOException("could not find the layer of type " + WASM_ARTIFACT_LAYER);
  }

  private static byte[] blob(Path layout, JsonNode descriptor) throws IOException {
    String digest = descriptor.path("digest").asText();
    byte[] bytes = Files.readAllBytes(layout.resolve(digest.substring(digest.indexOf(':') + 1)));
    if (!digestOf(bytes).equals(digest)) {
      throw new IOException("blob " + digest + " does not match its digest");
    }
    return bytes;
  }

  /** Reads a manifest file as text, for assertion messages. */
  static String manifestText(Path layout) throws IOException {
    return Files.readString(layout.resolve("manifest.json"), StandardCharsets.UTF_8);
  }
}
