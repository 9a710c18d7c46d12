package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WasmPluginManifestTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static PublishedImage image(String reference) throws Exception {
    return new PublishedImage(ImageReference.parse(reference), DIGEST, true, 1234);
  }

  private static JsonNode parse(String yaml) throws Exception {
    return new YAMLMapper().readTree(yaml);
  }

  @Test
  void pinsTheDigestAndCarriesPhasePriorityAndConfig() throws Exception {
    ObjectNode config =
        (ObjectNode) new ObjectMapper().readTree("{\"realm\":\"gw\",\"users\":[{\"name\":\"a\"}]}");
    PluginDescriptor plugin =
        new PluginDescriptor(
            "basic-auth", Optional.of(FilterPhase.AUTHN), OptionalInt.of(10), Optional.of(config));

    String yaml =
        WasmPluginManifest.render(
            plugin, image("ghcr.io/acme/basic-auth:0.1.0"), DeploymentTarget.INGRESS_GATEWAY);
    JsonNode manifest = parse(yaml);

    assertEquals("extensions.istio.io/v1alpha1", manifest.path("apiVersion").asText());
    assertEquals("WasmPlugin", manifest.path("kind").asText());
    assertEquals("basic-auth", manifest.path("metadata").path("name").asText());
    assertEquals("istio-system", manifest.path("metadata").path("namespace").asText());
    JsonNode spec = manifest.path("spec");
    assertEquals(
        "ingressgateway", spec.path("selector").path("matchLabels").path("istio").asText());
    assertEquals("oci://ghcr.io/acme/basic-auth@" + DIGEST, spec.path("url").asText());
    assertEquals("AUTHN", spec.path("phase").asText());
    assertTrue(spec.path("priority").isInt());
    assertEquals(10, spec.path("priority").asInt());
    assertEquals(config, spec.path("pluginConfig"));
    assertTrue(yaml.startsWith("# basic-auth from image ghcr.io/acme/basic-auth:0.1.0\n"), yaml);
  }

  @Test
  void leavesOutWhatThePluginDoesNotSet() throws Exception {
    PluginDescriptor plugin =
        new PluginDescriptor(
            "cohort-header", Optional.empty(), OptionalInt.empty(), Optional.empty());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", "shop");
    labels.put("version", "v2");

    JsonNode spec =
        parse(
                WasmPluginManifest.render(
                    plugin,
                    image("localhost:5000/cohort-header:dev"),
                    new DeploymentTarget("shop", labels)))
            .path("spec");

    assertFalse(spec.has("phase"));
    assertFalse(spec.has("priority"));
    assertFalse(spec.has("pluginConfig"));
    assertEquals("v2", spec.path("selector").path("matchLabels").path("version").asText());
  }

  @Test
  void selectorParsesKeyValuePairs() {
    assertEquals(
        Map.of("app", "gw", "istio", "ingressgateway"),
        DeploymentTarget.parseSelector("app=gw, istio=ingressgateway"));
    IllegalArgumentException failure =
        assertThrows(IllegalArgumentException.class, () -> DeploymentTarget.parseSelector("gw"));
    assertTrue(failure.getMessage().contains("must be key=value"));
  }
}
