package dev.proxywasm.plugins.cohortheader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.proxywasm.abi.Headers;
import java.io.IOException;

/**
 * The plugin configuration (Istio's {@code pluginConfig}), read with jackson-core's streaming
 * parser and validated as a whole before the plugin accepts it. Every default reproduces the
 * Lua filter this plugin replaces, so {@code {}} asks {@code bucket_tester} for {@code GET /}
 * and adds {@code x-test-cohort}.
 */
final class CohortHeaderConfig {
    static final String DEFAULT_CLUSTER = "bucket_tester";
    static final String DEFAULT_AUTHORITY = "bucket-tester.istioinaction.svc.cluster.local";
    static final int DEFAULT_TIMEOUT_MILLIS = 5000;
    static final String DEFAULT_REQUEST_HEADER = "x-test-cohort";
    static final int DEFAULT_MAX_VALUE_LENGTH = 128;
    /** Longer values are refused at configure time: a cohort is a short label, not a payload. */
    static final int MAX_VALUE_LENGTH_LIMIT = 4096;
    private static final int MAX_NESTING_DEPTH = 8;
    /** No string in this configuration needs more; it bounds what a hostile one can allocate. */
    private static final int MAX_STRING_LENGTH = 8192;
    private static final int MAX_NUMBER_LENGTH = 32;
    private static final String FIELDS = "cluster, method, path, scheme, authority, headers, timeout_ms, "
            + "request_header, value_header, max_value_length, response_headers, failure_policy, "
            + "default_cohort, sticky";

    /** The upstream cluster the bucket tester is reached through. */
    final String cluster;
    /** The call's headers: pseudo-headers first, then the configured extra headers. */
    final Headers callHeaders;
    final int timeoutMillis;
    /** The request header that receives the cohort (lower case). */
    final String requestHeader;
    /** The answer's header that holds the cohort, or {@code null} to read the body. */
    final String valueHeader;
    final int maxValueLength;
    /** Added to every response. */
    final Headers responseHeaders;
    final FailurePolicy failurePolicy;
    /** The cohort a failed request gets under {@code fail_open}, or {@code null} for none. */
    final String defaultCohort;
    /** Sticky cohorts, or {@code null} to ask the bucket tester on every request. */
    final StickyConfig sticky;

    private CohortHeaderConfig(Fields f) {
        cluster = f.cluster;
        callHeaders = new Headers(4 + f.extraHeaders.size());
        callHeaders.add(":method", f.method).add(":path", f.path).add(":scheme", f.scheme)
                .add(":authority", f.authority);
        for (int i = 0; i < f.extraHeaders.size(); i++) {
            callHeaders.add(f.extraHeaders.name(i), f.extraHeaders.value(i));
        }
        timeoutMillis = f.timeoutMillis;
        requestHeader = f.requestHeader;
        valueHeader = f.valueHeader;
        maxValueLength = f.maxValueLength;
        responseHeaders = f.responseHeaders;
        failurePolicy = f.failurePolicy;
        defaultCohort = f.defaultCohort;
        sticky = f.stickyKeyHeader == null ? null : new StickyConfig(f.stickyKeyHeader, f.stickyTtlMillis);
    }

