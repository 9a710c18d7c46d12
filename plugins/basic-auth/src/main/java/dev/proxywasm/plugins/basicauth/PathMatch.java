package dev.proxywasm.plugins.basicauth;

/**
 * A rule's path condition, against the raw {@code :path} (query string included), as the
 * reference filter compares it.
 */
final class PathMatch {
    enum Kind {
        EXACT, PREFIX, SUFFIX
    }

    private final Kind kind;
    private final String value;

    PathMatch(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    boolean matches(String path) {
        // Comparisons, not an enum switch: javac compiles that to a lookup in a synthetic static
        // array, which in the TeaVM module was seen to go wrong after thousands of requests
        // (PREFIX taken as SUFFIX), and which costs values() and the array besides.
        if (kind == Kind.EXACT) {
            return path.equals(value);
        }
        if (kind == Kind.PREFIX) {
            return path.startsWith(value);
        }
        return path.endsWith(value);
    }
}
