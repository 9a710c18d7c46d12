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
        switch (kind) {
            case EXACT:
                return path.equals(value);
            case PREFIX:
                return path.startsWith(value);
            default:
                return path.endsWith(value);
        }
    }
}
