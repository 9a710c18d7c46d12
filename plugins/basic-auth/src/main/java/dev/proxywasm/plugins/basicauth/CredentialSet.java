package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;

/**
 * The credentials of one rule, indexed by user (an open-addressing table over the user's bytes)
 * so that checking a request costs one hash of the presented user and a constant-time
 * comparison, however many credentials are configured, and no String per request.
 */
final class CredentialSet {
    /** Users by slot (null: free) and, at the same slot, that user's credentials. */
    private byte[][] users = new byte[8][];
    private StoredCredential[][] credentials = new StoredCredential[8][];
    private int userCount;
    private int size;

    /** Adds {@code credential} for {@code user} (the bytes before the first colon). */
    void add(byte[] user, StoredCredential credential) {
        int slot = slot(user, user.length);
        StoredCredential[] existing = credentials[slot];
        if (existing == null) {
            users[slot] = user;
            credentials[slot] = new StoredCredential[] {credential};
            if (++userCount * 2 > users.length) {
                grow();
            }
        } else {
            StoredCredential[] grown = new StoredCredential[existing.length + 1];
            System.arraycopy(existing, 0, grown, 0, existing.length);
            grown[existing.length] = credential;
            credentials[slot] = grown;
        }
        size++;
    }

    /** Number of credentials. */
    int size() {
        return size;
    }

    /**
     * The length of the user in a decoded credential {@code user:password} (RFC 7617: the user ends
     * at the first colon). A value without a colon is all user and no password; the reference
     * filter accepted such configured values, so they are kept and matched whole.
     */
    static int userLength(byte[] credential) {
        int colon = Bytes.indexOf(credential, ':', 0, credential.length);
        return colon < 0 ? credential.length : colon;
    }

    /**
     * Whether {@code presented}, a decoded credential whose user is its first {@code userLength}
     * bytes, matches one of the credentials of that user.
     */
    boolean accepts(byte[] presented, int userLength, Sha256 sha256) {
        StoredCredential[] candidates = credentials[slot(presented, userLength)];
        if (candidates == null) {
            return false;
        }
        boolean accepted = false;
        // Every candidate of the user is compared, so the time does not say which one matched.
        for (StoredCredential candidate : candidates) {
            accepted |= candidate.matches(presented, userLength, sha256);
        }
        return accepted;
    }

    /** The slot holding the user {@code text[0, length)}, or the free slot where it would go. */
    private int slot(byte[] text, int length) {
        int hash = Bytes.hashCode(text, 0, length);
        int mask = users.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (users[slot] != null
                && !(users[slot].length == length && Bytes.regionMatches(users[slot], 0, text, 0, length))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        byte[][] oldUsers = users;
        StoredCredential[][] oldCredentials = credentials;
        users = new byte[oldUsers.length * 2][];
        credentials = new StoredCredential[oldUsers.length * 2][];
        for (int i = 0; i < oldUsers.length; i++) {
            if (oldUsers[i] != null) {
                int slot = slot(oldUsers[i], oldUsers[i].length);
                users[slot] = oldUsers[i];
                credentials[slot] = oldCredentials[i];
            }
        }
    }
}
