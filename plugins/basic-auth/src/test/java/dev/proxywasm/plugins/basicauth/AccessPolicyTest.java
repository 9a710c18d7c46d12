package dev.proxywasm.plugins.basicauth;

import static dev.proxywasm.plugins.basicauth.Verdict.ALLOWED;
import static dev.proxywasm.plugins.basicauth.Verdict.INVALID_CREDENTIALS;
import static dev.proxywasm.plugins.basicauth.Verdict.NOT_PROTECTED;
import static dev.proxywasm.plugins.basicauth.Verdict.NO_CREDENTIALS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Rule matching and credential checking on the JVM; the same cases run on the .wasm in BasicAuthFilterTest. */
class AccessPolicyTest {

    /** Header values as UTF-8 bytes, as the host hands them over; null for an absent header. */
    record Request(byte[] path, byte[] authority, byte[] authorization) implements RequestFacts {
    }

    static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    static int check(String config, String method, String path, String authority, String authorization)
            throws Exception {
        return BasicAuthConfigTest.parse(config).policy()
                .check(utf8(method), new Request(utf8(path), utf8(authority), utf8(authorization)));
    }

    static final String API = "{\"basic_auth_rules\": [{\"prefix\": \"/api\", \"request_methods\": [\"GET\", \"POST\"],"
            + " \"credentials\": [\"ok:test\", \"YWRtaW4zOmFkbWluMw==\", \"ünï:cødé\"]}]}";

