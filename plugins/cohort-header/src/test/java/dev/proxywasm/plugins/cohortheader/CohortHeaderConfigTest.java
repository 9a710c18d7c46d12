package dev.proxywasm.plugins.cohortheader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.abi.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The configuration on the JVM: defaults equal to the Lua filter, every field read, and an
 * error naming the field for each kind of bad value. The compiled module's handling of a
 * rejected configuration is in {@link BadConfigTest}.
 */
class CohortHeaderConfigTest {

    private static CohortHeaderConfig parse(String json) throws InvalidConfigException {
        return CohortHeaderConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyObjectAndNoConfigurationReproduceTheLuaFilter() throws Exception {
        for (String json : new String[] {"{}", "", "  \n"}) {
            CohortHeaderConfig c = parse(json);
            assertEquals("bucket_tester", c.cluster);
            assertEquals(Headers.of(":method", "GET", ":path", "/", ":scheme", "http",
                    ":authority", "bucket-tester.istioinaction.svc.cluster.local", "accept", "*/*"), c.callHeaders);
            assertEquals(5000, c.timeoutMillis);
            assertEquals("x-test-cohort", c.requestHeader);
            assertNull(c.valueHeader);
            assertEquals(Headers.of("istioinaction", "it works!"), c.responseHeaders);
            assertEquals(FailurePolicy.FAIL_OPEN, c.failurePolicy);
            assertNull(c.defaultCohort);
            assertNull(c.sticky);
        }
    }

    @Test
    void readsEveryField() throws Exception {
        CohortHeaderConfig c = parse("{\"cluster\": \"outbound|80||bucket-tester.istioinaction.svc.cluster.local\","
                + " \"method\": \"POST\", \"path\": \"/bucket?x=1\", \"scheme\": \"https\", \"authority\": \"b:8080\","
                + " \"headers\": {\"Accept\": \"text/plain\", \"x-caller\": \"mesh\"}, \"timeout_ms\": 250,"
                + " \"request_header\": \"X-Cohort\", \"value_header\": \"x-bucket\", \"max_value_length\": 16,"
                + " \"response_headers\": {}, \"failure_policy\": \"fail_closed\", \"default_cohort\": \"control\","
                + " \"sticky\": {\"key_header\": \"x-user-id\", \"ttl_ms\": 60000}}");
        assertEquals("outbound|80||bucket-tester.istioinaction.svc.cluster.local", c.cluster);
        assertEquals(Headers.of(":method", "POST", ":path", "/bucket?x=1", ":scheme", "https", ":authority", "b:8080",
                "accept", "text/plain", "x-caller", "mesh"), c.callHeaders);
        assertEquals(250, c.timeoutMillis);
        assertEquals("x-cohort", c.requestHeader);
        assertEquals("x-bucket", c.valueHeader);
        assertEquals(16, c.maxValueLength);
        assertEquals(0, c.responseHeaders.size());
        assertEquals(FailurePolicy.FAIL_CLOSED, c.failurePolicy);
        assertEquals("control", c.defaultCohort);
        assertEquals("x-user-id", c.sticky.keyHeader);
        assertEquals(60000, c.sticky.ttlMillis);
    }

    @Test
    void theShippedExampleIsValid() throws Exception {
        CohortHeaderConfig c = CohortHeaderConfig.parse(
                Files.readAllBytes(Path.of("src/main/proxywasm-plugin/example-config.json")));
        assertEquals("bucket_tester", c.cluster);
        assertEquals("x-user-id", c.sticky.keyHeader);
        assertEquals(300_000, c.sticky.ttlMillis);
    }

    @Test
    void nullKeepsTheDefault() throws Exception {
        CohortHeaderConfig c = parse("{\"cluster\": null, \"sticky\": null, \"timeout_ms\": null}");
        assertEquals("bucket_tester", c.cluster);
        assertNull(c.sticky);
        assertEquals(5000, c.timeoutMillis);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"timeout_ms\": -1}`                         | timeout_ms               | must not be negative (got -1)",
        "`{\"timeout_ms\": 0}`                          | timeout_ms               | must be between 1 and 2147483647 (got 0)",
        "`{\"timeout_ms\": 2147483648}`                 | timeout_ms               | must be between 1 and 2147483647 (got 2147483648)",
        "`{\"timeout_ms\": 99999999999999999999999}`    | timeout_ms               | is out of range (1 to 2147483647)",
        "`{\"timeout_ms\": 5000.5}`                     | timeout_ms               | must be a whole number, not a number",
        "`{\"timeout_ms\": \"5000\"}`                   | timeout_ms               | must be a whole number, not a string",
        "`{\"cluster\": \"\"}`                          | cluster                  | must not be empty",
        "`{\"cluster\": 7}`                             | cluster                  | must be a string, not a number",
        "`{\"method\": \"GET /\"}`                      | method                   | contains 0x20 at index 3, which a method may not",
        "`{\"method\": \"\"}`                           | method                   | must not be empty",
        "`{\"path\": \"bucket\"}`                       | path                     | must start with '/'",
        "`{\"scheme\": \"ftp\"}`                        | scheme                   | must be \"http\" or \"https\"",
        "`{\"authority\": \"\"}`                        | authority                | must not be empty",
        "`{\"authority\": \"a\\nb\"}`                   | authority                | contains 0x0a at index 1, which a header value may not",
        "`{\"request_header\": \"x test\"}`             | request_header           | contains 0x20 at index 1, which a header name may not",
        "`{\"request_header\": \"\"}`                   | request_header           | must not be empty",
        "`{\"request_header\": \":path\"}`              | request_header           | must not be a pseudo-header",
        "`{\"request_header\": \"x-c\u00f6hort\"}`      | request_header           | contains 0xf6 at index 3, which a header name may not",
        "`{\"value_header\": \"a(b)\"}`                 | value_header             | contains '(' at index 1, which a header name may not",
        "`{\"headers\": {\"bad name\": \"v\"}}`         | headers.bad name         | contains 0x20 at index 3, which a header name may not",
        "`{\"headers\": {\"x\": \"tab\\there\"}}`       | headers.x                | contains 0x09 at index 3, which a header value may not",
        "`{\"headers\": {\"x\": \"1\", \"X\": \"2\"}}`  | headers.X                | is given twice",
        "`{\"headers\": [\"accept\"]}`                  | headers                  | must be an object of header names to values, not an array",
        "`{\"response_headers\": {\"ok\": \" padded\"}}` | response_headers.ok     | must not start or end with a space",
        "`{\"max_value_length\": 0}`                    | max_value_length         | must be between 1 and 4096 (got 0)",
        "`{\"failure_policy\": \"fail_sometimes\"}`     | failure_policy           | must be \"fail_open\" or \"fail_closed\", not \"fail_sometimes\"",
        "`{\"default_cohort\": \"\"}`                   | default_cohort           | must not be empty (leave it out for no default)",
        "`{\"default_cohort\": \"toolong\", \"max_value_length\": 3}` | default_cohort | is 7 characters long, over max_value_length 3",
        "`{\"sticky\": {\"ttl_ms\": 1000}}`             | sticky.key_header        | is required when sticky is set",
        "`{\"sticky\": {\"key_header\": \"x-user\"}}`   | sticky.ttl_ms            | is required when sticky is set",
        "`{\"sticky\": {\"key_header\": \"x-user\", \"ttl_ms\": -5}}` | sticky.ttl_ms | must not be negative (got -5)",
        "`{\"sticky\": {\"key_header\": \"x-test-cohort\", \"ttl_ms\": 5}}` | sticky.key_header | must differ from request_header \"x-test-cohort\": the cohort would overwrite the key it is cached under",
        "`{\"sticky\": {\"key\": \"x\"}}`               | sticky.key               | is not a known field (known: key_header, ttl_ms)",
        "`{\"sticky\": true}`                           | sticky                   | must be an object like {\"key_header\": \"x-user-id\", \"ttl_ms\": 300000}",
        "`{\"timeout\": 5000}`                          | timeout                  | is not a known field (known: cluster, method, path, scheme, authority, headers, timeout_ms, request_header, value_header, max_value_length, response_headers, failure_policy, default_cohort, sticky)",
        "`[]`                                           | pluginConfig             | must be a JSON object",
        "`{} {}`                                        | pluginConfig             | has content after its closing '}'",
        "`{\"cluster\": \"a\", \"cluster\": \"b\"}`     | cluster                  | appears twice",
        "`{\"headers\": {\"x\": \"1\", \"x\": \"2\"}}`  | headers.x                | appears twice",
    })
    void rejectsABadFieldByName(String json, String field, String problem) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(json));
        assertEquals(field, e.field());
        assertEquals(field + ": " + problem, e.getMessage());
    }

    @Test
    void jsonAtTheParserLimitsIsRead() throws Exception {
        String cluster = "c".repeat(8192);
        assertEquals(cluster, parse("{\"cluster\": \"" + cluster + "\"}").cluster);
        // 32 digits is within the parser's limit, so the field's own range check answers.
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> parse("{\"timeout_ms\": " + "1".repeat(32) + "}"));
        assertEquals("timeout_ms: is out of range (1 to 2147483647)", e.getMessage());
    }

    @Test
    void jsonOverTheParserLimitsIsRejected() {
        String longString = "{\"cluster\": \"" + "c".repeat(9000) + "\"}";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse(longString));
        assertEquals("pluginConfig", e.field());
        assertTrue(e.getMessage().endsWith(": string longer than 8192 characters"), e.getMessage());
        String longNumber = "{\"timeout_ms\": " + "1".repeat(40) + "}";
        e = assertThrows(InvalidConfigException.class, () -> parse(longNumber));
        assertEquals("pluginConfig", e.field());
        assertTrue(e.getMessage().endsWith(": number longer than 32 characters"), e.getMessage());
    }

    @Test
    void malformedJsonSaysWhere() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parse("{\n  \"cluster\": \"x\",,\n}"));
        assertEquals("pluginConfig", e.field());
        assertTrue(e.getMessage().startsWith("pluginConfig: is not valid JSON at line 2, column "),
                e.getMessage());
    }
}
