package dev.proxywasm.abi.jackson;

import java.util.HashMap;
import java.util.Map;

/**
 * The string pool behind {@code String.intern()} in a TeaVM linear-memory Wasm module, where
 * TeaVM leaves {@code intern} unimplemented; {@link dev.proxywasm.abi.jackson.teavm.StringInternBody}
 * makes {@code intern} call {@link #intern}. jackson-core interns field names by default
 * ({@code JsonFactory.Feature.INTERN_FIELD_NAMES}).
 *
 * <p>Like the JVM's pool it returns one instance per distinct content, but unlike it nothing is
 * ever evicted (the module's heap has no weak references to hold them by), and string literals
 * are not entered until something interns them, so {@code ==} against a literal is not
 * guaranteed. Code that parses untrusted JSON repeatedly should disable
 * {@code INTERN_FIELD_NAMES} so that field names cannot grow the pool.
 *
 * <p>Not meant to be called directly; it is public because {@code String.intern()} calls it.
 */
public final class InternedStrings {
    /** A Wasm instance runs one thread, so a plain map is the whole pool. */
    private static final Map<String, String> POOL = new HashMap<>();

    private InternedStrings() {
    }

    /**
     * @param text the string to intern
     * @return the pooled string with the same content, {@code text} itself if there was none
     */
    public static String intern(String text) {
        String pooled = POOL.putIfAbsent(text, text);
        return pooled != null ? pooled : text;
    }
}
