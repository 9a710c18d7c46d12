package dev.proxywasm.plugins.basicauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Configuration reading on the JVM: what is accepted, and the error for what is not. */
class BasicAuthConfigTest {

    static BasicAuthConfig parse(String json) throws ConfigException {
        return BasicAuthConfig.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static String error(String json) {
        return assertThrows(ConfigException.class, () -> parse(json)).getMessage();
    }

    static String rule(String fields) {
        return "{\"basic_auth_rules\": [{\"prefix\": \"/api\", \"request_methods\": [\"GET\"],"
                + " \"credentials\": [\"ok:test\"]}, {" + fields + "}]}";
    }

    @Test
    void emptyConfigurationAndEmptyObjectHaveNoRulesAndTheDefaultRealm() throws Exception {
        for (String json : new String[] {"", "{}", "  \n"}) {
            BasicAuthConfig config = parse(json);
            assertEquals(0, config.ruleCount());
            assertEquals("istio", config.realm());
            assertEquals("Basic realm=istio", config.wwwAuthenticate());
        }
    }

    @Test
    void readsTheReferenceExample() throws Exception {
        BasicAuthConfig config = parse("{\"realm\": \"test\", \"basic_auth_rules\": [{\"prefix\": \"/api\","
                + " \"hosts\": [\"*.example.com\"], \"request_methods\": [\"GET\", \"POST\"],"
                + " \"credentials\": [\"ok:test\", \"YWRtaW4zOmFkbWluMw==\"]}]}");
        assertEquals("test", config.realm());
        assertEquals("Basic realm=test", config.wwwAuthenticate());
        assertEquals(1, config.ruleCount());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarning() throws Exception {
        BasicAuthConfig config = parse("{\"relm\": \"x\", \"basic_auth_rules\": [{\"prefix\": \"/\","
                + " \"host\": \"a\", \"request_methods\": [\"GET\"], \"credentials\": [\"a:b\"]}]}");
        assertEquals(List.of("ignoring unknown field 'relm'", "basic_auth_rules[0]: ignoring unknown field 'host'"),
                config.warnings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'{bad'                                             | configuration is not valid JSON (line 1, column 2): expected a member name (a string)",
        "'[]'                                               | configuration: must be a JSON object",
        "'{} {}'                                            | configuration is not valid JSON (line 1, column 4): unexpected content after the root value",
        "'{\"realm\": 3}'                                   | realm: must be a string",
        "'{\"realm\": \"a\\nb\"}'                           | realm: must be printable ASCII (it goes into the WWW-Authenticate header)",
        "'{\"realm\": \"a\", \"realm\": \"b\"}'             | realm: appears twice",
        "'{\"basic_auth_rules\": {}}'                       | basic_auth_rules: must be an array",
        "'{\"basic_auth_rules\": [\"x\"]}'                  | basic_auth_rules[0]: must be an object",
    })
    void topLevelErrorsNameTheField(String json, String message) {
        assertEquals(message, error(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"request_methods\": [\"GET\"], \"credentials\": [\"a:b\"]'                     | basic_auth_rules[1]: exactly one of exact, prefix and suffix is required",
        "'\"prefix\": \"/\", \"exact\": \"/\", \"request_methods\": [\"GET\"]'            | basic_auth_rules[1]: exactly one of exact, prefix and suffix is allowed, found prefix and exact",
        "'\"prefix\": \"/\", \"prefix\": \"/a\"'                                          | basic_auth_rules[1].prefix: appears twice",
        "'\"suffix\": 1'                                                                  | basic_auth_rules[1].suffix: must be a string",
        "'\"exact\": \"/\", \"credentials\": [\"a:b\"]'                                   | basic_auth_rules[1].request_methods: at least one method is required",
        "'\"exact\": \"/\", \"request_methods\": []'                                      | basic_auth_rules[1].request_methods: at least one method is required",
        "'\"exact\": \"/\", \"request_methods\": \"GET\"'                                 | basic_auth_rules[1].request_methods: must be an array of strings",
        "'\"exact\": \"/\", \"request_methods\": [\"GET\", null]'                         | basic_auth_rules[1].request_methods[1]: must be a string",
        "'\"exact\": \"/\", \"request_methods\": [\"GET\"]'                               | basic_auth_rules[1].credentials: at least one credential is required",
        "'\"exact\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": []'          | basic_auth_rules[1].credentials: at least one credential is required",
        "'\"exact\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": \"a:b\"'     | basic_auth_rules[1].credentials: must be an array of strings",
        "'\"exact\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [\"a:b\", 7]' | basic_auth_rules[1].credentials[1]: must be a string",
        "'\"exact\": \"/\", \"hosts\": [\"a\", {}]'                                       | basic_auth_rules[1].hosts[1]: must be a string",
    })
    void ruleErrorsNameTheRuleAndTheField(String fields, String message) {
        assertEquals(message, error(rule(fields)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3cret!                | basic_auth_rules[1].credentials[1]: neither user:password nor base64 of a non-empty value",
        "''                     | basic_auth_rules[1].credentials[1]: neither user:password nor base64 of a non-empty value",
        "'===='                 | basic_auth_rules[1].credentials[1]: neither user:password nor base64 of a non-empty value",
        "'u:{SHA256}c2VjcmV0'   | basic_auth_rules[1].credentials[1]: {SHA256} must be followed by the base64 of a 32-byte SHA-256 digest",
        "'u:{SHA256}not base64' | basic_auth_rules[1].credentials[1]: {SHA256} must be followed by the base64 of a 32-byte SHA-256 digest",
        "'u:{SSHA256}' | basic_auth_rules[1].credentials[1]: {SSHA256} must be followed by the base64 of a 32-byte SHA-256 digest and a non-empty salt",
    })
    void badCredentialsAreNamedButNeverQuoted(String credential, String message) {
        String got = error(rule("\"exact\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [\"a:b\", \""
                + credential + "\"]"));
        assertEquals(message, got);
    }

    @Test
    void aSyntaxErrorNeverQuotesTheConfiguration() {
        String got = error("{\"basic_auth_rules\": [{\"credentials\": [\"admin:hunter2\" \"x\"]}]}");
        assertFalse(got.contains("hunter2"), got);
        assertTrue(got.startsWith("configuration is not valid JSON (line 1, column "), got);
    }
}
