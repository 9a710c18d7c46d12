package dev.proxywasm.plugins.cohortheader;

import dev.proxywasm.abi.SharedData;

/**
 * Cohorts remembered per user in the host's shared data, which every worker (and every VM with
 * the same vm_id) sees: so a user keeps one cohort for the TTL, whichever worker serves the
 * request, and the bucket tester is asked once per user per TTL.
 *
 * <p>An entry is the expiry time (epoch milliseconds, 8 bytes big-endian) followed by the
 * cohort in ASCII. Writers that race agree through compare-and-swap: the first fresh value
 * stored wins, and a later answer for the same user adopts it instead of overwriting it.
 */
final class StickyCohorts {
    /** Longer user keys are not cached: an entry's size stays bounded whatever clients send. */
    static final int MAX_KEY_LENGTH = 256;
    private static final int EXPIRY_BYTES = 8;

    private final char[] keyPrefix;
    private final long ttlMillis;
    private final int maxValueLength;

    /**
     * @param scope what the cohorts depend on (cluster, authority and path of the call), so two
     *     plugins in one VM asking different bucket testers do not share entries
     */
    StickyCohorts(String scope, long ttlMillis, int maxValueLength) {
        this.keyPrefix = ("cohort-header|" + scope + "|").toCharArray();
        this.ttlMillis = ttlMillis;
        this.maxValueLength = maxValueLength;
    }

    /** Whether {@code user} can be cached (non-empty, not over {@link #MAX_KEY_LENGTH}). */
    static boolean cacheable(String user) {
        return user != null && !user.isEmpty() && user.length() <= MAX_KEY_LENGTH;
    }

    /** The fresh cohort of {@code user} at {@code nowMillis}, or {@code null} when none is. */
    String lookup(String user, long nowMillis) {
        SharedData entry = SharedData.get(keyOf(user));
        return entry == null ? null : freshCohort(entry.value(), nowMillis);
    }

    /**
     * Remembers {@code cohort} for {@code user} until {@code nowMillis} + TTL, unless another
     * request stored a fresh cohort first; returns the cohort the user now has.
     */
    String remember(String user, String cohort, long nowMillis) {
        String key = keyOf(user);
        byte[] entry = encode(cohort, nowMillis + ttlMillis);
        // Two rounds suffice: a CAS miss means someone wrote a fresh entry, which the second read returns.
        for (int round = 0; round < 2; round++) {
            SharedData current = SharedData.get(key);
            if (current == null) {
                SharedData.set(key, entry);
                return cohort;
            }
            String stored = freshCohort(current.value(), nowMillis);
            if (stored != null) {
                return stored;
            }
            if (SharedData.compareAndSet(key, entry, current.cas())) {
                return cohort;
            }
        }
        return cohort;
    }

    // Copied by hand, not with '+' or String.concat: TeaVM's versions of those cost about 14,000
    // instructions for this plugin's 80-character key, this about 1,400; it runs on every request
    // of a sticky user.
    private String keyOf(String user) {
        char[] key = new char[keyPrefix.length + user.length()];
        System.arraycopy(keyPrefix, 0, key, 0, keyPrefix.length);
        user.getChars(0, user.length(), key, keyPrefix.length);
        return new String(key);
    }

    private String freshCohort(byte[] entry, long nowMillis) {
        if (entry.length <= EXPIRY_BYTES) {
            return null;
        }
        long expiresAt = 0;
        for (int i = 0; i < EXPIRY_BYTES; i++) {
            expiresAt = (expiresAt << 8) | (entry[i] & 0xff);
        }
        if (nowMillis >= expiresAt) {
            return null;
        }
        // Checked again: the entry is shared, so another plugin build may have written it.
        return CohortValue.of(entry, EXPIRY_BYTES, entry.length - EXPIRY_BYTES, maxValueLength).value();
    }

    private static byte[] encode(String cohort, long expiresAt) {
        byte[] entry = new byte[EXPIRY_BYTES + cohort.length()];
        for (int i = EXPIRY_BYTES - 1; i >= 0; i--) {
            entry[i] = (byte) expiresAt;
            expiresAt >>>= 8;
        }
        for (int i = 0; i < cohort.length(); i++) {
            entry[EXPIRY_BYTES + i] = (byte) cohort.charAt(i);
        }
        return entry;
    }
}
