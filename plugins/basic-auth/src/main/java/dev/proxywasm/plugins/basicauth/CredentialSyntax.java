package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.internal.Utf8;

/**
 * Reads one entry of a rule's {@code credentials}:
 * <ul>
 * <li>{@code user:password} (it has a colon): kept as is, as the reference filter did by
 *     base64-encoding it;</li>
 * <li>{@code user:{SHA256}<base64 of SHA-256(password)>}: only the digest is kept;</li>
 * <li>{@code user:{SSHA256}<base64 of SHA-256(password || salt) followed by salt>}: salted;</li>
 * <li>anything else must be base64 of a non-empty value, the already encoded {@code user:password}
 *     (padding optional). It is taken literally, so a password that really starts with
 *     {@code {SHA256}} is configured this way.</li>
 * </ul>
 */
final class CredentialSyntax {
    static final String SHA256 = "{SHA256}";
    static final String SALTED_SHA256 = "{SSHA256}";

    private CredentialSyntax() {
    }

    /**
     * Adds the credential {@code text} to {@code set}; returns what is wrong with it instead
     * (never quoting it), or {@code null}.
     */
    static String addTo(CredentialSet set, String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            byte[] decoded = Base64Decoder.decode(text);
            if (decoded == null || decoded.length == 0) {
                return "neither user:password nor base64 of a non-empty value";
            }
            UserPassword userPassword = new UserPassword(decoded);
            set.add(userPassword.userKey(), new StoredCredential.Plain(decoded));
            return null;
        }
        byte[] user = Utf8.encode(text.substring(0, colon));
        String userKey = new UserPassword(user).userKey();
        if (text.startsWith(SHA256, colon + 1)) {
            byte[] digest = Base64Decoder.decode(text, colon + 1 + SHA256.length(), text.length());
            if (digest == null || digest.length != Sha256.LENGTH) {
                return SHA256 + " must be followed by the base64 of a " + Sha256.LENGTH + "-byte SHA-256 digest";
            }
            set.add(userKey, new StoredCredential.Hashed(digest, new byte[0]));
        } else if (text.startsWith(SALTED_SHA256, colon + 1)) {
            byte[] digestAndSalt = Base64Decoder.decode(text, colon + 1 + SALTED_SHA256.length(), text.length());
            if (digestAndSalt == null || digestAndSalt.length <= Sha256.LENGTH) {
                return SALTED_SHA256 + " must be followed by the base64 of a " + Sha256.LENGTH
                        + "-byte SHA-256 digest and a non-empty salt";
            }
            byte[] digest = new byte[Sha256.LENGTH];
            byte[] salt = new byte[digestAndSalt.length - Sha256.LENGTH];
            System.arraycopy(digestAndSalt, 0, digest, 0, digest.length);
            System.arraycopy(digestAndSalt, digest.length, salt, 0, salt.length);
            set.add(userKey, new StoredCredential.Hashed(digest, salt));
        } else {
            set.add(userKey, new StoredCredential.Plain(Utf8.encode(text)));
        }
        return null;
    }
}
