package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON that goes to and comes back from the V8 bench host. */
class JsonTest {
  @Test
  void aQuotedStringReadsBackTheSame() {
    String tricky = "a \"quoted\" \\ path\n\twith\u0001 control, NUL \0 and é";

    assertEquals(tricky, Json.parse(Json.quote(tricky)));
    assertEquals("\"\\u0000\"", Json.quote("\0"));
  }

  @Test
  void readsTheHostsAnswer() {
    Object answer = Json.parse("""
        {"node": "v20.20.2", "micros": {"median": 111.5, "mean": 1e2},
         "localResponses": 0, "grpcStatus": -1, "body": null, "reset": false,
         "headers": [[":status", "403"], ["x", "caf\\u00e9"]], "empty": {}, "none": []}""");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("node", "v20.20.2");
    expected.put("micros", Map.of("median", 111.5, "mean", 100.0));
    expected.put("localResponses", 0L);
    expected.put("grpcStatus", -1L);
    expected.put("body", null);
    expected.put("reset", false);
    expected.put("headers", List.of(List.of(":status", "403"), List.of("x", "café")));
    expected.put("empty", Map.of());
    expected.put("none", List.of());
    assertEquals(expected, answer);
  }

  @Test
  void textThatIsNotOneValueIsAClearError() {
    for (String bad : Arrays.asList("{\"a\" 1}", "[1, 2", "\"open", "{} {}", "nul", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad));
      assertTrue(e.getMessage().startsWith("bad JSON: expected"), e::getMessage);
    }
  }
}
