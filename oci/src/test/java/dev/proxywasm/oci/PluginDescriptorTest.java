package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDescriptorTest {
  @TempDir Path dir;

  private void properties(String text) throws Exception {
    Files.writeString(dir.resolve(PluginDescriptor.PROPERTIES_FILE), text);
  }

  private String failure() {
    return assertThrows(PublishException.class, () -> PluginDescriptor.read(dir)).getMessage();
  }

  @Test
  void readsNamePhasePriorityAndConfig() throws Exception {
    properties("# waf-lite runs first\nname=waf-lite\nphase=AUTHN\npriority=20\n");
    Files.writeString(dir.resolve(PluginDescriptor.CONFIG_FILE), "{\"rules\": [\"sqli\"]}");

    PluginDescriptor descriptor = PluginDescriptor.read(dir);

    assertEquals("waf-lite", descriptor.name());
    assertEquals(Optional.of(FilterPhase.AUTHN), descriptor.phase());
    assertEquals(OptionalInt.of(20), descriptor.priority());
    assertEquals("sqli", descriptor.pluginConfig().orElseThrow().get("rules").get(0).asText());
  }

  @Test
  void phasePriorityAndConfigAreOptional() throws Exception {
    properties("name=cohort-header\nphase=\n");

    PluginDescriptor descriptor = PluginDescriptor.read(dir);

    assertEquals(Optional.empty(), descriptor.phase());
    assertEquals(OptionalInt.empty(), descriptor.priority());
    assertEquals(Optional.empty(), descriptor.pluginConfig());
  }

  @Test
  void missingPropertiesFileSaysWhatItNeeds() {
    String message = failure();
    assertTrue(message.startsWith("missing " + dir.resolve("wasmplugin.properties")), message);
  }

  @Test
  void unknownPhaseIsNamed() throws Exception {
    properties("name=basic-auth\nphase=AUTH\n");
    assertTrue(failure().contains("phase 'AUTH' must be AUTHN, AUTHZ, STATS, or empty"));
  }

  @Test
  void priorityMustBeAnInteger() throws Exception {
    properties("name=basic-auth\npriority=high\n");
    assertTrue(failure().contains("priority 'high' must be an integer"));
  }

  @Test
  void misspelledKeyIsReported() throws Exception {
    properties("name=basic-auth\npriorty=10\n");
    assertTrue(failure().contains("unknown key(s) [priorty]"));
  }

  @Test
  void nameMustBeADnsLabel() throws Exception {
    properties("name=Basic_Auth\n");
    assertTrue(failure().contains("name 'Basic_Auth' must be a lower-case DNS label"));
  }

  @Test
  void configMustBeValidJson() throws Exception {
    properties("name=basic-auth\n");
    Files.writeString(dir.resolve(PluginDescriptor.CONFIG_FILE), "{\n  \"users\": [\n}");
    String message = failure();
    assertTrue(message.contains("example-config.json is not valid JSON"), message);
    assertTrue(message.contains("(line 3)"), message);
  }

  @Test
  void configMustBeAnObject() throws Exception {
    properties("name=basic-auth\n");
    Files.writeString(dir.resolve(PluginDescriptor.CONFIG_FILE), "[1, 2]");
    assertTrue(failure().contains("must hold a JSON object"));
  }
}
