package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.json.JsonCursor;
import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonReader;
import dev.proxywasm.abi.json.JsonToken;
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
 * as the reference ignored them; a field given twice is an error (a second value would silently
 * win); errors name the rule and field and never quote a credential.
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
        try {
            return new Reader(new JsonCursor(new JsonReader(json, JsonLimits.DEFAULT), "configuration")).read();
        } catch (JsonException e) {
            if (e.path() != null) {
                throw new ConfigException(e.getMessage());
            }
            throw new ConfigException("configuration is not valid JSON (line " + e.line() + ", column " + e.column()
                    + "): " + e.problem());
        }
    }

    /** One pass over the document. */
    private static final class Reader {
        private final JsonCursor in;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, List<AuthRule>> rulesByMethod = new HashMap<>();
        private String realm = DEFAULT_REALM;
        private int ruleCount;

        Reader(JsonCursor in) {
            this.in = in;
        }

        BasicAuthConfig read() throws JsonException, ConfigException {
            if (in.start()) {
                if (in.token() != JsonToken.START_OBJECT) {
                    throw in.error("must be a JSON object");
                }
                readTopLevel();
                in.finish();
            }
            HashMap<String, AuthRule[]> byMethod = new HashMap<>();
            for (Map.Entry<String, List<AuthRule>> e : rulesByMethod.entrySet()) {
                byMethod.put(e.getKey(), e.getValue().toArray(new AuthRule[0]));
            }
            return new BasicAuthConfig(realm, new AccessPolicy(byMethod), ruleCount, warnings);
        }

        private void readTopLevel() throws JsonException, ConfigException {
            in.enterObject();
            while (in.nextField()) {
                String name = in.name();
                if (name.equals("realm")) {
                    realm = readRealm();
                } else if (name.equals(RULES)) {
                    in.enterArray();
                    while (in.nextElement()) {
                        readRule();
                        ruleCount++;
                    }
                } else {
                    warnings.add("ignoring unknown field '" + printable(name) + "'");
                }
            }
        }

        private String readRealm() throws JsonException {
            String text = in.stringValue();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw in.error("must be printable ASCII (it goes into the WWW-Authenticate header)");
                }
            }
            return text;
        }

        private void readRule() throws JsonException, ConfigException {
            String where = in.path();
            in.enterObject();
            PathMatch path = null;
            String pathField = null;
            List<String> methods = null;
            List<HostPattern> hosts = new ArrayList<>();
            CredentialSet credentials = null;
            while (in.nextField()) {
                String name = in.name();
                PathMatch.Kind kind = pathKind(name);
                if (kind != null) {
                    if (pathField != null) {
                        throw new ConfigException(where + ": exactly one of exact, prefix and suffix is allowed, found "
                                + pathField + " and " + name);
                    }
                    pathField = name;
                    path = new PathMatch(kind, in.stringValue());
                } else if (name.equals("request_methods")) {
                    methods = readStrings();
                    if (methods.isEmpty()) {
                        throw in.error("at least one method is required");
                    }
                } else if (name.equals("hosts")) {
                    for (String host : readStrings()) {
                        hosts.add(HostPattern.parse(host));
                    }
                } else if (name.equals("credentials")) {
                    credentials = readCredentials();
                } else {
                    warnings.add(where + ": ignoring unknown field '" + printable(name) + "'");
                }
            }
            if (path == null) {
                throw in.error("exactly one of exact, prefix and suffix is required");
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

        private CredentialSet readCredentials() throws JsonException, ConfigException {
            enterArrayOfStrings();
            CredentialSet set = new CredentialSet();
            while (in.nextElement()) {
                CredentialSyntax.addTo(set, in.stringValue(), in.path());
            }
            if (set.size() == 0) {
                throw in.error("at least one credential is required");
            }
            return set;
        }

        private List<String> readStrings() throws JsonException {
            enterArrayOfStrings();
            List<String> strings = new ArrayList<>();
            while (in.nextElement()) {
                strings.add(in.stringValue());
            }
            return strings;
        }

        private void enterArrayOfStrings() throws JsonException {
            if (in.token() != JsonToken.START_ARRAY) {
                throw in.error("must be an array of strings");
            }
            in.enterArray();
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
