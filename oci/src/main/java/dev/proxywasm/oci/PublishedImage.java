package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.ImageReference;

/**
 * A plugin image that was written or pushed.
 *
 * @param reference the image name with its tag
 * @param digest the manifest digest ({@code sha256:...}): what a registry serves the image under,
 *     and what Istio compares a WasmPlugin's {@code sha256} or {@code @sha256:} against
 * @param pushed whether the image is in the registry (else it was written to a tarball)
 * @param moduleSize the size of {@code plugin.wasm} in bytes
 */
public record PublishedImage(
    ImageReference reference, String digest, boolean pushed, long moduleSize) {

  /** {@code registry/repository@sha256:...}: the image, pinned to this exact content. */
  public String pinnedReference() {
    return reference.getRegistry() + "/" + reference.getRepository() + "@" + digest;
  }

  /** The WasmPlugin {@code url} that pins this image: {@code oci://registry/repository@sha256:...}. */
  public String wasmPluginUrl() {
    return "oci://" + pinnedReference();
  }

  /** The hex part of the digest, the form WasmPlugin's {@code sha256} field takes. */
  public String digestHex() {
    return digest.substring(digest.indexOf(':') + 1);
  }
}
