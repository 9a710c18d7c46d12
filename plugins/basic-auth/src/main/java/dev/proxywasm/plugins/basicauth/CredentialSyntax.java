package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Base64;
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
        // One add at the end: each call costs TeaVM's module its exception and GC bookkeeping.
        int colon = text.indexOf(':');
        byte[] plain;
        byte[] user;
        StoredCredential credential;
        if (colon < 0) {
            plain = base64(text);
            if (plain == null || plain.length == 0) {
                return "neither user:password nor base64 of a non-empty value";
            }
            user = new byte[CredentialSet.userLength(plain)];
            System.arraycopy(plain, 0, user, 0, user.length);
            credential = StoredCredential.plain(plain);
        } else {
            user = Utf8.encode(text.substring(0, colon));
            boolean salted = text.startsWith(SALTED_SHA256, colon + 1);
            if (salted || text.startsWith(SHA256, colon + 1)) {
                int from = colon + 1 + (salted ? SALTED_SHA256 : SHA256).length();
                byte[] hash = base64(text.substring(from));
                if (!salted && (hash == null || hash.length != Sha256.LENGTH)) {
                    return SHA256 + " must be followed by the base64 of a " + Sha256.LENGTH + "-byte SHA-256 digest";
                }
                if (salted && (hash == null || hash.length <= Sha256.LENGTH)) {
                    return SALTED_SHA256 + " must be followed by the base64 of a " + Sha256.LENGTH
                            + "-byte SHA-256 digest and a non-empty salt";
                }
                // The salted form is the digest followed by the salt.
                byte[] digest = new byte[Sha256.LENGTH];
                byte[] salt = new byte[hash.length - Sha256.LENGTH];
                System.arraycopy(hash, 0, digest, 0, digest.length);
                System.arraycopy(hash, digest.length, salt, 0, salt.length);
                credential = StoredCredential.hashed(digest, salt);
            } else {
                credential = StoredCredential.plain(Utf8.encode(text));
            }
        }
        set.add(user, credential);
        return null;
    }

    /** The bytes {@code text} encodes as canonical base64, or {@code null}. */
    private static byte[] base64(String text) {
        byte[] bytes = Utf8.encode(text);
        return Base64.decode(bytes, 0, bytes.length);
    }
}
