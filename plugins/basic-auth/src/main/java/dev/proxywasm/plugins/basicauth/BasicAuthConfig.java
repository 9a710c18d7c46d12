package dev.proxywasm.plugins.basicauth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin configuration, Istio's {@code pluginConfig} as JSON, in the reference filter's
 * format:
 *
 * <pre>{@code
 * {"realm": "istio",
 *  "basic_auth_rules": [
 *    {"prefix": "/api", "hosts": ["*.example.com"], "request_methods": ["GET", "POST"],
 *     "credentials": ["ok:test", "YWRtaW4zOmFkbWluMw==", "alice:{SHA256}..."]}]}
 * }</pre>
 *
 * An empty configuration or {@code {}} has no rules. Unknown fields are ignored with a warning,
 * as the reference ignored them; errors name the rule and field and never quote a credential.
 */
public final class BasicAuthConfig {
    /** The realm when none is configured, as in the reference filter. */
    public static final String DEFAULT_REALM = "istio";

    private static final String RULES = "basic_auth_rules";

    private final String realm;
    private final String wwwAuthenticate;
    private final AccessPolicy policy;
    private final int ruleCount;
    private final List<String> warnings;

    private BasicAuthConfig(String realm, AccessPolicy policy, int ruleCount, List<String> warnings) {
        this.realm = realm;
        this.wwwAuthenticate = "Basic realm=" + realm;
        this.policy = policy;
        this.ruleCount = ruleCount;
        this.warnings = warnings;
    }

    /** The realm announced in {@code WWW-Authenticate}. */
    public String realm() {
        return realm;
    }

