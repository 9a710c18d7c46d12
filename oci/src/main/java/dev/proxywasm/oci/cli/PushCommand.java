package dev.proxywasm.oci.cli;

import dev.proxywasm.oci.ImageDestination;
import dev.proxywasm.oci.ImageFormat;
import dev.proxywasm.oci.ImagePublisher;
import dev.proxywasm.oci.PublishException;
import dev.proxywasm.oci.PublishedImage;
import dev.proxywasm.oci.WasmModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code oci push}: one module, one image, to a registry or a tarball. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Packs a Wasm module as an image Istio loads and pushes it to a registry, or writes it to"
          + " a tarball with --tar.",
      "Prints the image, its manifest digest and the WasmPlugin url that pins it."
    })
final class PushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--wasm", required = true, description = "The Wasm module (plugin.wasm).")
  Path wasm;

  @Option(
      names = "--image",
      required = true,
      description = "Image name with tag, e.g. ghcr.io/owner/basic-auth:0.1.0.")
  String image;

  @Option(
      names = "--format",
      defaultValue = "oci",
      converter = ImageFormatConverter.class,
      description = "Manifest format: oci or docker (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(
      names = "--tar",
      description = "Write the image to this tarball instead of pushing it (no registry needed).")
  Path tar;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws PublishException {
    WasmModule module = WasmModule.at(wasm);
    ImageDestination destination =
        tar != null
            ? ImageDestination.tarball(tar, image)
            : ImageDestination.registry(image, registry.credentials(), registry.insecure);
    PublishedImage published =
        new ImagePublisher(System.err).publish(module, format, destination);
    PrintWriter out = spec.commandLine().getOut();
    out.println("image:  " + published.reference());
    out.println("digest: " + published.digest());
    out.println("url:    " + published.wasmPluginUrl());
    if (tar != null) {
      out.println("tar:    " + tar);
    }
    out.flush();
    return 0;
  }
}
