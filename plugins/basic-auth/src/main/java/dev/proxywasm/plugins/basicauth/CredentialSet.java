package dev.proxywasm.plugins.basicauth;

import java.util.HashMap;

/**
 * The credentials of one rule, indexed by user so that checking a request costs one hash lookup
 * and a constant-time comparison, however many credentials are configured.
 */
final class CredentialSet {
    private static final StoredCredential[] NONE = new StoredCredential[0];

    private final HashMap<String, StoredCredential[]> byUser = new HashMap<>();
    private int size;

    /** Adds {@code credential} for the user {@code userKey} (see {@link UserPassword#userKey()}). */
    void add(String userKey, StoredCredential credential) {
        StoredCredential[] existing = byUser.get(userKey);
        if (existing == null) {
            existing = NONE;
        }
        StoredCredential[] grown = new StoredCredential[existing.length + 1];
        System.arraycopy(existing, 0, grown, 0, existing.length);
        grown[existing.length] = credential;
        byUser.put(userKey, grown);
        size++;
    }

    /** Number of credentials. */
    int size() {
        return size;
    }

    /** Whether {@code presented} matches one of the credentials of its user. */
    boolean accepts(UserPassword presented, Sha256 sha256) {
        StoredCredential[] candidates = byUser.get(presented.userKey());
        if (candidates == null) {
            return false;
        }
        boolean accepted = false;
        // Every candidate of the user is compared, so the time does not say which one matched.
        for (StoredCredential candidate : candidates) {
            accepted |= candidate.matches(presented, sha256);
        }
        return accepted;
    }
}
