package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.internal.Utf8;
import dev.proxywasm.abi.json.JsonCursor;
import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonReader;
import java.util.ArrayList;
import java.util.List;

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
    private static final String ARRAY_OF_STRINGS = "must be an array of strings";

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
            throw new ConfigException(e.path() != null ? e.getMessage()
                    : "configuration is not valid JSON (line " + e.line() + ", column " + e.column() + "): "
                            + e.problem());
        }
    }

    /**
     * One pass over the document. Written for a small module: TeaVM spends code on every call,
     * cast and string concatenation, so lists are read by index and arrays are filled by hand.
     */
    private static final class Reader {
        private final JsonCursor in;
        private final ArrayList<String> warnings = new ArrayList<>();
        /**
         * The methods as they came and, at the same index, their rules in order: a handful of
         * methods, so a scan, and no HashMap in the module.
         */
        private final ArrayList<String> methods = new ArrayList<>();
        private final ArrayList<ArrayList<AuthRule>> rulesByMethod = new ArrayList<>();
        private String realm = DEFAULT_REALM;
        private int ruleCount;

        Reader(JsonCursor in) {
            this.in = in;
        }

        BasicAuthConfig read() throws JsonException, ConfigException {
            JsonCursor in = this.in;
            if (in.start()) {
                in.enterObject("must be a JSON object");
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
                        warnings.add("ignoring unknown field '" + JsonCursor.printableName(name) + "'");
                    }
                }
                in.finish();
            }
            byte[][] methodNames = new byte[methods.size()][];
            AuthRule[][] rules = new AuthRule[methodNames.length][];
            for (int i = 0; i < methodNames.length; i++) {
                methodNames[i] = Utf8.encode(methods.get(i));
                rules[i] = toArray(rulesByMethod.get(i));
            }
            return new BasicAuthConfig(realm, new AccessPolicy(methodNames, rules), ruleCount, warnings);
        }

        private String readRealm() throws JsonException {
            JsonCursor in = this.in;
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
            JsonCursor in = this.in;
            String where = in.path();
            in.enterObject();
            PathMatch path = null;
            String pathField = null;
            ArrayList<String> ruleMethods = null;
            ArrayList<String> hosts = null;
            CredentialSet credentials = null;
            while (in.nextField()) {
                String name = in.name();
                int kind = name.equals("exact") ? PathMatch.EXACT
                        : name.equals("prefix") ? PathMatch.PREFIX
                        : name.equals("suffix") ? PathMatch.SUFFIX : -1;
                if (kind >= 0) {
                    if (pathField != null) {
                        throw new ConfigException(where + ": exactly one of exact, prefix and suffix is allowed, found "
                                + pathField + " and " + name);
                    }
                    pathField = name;
                    path = new PathMatch(kind, in.stringValue());
                } else if (name.equals("request_methods")) {
                    ruleMethods = readStrings();
                    if (ruleMethods.isEmpty()) {
                        throw in.error("at least one method is required");
                    }
                } else if (name.equals("hosts")) {
                    hosts = readStrings();
                } else if (name.equals("credentials")) {
                    credentials = new CredentialSet();
                    in.enterArray(ARRAY_OF_STRINGS);
                    while (in.nextElement()) {
                        String problem = CredentialSyntax.addTo(credentials, in.stringValue());
                        if (problem != null) {
                            throw in.error(problem);
                        }
                    }
                    if (credentials.size() == 0) {
                        throw in.error("at least one credential is required");
                    }
                } else {
                    warnings.add(where + ": ignoring unknown field '" + JsonCursor.printableName(name) + "'");
                }
            }
            if (path == null) {
                throw in.error("exactly one of exact, prefix and suffix is required");
            }
            if (ruleMethods == null) {
                throw new ConfigException(where + ".request_methods: at least one method is required");
            }
            if (credentials == null) {
                throw new ConfigException(where + ".credentials: at least one credential is required");
            }
            HostPattern[] hostArray = new HostPattern[hosts == null ? 0 : hosts.size()];
            for (int i = 0; i < hostArray.length; i++) {
                hostArray[i] = HostPattern.parse(hosts.get(i));
            }
            AuthRule rule = new AuthRule(path, hostArray, credentials);
            for (int i = 0; i < ruleMethods.size(); i++) {
                String method = ruleMethods.get(i);
                int known = methods.indexOf(method);
                ArrayList<AuthRule> rules;
                if (known >= 0) {
                    rules = rulesByMethod.get(known);
                } else {
                    rules = new ArrayList<>();
                    methods.add(method);
                    rulesByMethod.add(rules);
                }
                // A method listed twice in one rule would only check the same rule twice.
                if (rules.isEmpty() || rules.get(rules.size() - 1) != rule) {
                    rules.add(rule);
                }
            }
        }

        /** Reads the current value, an array of strings. */
        private ArrayList<String> readStrings() throws JsonException {
            JsonCursor in = this.in;
            ArrayList<String> strings = new ArrayList<>();
            in.enterArray(ARRAY_OF_STRINGS);
            while (in.nextElement()) {
                strings.add(in.stringValue());
            }
            return strings;
        }

        private static AuthRule[] toArray(ArrayList<AuthRule> rules) {
            AuthRule[] array = new AuthRule[rules.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = rules.get(i);
            }
            return array;
        }
    }
}
