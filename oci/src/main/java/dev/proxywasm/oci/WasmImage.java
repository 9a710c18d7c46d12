package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.time.Instant;
import java.util.Set;

/**
 * The layout of a plugin image: an image from scratch with a single layer holding
 * {@code /plugin.wasm}, the "compat" variant of the Wasm image spec that Istio's image fetcher
 * unpacks (it takes the last layer and the tar entry whose base name is {@code plugin.wasm}).
 *
 * <p>Every timestamp and permission is fixed, so the same module always gives the same layer,
 * config and manifest digest, whichever machine builds it and whether it goes to a tarball or a
 * registry.
 */
final class WasmImage {
  /** Where the module sits in the image; Istio looks for this base name. */
  static final AbsoluteUnixPath MODULE_PATH = AbsoluteUnixPath.get("/plugin.wasm");

  /**
   * The platform recorded in the image config. Istio ignores it; {@code wasip1/wasm} is what
   * container tools use for Wasm images and keeps a runtime from mistaking it for a Linux image.
   */
  static final Platform PLATFORM = new Platform("wasm", "wasip1");

  private static final FilePermissions MODULE_PERMISSIONS = FilePermissions.fromOctalString("644");

  private WasmImage() {}

  /** A Jib builder for the image of {@code module} in {@code format}. */
  static JibContainerBuilder of(WasmModule module, ImageFormat format) {
    FileEntriesLayer layer =
        FileEntriesLayer.builder()
            .setName("plugin.wasm")
            .addEntry(
                module.path(),
                MODULE_PATH,
                MODULE_PERMISSIONS,
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME)
            .build();
    return Jib.fromScratch()
        .setFormat(format.jibFormat())
        .setPlatforms(Set.of(PLATFORM))
        .setCreationTime(Instant.EPOCH)
        .setFileEntriesLayers(layer);
  }
}