    @Test
    void checksOnlyTheConfiguredMethodsAndPaths() throws Exception {
        assertEquals(ALLOWED, check(API, "GET", "/api", "x", basic("ok:test")));
        assertEquals(ALLOWED, check(API, "POST", "/api/x?y", "x", basic("admin3:admin3")));
        assertEquals(ALLOWED, check(API, "GET", "/api", "x", basic("ünï:cødé")));
        assertEquals(NO_CREDENTIALS, check(API, "GET", "/api", "x", null));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", basic("ok:tesT")));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", basic("ok:test ")));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", basic("nobody:test")));
        assertEquals(NOT_PROTECTED, check(API, "DELETE", "/api", "x", null));
        assertEquals(NOT_PROTECTED, check(API, "get", "/api", "x", null));
        assertEquals(NOT_PROTECTED, check(API, null, "/api", "x", null));
        assertEquals(NOT_PROTECTED, check(API, "GET", "/secret", "x", null));
        assertEquals(NOT_PROTECTED, check(API, "GET", null, null, null));
    }

    @Test
    void readsTheBasicSchemeLeniently() throws Exception {
        assertEquals(ALLOWED, check(API, "GET", "/api", "x", "basic b2s6dGVzdA=="));
        assertEquals(ALLOWED, check(API, "GET", "/api", "x", "BASIC   b2s6dGVzdA  "));
        assertEquals(ALLOWED, check(API, "GET", "/api", "x", "\tBasic\tb2s6dGVzdA=="));
        assertEquals(NO_CREDENTIALS, check(API, "GET", "/api", "x", "Bearer b2s6dGVzdA=="));
        assertEquals(NO_CREDENTIALS, check(API, "GET", "/api", "x", "Basicb2s6dGVzdA=="));
        assertEquals(NO_CREDENTIALS, check(API, "GET", "/api", "x", ""));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", "Basic"));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", "Basic b2s6dGVzdA==,Basic b2s6dGVzdA=="));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", "Basic b2s6 dGVzdA=="));
        assertEquals(INVALID_CREDENTIALS, check(API, "GET", "/api", "x", "Basic !!!!"));
    }

    @Test
    void exactPrefixAndSuffixPathsAgainstTheRawPath() throws Exception {
        String config = "{\"basic_auth_rules\": [{\"exact\": \"/a\", \"request_methods\": [\"GET\"], \"credentials\": [\"u:p\"]},"
                + " {\"suffix\": \".json\", \"request_methods\": [\"GET\"], \"credentials\": [\"u:p\"]}]}";
        assertEquals(NO_CREDENTIALS, check(config, "GET", "/a", "x", null));
        assertEquals(NOT_PROTECTED, check(config, "GET", "/a?x", "x", null));
        assertEquals(NOT_PROTECTED, check(config, "GET", "/ab", "x", null));
        assertEquals(NO_CREDENTIALS, check(config, "GET", "/b/c.json", "x", null));
        assertEquals(NOT_PROTECTED, check(config, "GET", "/b/c.json?x", "x", null));
    }

    @Test
    void everyApplyingRuleMustAcceptTheCredentials() throws Exception {
        String config = "{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [\"a:1\", \"b:2\"]},"
                + " {\"prefix\": \"/admin\", \"request_methods\": [\"GET\"], \"credentials\": [\"b:2\"]}]}";
        assertEquals(ALLOWED, check(config, "GET", "/x", "h", basic("a:1")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/admin", "h", basic("a:1")));
        assertEquals(ALLOWED, check(config, "GET", "/admin", "h", basic("b:2")));
    }

    @Test
    void hostsMatchExactlyByPrefixOrBySuffixIgnoringPortAndCase() throws Exception {
        String config = "{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [\"u:p\"],"
                + " \"hosts\": [\"api.example.com:8080\", \"*.internal\", \"admin.*\", \"[::1]\"]}]}";
        for (String host : new String[] {"api.example.com", "API.Example.COM:443", "db.internal", "x.y.internal:1",
            "admin.example.org", "admin.", "[::1]", "[::1]:8443"}) {
            assertEquals(NO_CREDENTIALS, check(config, "GET", "/", host, null), host);
        }
        for (String host : new String[] {"example.com", "api.example.com.evil", "internal", "xadmin.com", "[::2]:80",
            "::1", "", "api.example.com:80x"}) {
            assertEquals(NOT_PROTECTED, check(config, "GET", "/", host, null), host);
        }
        assertEquals(NOT_PROTECTED, check(config, "GET", "/", null, null));
    }

    @Test
    void hashedCredentialsAreCheckedByDigest() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8));
        MessageDigest salted = MessageDigest.getInstance("SHA-256");
        salted.update("pepper!".getBytes(StandardCharsets.UTF_8));
        byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
        salted.update(salt);
        byte[] saltedDigest = salted.digest();
        byte[] digestAndSalt = new byte[40];
        System.arraycopy(saltedDigest, 0, digestAndSalt, 0, 32);
        System.arraycopy(salt, 0, digestAndSalt, 32, 8);
        String config = "{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": ["
                + "\"alice:{SHA256}" + Base64.getEncoder().encodeToString(digest) + "\","
                + "\"bob:{SSHA256}" + Base64.getEncoder().encodeToString(digestAndSalt) + "\"]}]}";
        assertEquals(ALLOWED, check(config, "GET", "/", "h", basic("alice:s3cret")));
        assertEquals(ALLOWED, check(config, "GET", "/", "h", basic("bob:pepper!")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/", "h", basic("alice:s3cre")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/", "h", basic("bob:s3cret")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/", "h", basic("alice")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/", "h",
                basic("alice:{SHA256}" + Base64.getEncoder().encodeToString(digest))));
    }

    @Test
    void aBase64CredentialIsTakenLiterallyEvenWhenItLooksHashed() throws Exception {
        String literal = "carol:{SHA256}abc";
        String config = "{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [\""
                + Base64.getEncoder().encodeToString(literal.getBytes(StandardCharsets.UTF_8)) + "\", \"YWRtaW4=\"]}]}";
        assertEquals(ALLOWED, check(config, "GET", "/", "h", basic(literal)));
        // Like the reference, a configured base64 value without a colon is matched whole.
        assertEquals(ALLOWED, check(config, "GET", "/", "h", basic("admin")));
        assertEquals(INVALID_CREDENTIALS, check(config, "GET", "/", "h", basic("admin:")));
    }

    @Test
    void aThousandCredentialsAndSeveralPasswordsPerUser() throws Exception {
        StringBuilder config = new StringBuilder("{\"basic_auth_rules\": [{\"prefix\": \"/\", \"request_methods\": [\"GET\"], \"credentials\": [");
        for (int i = 0; i < 1000; i++) {
            config.append("\"user").append(i).append(":pw").append(i).append("\",");
        }
        config.append("\"user7:second\"]}]}");
        for (int i = 0; i < 1000; i += 37) {
            assertEquals(ALLOWED, check(config.toString(), "GET", "/", "h", basic("user" + i + ":pw" + i)));
            assertEquals(INVALID_CREDENTIALS, check(config.toString(), "GET", "/", "h", basic("user" + i + ":pw" + (i + 1))));
        }
        assertEquals(ALLOWED, check(config.toString(), "GET", "/", "h", basic("user7:second")));
        assertEquals(ALLOWED, check(config.toString(), "GET", "/", "h", basic("user7:pw7")));
    }
}
