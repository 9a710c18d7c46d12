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

    private final Kind kind;
    private final byte[] value;

    PathMatch(Kind kind, String value) {
        this.kind = kind;
        this.value = Utf8.encode(value);
    }

    boolean matches(byte[] path) {
        // Comparisons, not an enum switch: javac compiles that to a lookup in a synthetic static
        // array, which costs values() and the array besides.
        if (kind == Kind.EXACT) {
            return path.length == value.length && Bytes.regionMatches(path, 0, value, 0, value.length);
        }
        if (kind == Kind.PREFIX) {
            return Bytes.regionMatches(path, 0, value, 0, value.length);
        }
        return Bytes.regionMatches(path, path.length - value.length, value, 0, value.length);
    }
}
