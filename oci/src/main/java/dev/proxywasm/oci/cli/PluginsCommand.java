package dev.proxywasm.oci.cli;

import dev.proxywasm.oci.DeploymentTarget;
import dev.proxywasm.oci.ImageDestination;
import dev.proxywasm.oci.ImageFormat;
import dev.proxywasm.oci.ImagePublisher;
import dev.proxywasm.oci.PluginModule;
import dev.proxywasm.oci.PublishException;
import dev.proxywasm.oci.PublishedImage;
import dev.proxywasm.oci.RegistryCredentials;
import dev.proxywasm.oci.WasmModule;
import dev.proxywasm.oci.WasmPluginManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code oci plugins}: what the Maven build runs at {@code package}. For every plugin module it
 * writes {@code OUTPUT/images/NAME.tar} and {@code OUTPUT/wasmplugins/NAME.yaml}, and with
 * {@code --push} also pushes {@code REGISTRY/NAME:TAG}.
 */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the image of every plugin module (plugins/*/target/plugin.wasm) as a tarball,"
          + " optionally pushes it, and writes a WasmPlugin manifest pinned to its digest."
    })
final class PluginsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--plugins-dir",
      required = true,
      description = "The directory holding the plugin modules (the repository's plugins/).")
  Path pluginsDirectory;

  @Option(
      names = "--output",
      required = true,
      description = "Where images/NAME.tar and wasmplugins/NAME.yaml go.")
  Path output;

  @Option(
      names = "--registry",
      required = true,
      description = "Registry and namespace the images are named under, e.g. ghcr.io/owner.")
  String registryPrefix;

  @Option(names = "--tag", required = true, description = "Image tag, e.g. 0.1.0.")
  String tag;

  @Option(
      names = "--format",
      defaultValue = "oci",
      converter = ImageFormatConverter.class,
      description = "Manifest format: oci or docker (default: ${DEFAULT-VALUE}).")
  ImageFormat format;

  @Option(names = "--push", arity = "0..1", description = "Also push each image to the registry.")
  boolean push;

  @Option(
      names = "--namespace",
      defaultValue = "istio-system",
      description = "Namespace of the WasmPlugins (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--selector",
      defaultValue = "istio=ingressgateway",
      description = "Workload labels the WasmPlugins select, key=value[,...] (default: ${DEFAULT-VALUE}).")
  String selector;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws PublishException {
    DeploymentTarget target =
        new DeploymentTarget(namespace, DeploymentTarget.parseSelector(selector));
    List<PluginModule> modules = PluginModule.findAll(pluginsDirectory);
    RegistryCredentials credentials = push ? registry.credentials() : null;
    ImagePublisher publisher = new ImagePublisher(System.err);
    Path images = createDirectory(output.resolve("images"));
    Path manifests = createDirectory(output.resolve("wasmplugins"));
    PrintWriter out = spec.commandLine().getOut();
    for (PluginModule module : modules) {
      String name = module.descriptor().name();
      WasmModule wasm = moduleOf(module);
      String image = registryPrefix + "/" + name + ":" + tag;
      Path tarball = images.resolve(name + ".tar");
      PublishedImage published =
          publisher.publish(wasm, format, ImageDestination.tarball(tarball, image));
      if (push) {
        published =
            publisher.publish(
                wasm, format, ImageDestination.registry(image, credentials, registry.insecure));
      }
      Path manifest = manifests.resolve(name + ".yaml");
      write(manifest, WasmPluginManifest.render(module.descriptor(), published, target));
      out.printf(
          "%-14s %s %s (wasm %,d B, tar %,d B)%s%n  -> %s%n",
          name,
          published.reference(),
          published.digest(),
          wasm.size(),
          size(tarball),
          push ? ", pushed" : "",
          manifest);
    }
    out.flush();
    return 0;
  }

  private static WasmModule moduleOf(PluginModule module) throws PublishException {
    if (!Files.exists(module.wasm())) {
      throw new PublishException(
          module.wasm() + " not found: build the plugin first (mvn package from the repository"
              + " root builds every plugin before this module)");
    }
    return WasmModule.at(module.wasm());
  }

  private static Path createDirectory(Path dir) throws PublishException {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PublishException("cannot create " + dir + ": " + e, e);
    }
  }

  private static void write(Path file, String text) throws PublishException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PublishException("cannot write " + file + ": " + e, e);
    }
  }

  private static long size(Path file) throws PublishException {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new PublishException("cannot read " + file + ": " + e, e);
    }
  }
}