    /** The {@code WWW-Authenticate} value of a denial: {@code Basic realm=<realm>}, unquoted like the reference. */
    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }

    /** Number of entries of {@code basic_auth_rules}. */
    public int ruleCount() {
        return ruleCount;
    }

    /** What was accepted but looks wrong (unknown fields), one sentence each. */
    public List<String> warnings() {
        return warnings;
    }

    AccessPolicy policy() {
        return policy;
    }

    /** Reads and validates the configuration {@code json} (UTF-8; empty means no rules). */
    public static BasicAuthConfig parse(byte[] json) throws ConfigException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            return new Reader(parser).read();
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the offending text, which can be a credential.
            JsonLocation at = e.getLocation();
            throw new ConfigException("configuration is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("configuration could not be read");
        }
    }

    /** One pass over the token stream. */
    private static final class Reader {
        private final JsonParser parser;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, List<AuthRule>> rulesByMethod = new HashMap<>();
        private String realm = DEFAULT_REALM;
        private int ruleCount;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        BasicAuthConfig read() throws IOException, ConfigException {
            JsonToken first = parser.nextToken();
            if (first != null) {
                if (first != JsonToken.START_OBJECT) {
                    throw new ConfigException("configuration: must be a JSON object");
                }
                readTopLevel();
                if (parser.nextToken() != null) {
                    throw new ConfigException("configuration: unexpected content after the JSON object");
                }
            }
            HashMap<String, AuthRule[]> byMethod = new HashMap<>();
            for (Map.Entry<String, List<AuthRule>> e : rulesByMethod.entrySet()) {
                byMethod.put(e.getKey(), e.getValue().toArray(new AuthRule[0]));
            }
            return new BasicAuthConfig(realm, new AccessPolicy(byMethod), ruleCount, warnings);
        }

        private void readTopLevel() throws IOException, ConfigException {
            FieldSet seen = new FieldSet("");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                seen.add(name);
                JsonToken value = parser.nextToken();
                if (name.equals("realm")) {
                    realm = readRealm(value);
                } else if (name.equals(RULES)) {
                    readRules(value);
                } else {
                    warnings.add("ignoring unknown field '" + printable(name) + "'");
                    parser.skipChildren();
                }
            }
        }

        private String readRealm(JsonToken value) throws IOException, ConfigException {
            if (value != JsonToken.VALUE_STRING) {
                throw new ConfigException("realm: must be a string");
            }
            String text = parser.getText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new ConfigException("realm: must be printable ASCII (it goes into the WWW-Authenticate header)");
                }
            }
            return text;
        }

        private void readRules(JsonToken value) throws IOException, ConfigException {
            if (value != JsonToken.START_ARRAY) {
                throw new ConfigException(RULES + ": must be an array");
            }
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                readRule(token, RULES + "[" + ruleCount + "]");
                ruleCount++;
            }
        }

        private void readRule(JsonToken start, String where) throws IOException, ConfigException {
            if (start != JsonToken.START_OBJECT) {
                throw new ConfigException(where + ": must be an object");
            }
            FieldSet seen = new FieldSet(where + ".");
            PathMatch path = null;
            String pathField = null;
            List<String> methods = null;
            List<HostPattern> hosts = new ArrayList<>();
            CredentialSet credentials = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                seen.add(name);
                JsonToken value = parser.nextToken();
                PathMatch.Kind kind = pathKind(name);
                if (kind != null) {
                    if (pathField != null) {
                        throw new ConfigException(where + ": exactly one of exact, prefix and suffix is allowed, found "
                                + pathField + " and " + name);
                    }
                    pathField = name;
                    path = new PathMatch(kind, readString(value, where + "." + name));
                } else if (name.equals("request_methods")) {
                    methods = readStrings(value, where + ".request_methods");
                    if (methods.isEmpty()) {
                        throw new ConfigException(where + ".request_methods: at least one method is required");
                    }
                } else if (name.equals("hosts")) {
                    for (String host : readStrings(value, where + ".hosts")) {
                        hosts.add(HostPattern.parse(host));
                    }
                } else if (name.equals("credentials")) {
                    credentials = readCredentials(value, where + ".credentials");
                } else {
                    warnings.add(where + ": ignoring unknown field '" + printable(name) + "'");
                    parser.skipChildren();
                }
            }
            if (path == null) {
                throw new ConfigException(where + ": exactly one of exact, prefix and suffix is required");
            }
            if (methods == null) {
                throw new ConfigException(where + ".request_methods: at least one method is required");
            }
            if (credentials == null) {
                throw new ConfigException(where + ".credentials: at least one credential is required");
            }
            AuthRule rule = new AuthRule(path, hosts.toArray(new HostPattern[0]), credentials);
            for (String method : methods) {
                List<AuthRule> rules = rulesByMethod.computeIfAbsent(method, m -> new ArrayList<>());
                // A method listed twice in one rule would only check the same rule twice.
                if (rules.isEmpty() || rules.get(rules.size() - 1) != rule) {
                    rules.add(rule);
                }
            }
        }

        private CredentialSet readCredentials(JsonToken value, String where) throws IOException, ConfigException {
            if (value != JsonToken.START_ARRAY) {
                throw new ConfigException(where + ": must be an array of strings");
            }
            CredentialSet set = new CredentialSet();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                String field = where + "[" + set.size() + "]";
                CredentialSyntax.addTo(set, readString(token, field), field);
            }
            if (set.size() == 0) {
                throw new ConfigException(where + ": at least one credential is required");
            }
            return set;
        }

        private List<String> readStrings(JsonToken value, String where) throws IOException, ConfigException {
            if (value != JsonToken.START_ARRAY) {
                throw new ConfigException(where + ": must be an array of strings");
            }
            List<String> strings = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                strings.add(readString(token, where + "[" + strings.size() + "]"));
            }
            return strings;
        }

        private String readString(JsonToken value, String where) throws IOException, ConfigException {
            if (value != JsonToken.VALUE_STRING) {
                throw new ConfigException(where + ": must be a string");
            }
            return parser.getText();
        }

        private static PathMatch.Kind pathKind(String field) {
            switch (field) {
                case "exact":
                    return PathMatch.Kind.EXACT;
                case "prefix":
                    return PathMatch.Kind.PREFIX;
                case "suffix":
                    return PathMatch.Kind.SUFFIX;
                default:
                    return null;
            }
        }
    }

    /** The field names of one JSON object, to reject duplicates (a second value would silently win). */
    private static final class FieldSet {
        private final String where;
        private final List<String> names = new ArrayList<>();

        FieldSet(String where) {
            this.where = where;
        }

        void add(String name) throws ConfigException {
            if (names.contains(name)) {
                throw new ConfigException(where + printable(name) + ": appears twice");
            }
            names.add(name);
        }
    }

    /** A field name fit for a log line: printable ASCII, at most 64 characters. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return name.length() > 64 ? out.append("...").toString() : out.toString();
    }
}
