package dev.proxywasm.abi.json;

/**
 * A JSON document is malformed, exceeds a {@link JsonLimits} bound, or (from {@link JsonCursor})
 * holds a value of the wrong kind. The message names the place, never the text found there:
 * configurations carry secrets.
 *
 * <ul>
 * <li>From {@link JsonReader}: {@link #path()} is {@code null} and the message is
 *     {@code <problem> (line L, column C)}, e.g. {@code expected ',' or '}' (line 3, column 7)}.</li>
 * <li>From {@link JsonCursor}: the message is {@code <path>: <problem>}, e.g.
 *     {@code rules[2].credentials[0]: must be a string}.</li>
 * </ul>
 */
public final class JsonException extends Exception {
    private final String problem;
    private final String path;
    private final int line;
    private final int column;

    /**
     * A problem at {@code line}/{@code column} (1-based; columns count characters), about the
     * value at {@code path} or, when {@code path} is {@code null}, about the document itself.
     */
    public JsonException(String problem, String path, int line, int column) {
        super(path == null ? problem + " (line " + line + ", column " + column + ")" : path + ": " + problem);
        this.problem = problem;
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** What is wrong, without the place: {@code expected a value}, {@code must be a string}. */
    public String problem() {
        return problem;
    }

    /** The value's path ({@code a.b[2]}), or {@code null} for a problem of the document itself. */
    public String path() {
        return path;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, in characters (code points). */
    public int column() {
        return column;
    }
}
