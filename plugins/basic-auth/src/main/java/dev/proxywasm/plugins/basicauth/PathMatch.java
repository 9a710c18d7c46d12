package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;
import dev.proxywasm.abi.internal.Utf8;

/**
 * A rule's path condition, against the raw {@code :path} (query string included), as the
 * reference filter compares it; byte for byte, in UTF-8.
 */
final class PathMatch {
    /**
     * How a value matches (also used by {@link HostPattern}). Ints rather than an enum: the
     * module then carries no enum class (constants, names, initialiser), and matching on the
     * request path needs no class-initialisation check.
     */
    static final int EXACT = 0;
    static final int PREFIX = 1;
    static final int SUFFIX = 2;

    private final int kind;
    private final byte[] value;

    /** {@code kind} is {@link #EXACT}, {@link #PREFIX} or {@link #SUFFIX}. */
    PathMatch(int kind, String value) {
        this.kind = kind;
        this.value = Utf8.encode(value);
    }

    boolean matches(byte[] path) {
        if (kind == EXACT) {
            return path.length == value.length && Bytes.regionMatches(path, 0, value, 0, value.length);
        }
        if (kind == PREFIX) {
            return Bytes.regionMatches(path, 0, value, 0, value.length);
        }
        return Bytes.regionMatches(path, path.length - value.length, value, 0, value.length);
    }
}
