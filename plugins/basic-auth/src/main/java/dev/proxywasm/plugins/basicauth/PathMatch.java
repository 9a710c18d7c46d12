package dev.proxywasm.plugins.basicauth;

import dev.proxywasm.abi.Bytes;
import dev.proxywasm.abi.internal.Utf8;

/**
 * A rule's path condition, against the raw {@code :path} (query string included), as the
 * reference filter compares it; byte for byte, in UTF-8.
 */
final class PathMatch {
    enum Kind {
        EXACT, PREFIX, SUFFIX
    }

    /**
     * {@link Kind} ordinals. Matching compares ints: reading an enum constant on the request path
     * makes TeaVM check the enum's class initialisation each time.
     */
    static final int EXACT = 0;
    static final int PREFIX = 1;

    private final int kind;
    private final byte[] value;

    PathMatch(Kind kind, String value) {
        this.kind = kind.ordinal();
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
