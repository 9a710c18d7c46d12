package dev.proxywasm.plugins.basicauth;

/**
 * The request headers a decision may need, as the bytes the host holds. The policy asks for
 * each only when a rule needs it, so a stream can fetch them lazily, one host call each.
 */
interface RequestFacts {
    /** {@code :path}, or {@code null}. */
    byte[] path();

    /** {@code :authority}, or {@code null}. */
    byte[] authority();

    /** {@code authorization}, or {@code null}. */
    byte[] authorization();
}
