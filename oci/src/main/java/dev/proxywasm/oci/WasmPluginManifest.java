package dev.proxywasm.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the Istio {@code WasmPlugin} resource ({@code extensions.istio.io/v1alpha1}) that loads
 * a published plugin image, with its {@code url} pinned to the image's manifest digest so the
 * gateway runs exactly the module that was built.
 */
public final class WasmPluginManifest {
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  private WasmPluginManifest() {}

  /** The YAML text of the WasmPlugin for {@code plugin}, published as {@code image}. */
  public static String render(
      PluginDescriptor plugin, PublishedImage image, DeploymentTarget target) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode root = json.objectNode();
    root.put("apiVersion", "extensions.istio.io/v1alpha1");
    root.put("kind", "WasmPlugin");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", plugin.name());
    metadata.put("namespace", target.namespace());
    ObjectNode spec = root.putObject("spec");
    ObjectNode labels = spec.putObject("selector").putObject("matchLabels");
    for (Map.Entry<String, String> label : target.selector().entrySet()) {
      labels.put(label.getKey(), label.getValue());
    }
    spec.put("url", image.wasmPluginUrl());
    // With a digest in the url every pull gets the same bytes, so a cached copy is always right.
    spec.put("imagePullPolicy", "IfNotPresent");
    plugin.phase().ifPresent(phase -> spec.put("phase", phase.name()));
    plugin.priority().ifPresent(priority -> spec.put("priority", priority));
    plugin.pluginConfig().ifPresent(config -> spec.set("pluginConfig", config));
    try {
      return "# " + plugin.name() + " from image " + image.reference() + "\n"
          + YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // A tree of strings, numbers and JSON values always serialises.
      throw new UncheckedIOException(e);
    }
  }
}
