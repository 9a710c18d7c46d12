package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.Headers;
import dev.proxywasm.abi.json.JsonCursor;
import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonReader;
import dev.proxywasm.abi.json.JsonToken;

/**
 * The plugin configuration (Istio's {@code pluginConfig}), read with the SDK's strict JSON reader
 * and validated as a whole before the plugin accepts it. Every default reproduces the
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
    /** No string in this configuration needs more than 8192 chars; they bound what a hostile one can cost. */
    private static final JsonLimits LIMITS = JsonLimits.DEFAULT.withMaxDepth(8).withMaxStringLength(8192)
            .withMaxNumberLength(32);
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
        JsonReader reader = new JsonReader(json, LIMITS);
        try {
            JsonCursor in = new JsonCursor(reader, "pluginConfig");
            if (in.start()) {
                fields.read(in, reader);
            }
        } catch (JsonException e) {
            if (e.path() != null) {
                // A value of the wrong shape, e.g. a member given twice.
                throw new InvalidConfigException(e.path(), e.problem());
            }
            // Malformed JSON, or JSON over the limits above; the message never quotes the input.
            throw new InvalidConfigException("pluginConfig", "is not valid JSON at line " + e.line() + ", column "
                    + e.column() + ": " + e.problem());
        }
        fields.checkTogether();
        return new CohortHeaderConfig(fields);
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

        /** Reads the root object; the cursor names each value's path, the reader converts numbers. */
        void read(JsonCursor in, JsonReader reader) throws JsonException, InvalidConfigException {
            if (in.token() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException("pluginConfig", "must be a JSON object");
            }
            in.enterObject();
            while (in.nextField()) {
                if (in.isNull()) {
                    continue; // null keeps the default, as an absent field does
                }
                readField(in, reader);
            }
            try {
                in.finish();
            } catch (JsonException e) {
                // After the root object the reader can only object to what follows it.
                throw new InvalidConfigException("pluginConfig", "has content after its closing '}'");
            }
        }

        private void readField(JsonCursor in, JsonReader reader) throws JsonException, InvalidConfigException {
            String field = in.path();
            switch (in.name()) {
                case "cluster":
                    cluster = nonEmptyString(in);
                    break;
                case "method":
                    method = string(in);
                    requireNoProblem(field, HeaderSyntax.tokenProblem(method, "a method"));
                    break;
                case "path":
                    path = headerValue(in);
                    if (!path.startsWith("/")) {
                        throw new InvalidConfigException(field, "must start with '/'");
                    }
                    break;
                case "scheme":
                    scheme = string(in);
                    if (!scheme.equals("http") && !scheme.equals("https")) {
                        throw new InvalidConfigException(field, "must be \"http\" or \"https\"");
                    }
                    break;
                case "authority":
                    authority = headerValue(in);
                    if (authority.isEmpty()) {
                        throw new InvalidConfigException(field, "must not be empty");
                    }
                    break;
                case "headers":
                    extraHeaders = headerObject(in);
                    break;
                case "timeout_ms":
                    timeoutMillis = (int) integer(in, reader, 1, Integer.MAX_VALUE);
                    break;
                case "request_header":
                    requestHeader = headerName(in);
                    break;
                case "value_header":
                    valueHeader = headerName(in);
                    break;
                case "max_value_length":
                    maxValueLength = (int) integer(in, reader, 1, MAX_VALUE_LENGTH_LIMIT);
                    break;
                case "response_headers":
                    responseHeaders = headerObject(in);
                    break;
                case "failure_policy":
                    String policy = string(in);
                    failurePolicy = FailurePolicy.named(policy);
                    if (failurePolicy == null) {
                        throw new InvalidConfigException(field, "must be \"fail_open\" or \"fail_closed\", not \""
                                + policy + "\"");
                    }
                    break;
                case "default_cohort":
                    defaultCohort = headerValue(in);
                    if (defaultCohort.isEmpty()) {
                        throw new InvalidConfigException(field, "must not be empty (leave it out for no default)");
                    }
                    break;
                case "sticky":
                    readSticky(in, reader);
                    break;
                default:
                    throw new InvalidConfigException(field, "is not a known field (known: " + FIELDS + ")");
            }
        }

        private void readSticky(JsonCursor in, JsonReader reader) throws JsonException, InvalidConfigException {
            if (in.token() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException("sticky", "must be an object like "
                        + "{\"key_header\": \"x-user-id\", \"ttl_ms\": 300000}");
            }
            long ttl = -1;
            String key = null;
            in.enterObject();
            while (in.nextField()) {
                if (in.name().equals("key_header")) {
                    key = headerName(in);
                } else if (in.name().equals("ttl_ms")) {
                    ttl = integer(in, reader, 1, Long.MAX_VALUE / 2);
                } else {
                    throw new InvalidConfigException(in.path(), "is not a known field (known: key_header, ttl_ms)");
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

        private static String string(JsonCursor in) throws JsonException, InvalidConfigException {
            if (in.token() != JsonToken.STRING) {
                throw new InvalidConfigException(in.path(), "must be a string, not " + describe(in.token()));
            }
            return in.stringValue();
        }

        private static String nonEmptyString(JsonCursor in) throws JsonException, InvalidConfigException {
            String s = string(in);
            if (s.isEmpty()) {
                throw new InvalidConfigException(in.path(), "must not be empty");
            }
            return s;
        }

        private static String headerName(JsonCursor in) throws JsonException, InvalidConfigException {
            String name = string(in);
            requireNoProblem(in.path(), HeaderSyntax.nameProblem(name));
            return HeaderSyntax.lowerCase(name);
        }

        private static String headerValue(JsonCursor in) throws JsonException, InvalidConfigException {
            String value = string(in);
            requireNoProblem(in.path(), HeaderSyntax.valueProblem(value));
            return value;
        }

        private static Headers headerObject(JsonCursor in) throws JsonException, InvalidConfigException {
            if (in.token() != JsonToken.START_OBJECT) {
                throw new InvalidConfigException(in.path(), "must be an object of header names to values, not "
                        + describe(in.token()));
            }
            Headers headers = new Headers(4);
            in.enterObject();
            while (in.nextField()) {
                String raw = in.name();
                requireNoProblem(in.path(), HeaderSyntax.nameProblem(raw));
                String name = HeaderSyntax.lowerCase(raw);
                if (headers.get(name) != null) {
                    throw new InvalidConfigException(in.path(), "is given twice");
                }
                headers.add(name, headerValue(in));
            }
            return headers;
        }

        private static long integer(JsonCursor in, JsonReader reader, long min, long max)
                throws InvalidConfigException {
            String field = in.path();
            if (!reader.isInteger()) {
                throw new InvalidConfigException(field, "must be a whole number, not " + describe(in.token()));
            }
            long v;
            try {
                v = reader.longValue();
            } catch (JsonException e) {
                throw new InvalidConfigException(field, "is out of range (" + min + " to " + max + ")");
            }
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

        // Comparisons, not an enum switch: javac's switch goes through a synthetic lookup array,
        // which basic-auth saw go wrong in the module (see its PathMatch).
        private static String describe(JsonToken token) {
            if (token == JsonToken.STRING) {
                return "a string";
            }
            if (token == JsonToken.NUMBER) {
                return "a number";
            }
            if (token == JsonToken.TRUE || token == JsonToken.FALSE) {
                return "a boolean";
            }
            if (token == JsonToken.START_OBJECT) {
                return "an object";
            }
            if (token == JsonToken.START_ARRAY) {
                return "an array";
            }
            return "null";
        }
    }
}
