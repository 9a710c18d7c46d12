package dev.proxywasm.plugins.basicauth;

/**
 * The request headers a decision may need. The policy asks for each only when a rule needs it,
 * so a stream can fetch them lazily, one host call each.
 */
interface RequestFacts {
    /** {@code :path}, or {@code null}. */
    String path();

    /** {@code :authority}, or {@code null}. */
    String authority();

    /** {@code authorization}, or {@code null}. */
    String authorization();
}
