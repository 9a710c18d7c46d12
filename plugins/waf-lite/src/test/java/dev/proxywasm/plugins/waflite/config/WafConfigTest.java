package dev.proxywasm.plugins.waflite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WafConfigTest {
  @Test
  void corazaDirectivesMapOntoThePolicy() throws ConfigException {
    WafConfig config = WafConfig.parse("{\"directives_map\": {\"main\": ["
        + "\"Include @demo-conf\", \"SecRuleEngine DetectionOnly\", \"SecRequestBodyLimit 1024\","
        + "\"SecRequestBodyLimitAction ProcessPartial\", \"SecRuleRemoveById 942100 941000-941999\","
        + "\"SecAction \\\"id:900000,setvar:tx.blocking_paranoia_level=2,setvar:tx.inbound_anomaly_score_threshold=7\\\"\","
        + "\"SecDebugLogLevel 9\"]}, \"default_directives\": \"main\"}");
    WafPolicy p = config.defaultPolicy();
    assertEquals(Mode.DETECTION_ONLY, p.mode());
    assertEquals(1024, p.bodyLimit());
    assertFalse(p.rejectOversizedBody());
    assertEquals(2, p.paranoia());
    assertEquals(7, p.threshold());
    assertTrue(p.exclusions.removed(942100));
    assertTrue(p.exclusions.removed(941555));
    assertEquals(1, config.notes().size());
    assertTrue(config.notes().get(0).contains("SecDebugLogLevel"));
  }

  @Test
  void perAuthorityPoliciesAreSelectedByHost() throws ConfigException {
    WafConfig config = WafConfig.parse("{\"directives_map\": {\"a\": [\"SecRuleEngine On\"], \"b\": [\"SecRuleEngine Off\"]},"
        + "\"default_directives\": \"a\", \"per_authority_directives\": {\"legacy.example\": \"b\"}}");
    assertEquals(Mode.OFF, config.policyFor("legacy.example:8080").mode());
    assertEquals(Mode.ON, config.policyFor("shop.example").mode());
  }

  @Test
  void ownKeysAndExclusions() throws ConfigException {
    WafPolicy p = WafConfig.parse("{\"mode\": \"On\", \"rule_exclusions\": [{\"id\": 942100, \"target\": \"ARGS:q\"}],"
        + " \"allowed_paths\": [\"/health\", \"/static/*\"], \"blocking_status\": 418}").defaultPolicy();
    assertTrue(p.exclusions.excluded(942100, "ARGS:q"));
    assertFalse(p.exclusions.excluded(942100, "ARGS:r"));
    assertTrue(p.allowsPath("/static/app.js"));
    assertTrue(p.allowsPath("/health"));
    assertFalse(p.allowsPath("/healthz"));
    assertEquals(418, p.blockingStatus());
  }

  @Test
  void errorsNameTheField() {
    assertTrue(assertThrows(ConfigException.class, () -> WafConfig.parse("{\"paranoia_level\": 9}"))
        .getMessage().startsWith("paranoia_level"));
    assertTrue(assertThrows(ConfigException.class, () -> WafConfig.parse("{\"mode\": \"Maybe\"}"))
        .getMessage().startsWith("mode"));
    assertTrue(assertThrows(ConfigException.class, () -> WafConfig.parse("{\"typo\": 1}"))
        .getMessage().startsWith("typo"));
    assertTrue(assertThrows(ConfigException.class, () -> WafConfig.parse("{\"default_directives\": \"x\"}"))
        .getMessage().startsWith("default_directives"));
    assertTrue(assertThrows(ConfigException.class,
        () -> WafConfig.parse("{\"directives_map\": {\"d\": [\"SecRuleEngine Sometimes\"]}}"))
        .getMessage().contains("SecRuleEngine"));
  }
}
