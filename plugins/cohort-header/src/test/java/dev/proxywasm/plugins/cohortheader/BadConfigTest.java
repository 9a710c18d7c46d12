package dev.proxywasm.plugins.cohortheader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.harness.LogEntry;
import dev.proxywasm.harness.LogLevel;
import dev.proxywasm.harness.PluginStartException;
import dev.proxywasm.harness.ProxyWasmHost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compiled module refuses a bad configuration at configure time (Envoy then rejects the
 * plugin) and says which field is wrong; it never traps on one. Every field's checks are in
 * {@link CohortHeaderConfigTest}.
 */
class BadConfigTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"timeout_ms\": -5}`                           | timeout_ms: must not be negative (got -5)",
        "`{\"cluster\": \"\"}`                            | cluster: must not be empty",
        "`{\"request_header\": \"x cohort\"}`             | request_header: contains 0x20 at index 1, which a header name may not",
        "`{\"response_headers\": {\"ist io\": \"x\"}}`    | response_headers.ist io: contains 0x20 at index 3, which a header name may not",
        "`{\"failure_policy\": \"open\"}`                 | failure_policy: must be \"fail_open\" or \"fail_closed\", not \"open\"",
        "`{\"sticky\": {\"key_header\": \"x-user-id\", \"ttl_ms\": 0}}` | sticky.ttl_ms: must be between 1 and 4611686018427387903 (got 0)",
        "`{\"max_value_length\": 1e3}`                    | max_value_length: must be a whole number, not a number",
        "`{\"clusterr\": \"bucket_tester\"}`              | clusterr: is not a known field (known: cluster, method, path, scheme, authority, headers, timeout_ms, request_header, value_header, max_value_length, response_headers, failure_policy, default_cohort, sticky)",
        "`\"bucket_tester\"`                              | pluginConfig: must be a JSON object",
    })
    void isRejectedWithTheFieldNamed(String config, String error) {
        PluginStartException e = assertThrows(PluginStartException.class, () -> CohortPlugin.start(config));
        assertEquals("proxy_on_configure", e.callback());
        assertEquals(List.of(new LogEntry(LogLevel.ERROR, "cohort-header: invalid pluginConfig: " + error)),
                e.logs().stream().filter(l -> l.level() == LogLevel.ERROR).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"cluster\": \"bucket_tester\",,}`",
        "`{\"cluster\": \"bucket_tester\"`",
        "`{\"cluster\": \"bucket_\u0000tester\"}`",
        "`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`",
        "`{\"headers\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": {\"h\": {}}}}}}}}}}`",
    })
    void malformedJsonIsRejectedNotTrapped(String config) {
        PluginStartException e = assertThrows(PluginStartException.class, () -> CohortPlugin.start(config));
        List<LogEntry> errors = e.logs().stream().filter(l -> l.level() == LogLevel.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("cohort-header: invalid pluginConfig: "), errors.toString());
    }

    @Test
    void jsonOverTheParserLimitsIsRejectedNotTrapped() {
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> CohortPlugin.start("{\"cluster\": \"" + "c".repeat(100_000) + "\"}"));
        assertTrue(e.logs().stream().anyMatch(l -> l.level() == LogLevel.ERROR
                && l.message().startsWith("cohort-header: invalid pluginConfig: pluginConfig: is not valid JSON")
                && l.message().endsWith(": string longer than 8192 characters")), e.logs().toString());
    }

    @Test
    void invalidUtf8IsRejectedNotTrapped() {
        byte[] bytes = {'{', '"', 'c', 'l', 'u', 's', 't', 'e', 'r', '"', ':', '"', (byte) 0xff, '"', '}'};
        PluginStartException e = assertThrows(PluginStartException.class,
                () -> ProxyWasmHost.load(CohortPlugin.WASM).pluginConfig(bytes).start());
        assertTrue(e.logs().stream().anyMatch(l -> l.level() == LogLevel.ERROR
                && l.message().startsWith("cohort-header: invalid pluginConfig: pluginConfig: is not valid JSON")),
                e.logs().toString());
    }
}
