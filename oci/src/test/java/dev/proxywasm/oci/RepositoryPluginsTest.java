package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The descriptors the plugin modules of this repository ship: they must parse, and they must
 * keep the order the gateway relies on (the WAF inspects a request before basic-auth does).
 */
class RepositoryPluginsTest {
  private static final Path PLUGINS = Path.of("..", "plugins");

  @Test
  void everyPluginModuleHasAValidDescriptorInTheAgreedOrder() throws Exception {
    List<PluginModule> modules = PluginModule.findAll(PLUGINS);
    Map<String, PluginDescriptor> byName =
        modules.stream()
            .map(PluginModule::descriptor)
            .collect(Collectors.toMap(PluginDescriptor::name, Function.identity()));

    PluginDescriptor basicAuth = byName.get("basic-auth");
    PluginDescriptor wafLite = byName.get("waf-lite");
    PluginDescriptor cohortHeader = byName.get("cohort-header");
    assertEquals(Optional.of(FilterPhase.AUTHN), basicAuth.phase());
    assertEquals(Optional.of(FilterPhase.AUTHN), wafLite.phase());
    assertTrue(
        wafLite.priority().orElse(0) > basicAuth.priority().orElse(0),
        "Istio runs higher priorities first within a phase; waf-lite must come before basic-auth");
    assertEquals(Optional.empty(), cohortHeader.phase());
  }
}