    /**
     * Parses and validates {@code json}; empty input (no {@code pluginConfig}) means all defaults.
     *
     * @throws InvalidConfigException naming the first field that is wrong
     */
    static CohortHeaderConfig parse(byte[] json) throws InvalidConfigException {
        Fields fields = new Fields();
        if (!isBlank(json)) {
            // Interning is off: String.intern in the guest is a map that never forgets, and a
            // plugin may be reconfigured many times.
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                    .build();
            try (JsonParser parser = factory.createParser(json)) {
                fields.read(parser);
            } catch (JsonProcessingException e) {
                // Malformed JSON, or JSON over the limits above (StreamConstraintsException).
                JsonLocation at = e.getLocation();
                throw new InvalidConfigException("pluginConfig", "is not valid JSON"
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                        + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new InvalidConfigException("pluginConfig", "cannot be read: " + e.getMessage());
            }
        }
        fields.checkTogether();
        return new CohortHeaderConfig(fields);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The configuration as it is read, starting from the defaults. */
    private static final class Fields {
        String cluster = DEFAULT_CLUSTER;
        String method = "GET";
        String path = "/";
        String scheme = "http";
        String authority = DEFAULT_AUTHORITY;
        Headers extraHeaders = Headers.of("accept", "*/*");
        int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        String requestHeader = DEFAULT_REQUEST_HEADER;
        String valueHeader;
        int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;
        Headers responseHeaders = Headers.of("istioinaction", "it works!");
        FailurePolicy failurePolicy = FailurePolicy.FAIL_OPEN;
        String defaultCohort;
        String stickyKeyHeader;
        long stickyTtlMillis;

        void read(JsonParser p) throws IOException, InvalidConfigException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException("pluginConfig", "must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (p.currentToken() == JsonToken.VALUE_NULL) {
                    continue; // null keeps the default, as an absent field does
                }
                readField(p, field);
            }
            if (p.nextToken() != null) {
                throw new InvalidConfigException("pluginConfig", "has content after its closing '}'");
            }
        }

        private void readField(JsonParser p, String field) throws IOException, InvalidConfigException {
            switch (field) {
                case "cluster":
                    cluster = nonEmptyString(p, field);
                    break;
                case "method":
                    method = string(p, field);
                    requireNoProblem(field, HeaderSyntax.tokenProblem(method, "a method"));
                    break;
                case "path":
                    path = headerValue(p, field);
                    if (!path.startsWith("/")) {
                        throw new InvalidConfigException(field, "must start with '/'");
                    }
                    break;
                case "scheme":
                    scheme = string(p, field);
                    if (!scheme.equals("http") && !scheme.equals("https")) {
                        throw new InvalidConfigException(field, "must be \"http\" or \"https\"");
                    }
                    break;
                case "authority":
                    authority = headerValue(p, field);
                    if (authority.isEmpty()) {
                        throw new InvalidConfigException(field, "must not be empty");
                    }
                    break;
                case "headers":
                    extraHeaders = headerObject(p, field);
                    break;
                case "timeout_ms":
                    timeoutMillis = (int) integer(p, field, 1, Integer.MAX_VALUE);
                    break;
                case "request_header":
                    requestHeader = headerName(p, field);
                    break;
                case "value_header":
                    valueHeader = headerName(p, field);
                    break;
                case "max_value_length":
                    maxValueLength = (int) integer(p, field, 1, MAX_VALUE_LENGTH_LIMIT);
                    break;
                case "response_headers":
                    responseHeaders = headerObject(p, field);
                    break;
                case "failure_policy":
                    String policy = string(p, field);
                    failurePolicy = FailurePolicy.named(policy);
                    if (failurePolicy == null) {
                        throw new InvalidConfigException(field, "must be \"fail_open\" or \"fail_closed\", not \""
                                + policy + "\"");
                    }
                    break;
                case "default_cohort":
                    defaultCohort = headerValue(p, field);
                    if (defaultCohort.isEmpty()) {
                        throw new InvalidConfigException(field, "must not be empty (leave it out for no default)");
                    }
                    break;
                case "sticky":
                    readSticky(p);
                    break;
                default:
                    throw new InvalidConfigException(field, "is not a known field (known: " + FIELDS + ")");
            }
        }

        private void readSticky(JsonParser p) throws IOException, InvalidConfigException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException("sticky", "must be an object like "
                        + "{\"key_header\": \"x-user-id\", \"ttl_ms\": 300000}");
            }
            long ttl = -1;
            String key = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = "sticky." + p.currentName();
                p.nextToken();
                if (field.equals("sticky.key_header")) {
                    key = headerName(p, field);
                } else if (field.equals("sticky.ttl_ms")) {
                    ttl = integer(p, field, 1, Long.MAX_VALUE / 2);
                } else {
                    throw new InvalidConfigException(field, "is not a known field (known: key_header, ttl_ms)");
                }
            }
            if (key == null) {
                throw new InvalidConfigException("sticky.key_header", "is required when sticky is set");
            }
            if (ttl < 0) {
                throw new InvalidConfigException("sticky.ttl_ms", "is required when sticky is set");
            }
            stickyKeyHeader = key;
            stickyTtlMillis = ttl;
        }

        void checkTogether() throws InvalidConfigException {
            if (defaultCohort != null && defaultCohort.length() > maxValueLength) {
                throw new InvalidConfigException("default_cohort", "is " + defaultCohort.length()
                        + " characters long, over max_value_length " + maxValueLength);
            }
            if (stickyKeyHeader != null && stickyKeyHeader.equals(requestHeader)) {
                throw new InvalidConfigException("sticky.key_header", "must differ from request_header \""
                        + requestHeader + "\": the cohort would overwrite the key it is cached under");
            }
        }

        private static String string(JsonParser p, String field) throws IOException, InvalidConfigException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidConfigException(field, "must be a string, not " + describe(p.currentToken()));
            }
            return p.getText();
        }

        private static String nonEmptyString(JsonParser p, String field) throws IOException, InvalidConfigException {
            String s = string(p, field);
            if (s.isEmpty()) {
                throw new InvalidConfigException(field, "must not be empty");
            }
            return s;
        }

        private static String headerName(JsonParser p, String field) throws IOException, InvalidConfigException {
            String name = string(p, field);
            requireNoProblem(field, HeaderSyntax.nameProblem(name));
            return HeaderSyntax.lowerCase(name);
        }

        private static String headerValue(JsonParser p, String field) throws IOException, InvalidConfigException {
            String value = string(p, field);
            requireNoProblem(field, HeaderSyntax.valueProblem(value));
            return value;
        }

        private static Headers headerObject(JsonParser p, String field) throws IOException, InvalidConfigException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException(field, "must be an object of header names to values, not "
                        + describe(p.currentToken()));
            }
            Headers headers = new Headers(4);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String raw = p.currentName();
                String entry = field + "." + raw;
                requireNoProblem(entry, HeaderSyntax.nameProblem(raw));
                String name = HeaderSyntax.lowerCase(raw);
                if (headers.get(name) != null) {
                    throw new InvalidConfigException(entry, "is given twice");
                }
                p.nextToken();
                headers.add(name, headerValue(p, entry));
            }
            return headers;
        }

        private static long integer(JsonParser p, String field, long min, long max)
                throws IOException, InvalidConfigException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new InvalidConfigException(field, "must be a whole number, not " + describe(p.currentToken()));
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new InvalidConfigException(field, "is out of range (" + min + " to " + max + ")");
            }
            long v = p.getLongValue();
            if (v < 0 && min >= 0) {
                throw new InvalidConfigException(field, "must not be negative (got " + v + ")");
            }
            if (v < min || v > max) {
                throw new InvalidConfigException(field, "must be between " + min + " and " + max + " (got " + v + ")");
            }
            return v;
        }

        private static void requireNoProblem(String field, String problem) throws InvalidConfigException {
            if (problem != null) {
                throw new InvalidConfigException(field, problem);
            }
        }

        private static String describe(JsonToken token) {
            switch (token) {
                case VALUE_STRING:
                    return "a string";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return "a number";
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return "a boolean";
                case START_OBJECT:
                    return "an object";
                case START_ARRAY:
                    return "an array";
                default:
                    return "null";
            }
        }
    }
}
