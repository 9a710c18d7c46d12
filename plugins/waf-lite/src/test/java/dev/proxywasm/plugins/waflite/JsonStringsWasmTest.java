package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonReader;
import dev.proxywasm.abi.json.JsonToken;
import dev.proxywasm.harness.PluginStartException;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SDK's JSON reader inside the compiled module reads strings as it does on the JVM (where its
 * differential test against jackson runs): the module reads plain ASCII four bytes at a time,
 * so each string is tried after 0 to 4 plain characters, putting what ends the plain run at every
 * position of a word, and once after a whole word; some strings outgrow the reader's buffer. The
 * string is a configuration key, which the module names back in its error, or reports with the
 * reader's message when it is not valid JSON.
 */
class JsonStringsWasmTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "", "abcdefghijk", "a\\\"b", "a\\\\b", "\\u0041\\n", "x/y\\/z", "caf\u00e9", "\u20ac5",
      "\ud83d\ude00!", "tab\there", "del\u007fete", "unterminated", "bad\\q", "\\u12G4", "\u00e9\u0001",
      // Longer than the reader's first buffer (64 chars), plain to the end or up to an escape.
      "0123456789012345678901234567890123456789012345678901234567890123456789",
      "01234567890123456789012345678901234567890123456789012345678901234567\\t",
  })
  void aKeyReadsAsOnTheJvm(String content) {
    for (int plain = 0; plain <= 4; plain++) {
      String json = "{\"" + "k".repeat(plain) + content + (content.equals("unterminated") ? "" : "\": 1}");
      String expected = jvmOutcome(json);
      PluginStartException failure = assertThrows(PluginStartException.class,
          () -> ProxyWasmHost.load(WafLiteWasmTest.WASM).pluginConfig(json).start(), json);
      assertTrue(failure.logs().toString().contains(expected), json + ": " + failure.logs() + " lacks " + expected);
    }
  }

  /** What the module logs for {@code json}: the unknown key it names, or the reader's error. */
  private static String jvmOutcome(String json) {
    JsonReader reader = new JsonReader(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    try {
      reader.next();
      if (reader.next() == JsonToken.NAME) {
        return reader.text() + ": unknown configuration key";
      }
      throw new AssertionError("no key in " + json);
    } catch (JsonException e) {
      return "invalid JSON: " + e.getMessage();
    }
  }
}
