package dev.proxywasm.abi.json;

/**
 * Reads a configuration value by value over a {@link JsonReader}, keeping the path of the current
 * value so that every error names it: {@code basic_auth_rules[2].credentials[0]: must be a string}.
 * An object member that appears twice is an error (a second value silently winning is never what
 * a configuration meant), and a value the caller does not read is skipped.
 *
 * <pre>{@code
 * JsonCursor in = new JsonCursor(new JsonReader(bytes, JsonLimits.DEFAULT), "configuration");
 * if (in.start()) {                      // false for an empty document
 *     in.enterObject();                  // "configuration: must be an object"
 *     while (in.nextField()) {
 *         switch (in.name()) {
 *             case "realm": realm = in.stringValue(); break;     // "realm: must be a string"
 *             case "rules":
 *                 in.enterArray();
 *                 while (in.nextElement()) { ... in.path() is "rules[3]" ... }
 *                 break;
 *             default: warn("unknown field " + in.path());    // its value is skipped
 *         }
 *     }
 *     in.finish();
 * }
 * }</pre>
 *
 * Paths join member names with {@code .} and indices in {@code []}; a name in a path keeps only
 * printable ASCII ({@code ?} for the rest) and at most 64 chars, so a path is safe to log. The
 * root value's own path is the name given to the constructor.
 */
public final class JsonCursor {
    private static final int MAX_NAME_IN_PATH = 64;

    private final JsonReader reader;
    private final String rootName;
    private Frame top;

    /** Reads through {@code reader}; {@code rootName} names the root value in errors about it. */
    public JsonCursor(JsonReader reader, String rootName) {
        this.reader = reader;
        this.rootName = rootName;
    }

    /** One open object or array, and which of its members or elements is current. */
    private static final class Frame {
        final Frame parent;
        final boolean object;
        String name;
        int index = -1;
        boolean entered = true;
        /**
         * The member names seen, an open-addressing hash set at most half full: a HashMap would
         * bring its class, entries and iterators into every module that reads a configuration.
         */
        String[] names;
        int nameCount;

        Frame(Frame parent, boolean object) {
            this.parent = parent;
            this.object = object;
        }

        /** Adds member name {@code name}; {@code false} when the object already has it. */
        boolean addName(String name) {
            if (names == null || 2 * (nameCount + 1) > names.length) {
                String[] seen = names;
                names = new String[seen == null ? 8 : 2 * seen.length];
                nameCount = 0;
                if (seen != null) {
                    for (String old : seen) {
                        if (old != null) {
                            addName(old);
                        }
                    }
                }
            }
            int mask = names.length - 1;
            for (int i = name.hashCode() & mask; ; i = (i + 1) & mask) {
                String seen = names[i];
                if (seen == null) {
                    names[i] = name;
                    nameCount++;
                    return true;
                }
                if (seen.equals(name)) {
                    return false;
                }
            }
        }
    }

    /** Reads the root value's first token; {@code false} when the document is empty. */
    public boolean start() throws JsonException {
        return reader.nextCode() != JsonToken.END_CODE;
    }

    /** After the root value: skips it if it was not read, and checks nothing follows it. */
    public void finish() throws JsonException {
        reader.skipChildren();
        reader.nextCode();
    }

    /** The first token of the current value. */
    public JsonToken token() {
        return reader.current();
    }

    /** Enters the current value, which must be an object; then {@link #nextField()} walks it. */
    public void enterObject() throws JsonException {
        enterObject("must be an object");
    }

    /** {@link #enterObject()} with the error {@code problem} when the value is not an object. */
    public void enterObject(String problem) throws JsonException {
        enter(JsonToken.START_OBJECT_CODE, problem);
    }

    /** Enters the current value, which must be an array; then {@link #nextElement()} walks it. */
    public void enterArray() throws JsonException {
        enterArray("must be an array");
    }

    /**
     * {@link #enterArray()} with the error {@code problem} when the value is not an array, e.g.
     * {@code "must be an array of strings"}.
     */
    public void enterArray(String problem) throws JsonException {
        enter(JsonToken.START_ARRAY_CODE, problem);
    }

    private void enter(int start, String problem) throws JsonException {
        if (reader.currentCode() != start) {
            throw error(problem);
        }
        top = new Frame(top, start == JsonToken.START_OBJECT_CODE);
    }

    /**
     * Moves to the next member of the object entered last: {@code true} with {@link #name()} and
     * the member's value current, or {@code false} at its end, where the object itself becomes the
     * current value again. The previous member's value is skipped if it was not read.
     */
    public boolean nextField() throws JsonException {
        Frame frame = advance();
        if (reader.currentCode() == JsonToken.END_OBJECT_CODE) {
            top = frame.parent;
            return false;
        }
        String name = reader.text();
        frame.name = name;
        if (!frame.addName(name)) {
            throw error("appears twice");
        }
        reader.nextCode();
        return true;
    }

    /**
     * Moves to the next element of the array entered last: {@code true} with {@link #index()} and
     * the element current, or {@code false} at its end, where the array itself becomes the
     * current value again. The previous element is skipped if it was not read.
     */
    public boolean nextElement() throws JsonException {
        Frame frame = advance();
        if (reader.currentCode() == JsonToken.END_ARRAY_CODE) {
            top = frame.parent;
            return false;
        }
        frame.index++;
        return true;
    }

    private Frame advance() throws JsonException {
        Frame frame = top;
        if (frame.entered) {
            // The reader still stands on this container's own start token.
            frame.entered = false;
        } else {
            reader.skipChildren();
        }
        reader.nextCode();
        return frame;
    }

    /** The current member's name (unescaped, as in the document). */
    public String name() {
        return top.name;
    }

    /** The current element's index, from 0. */
    public int index() {
        return top.index;
    }

    /** Whether the current value is {@code null}. */
    public boolean isNull() {
        return reader.currentCode() == JsonToken.NULL_CODE;
    }

    /** The current value, which must be a string. */
    public String stringValue() throws JsonException {
        if (reader.currentCode() != JsonToken.STRING_CODE) {
            throw error("must be a string");
        }
        return reader.text();
    }

    /** The current value, which must be {@code true} or {@code false}. */
    public boolean booleanValue() throws JsonException {
        int token = reader.currentCode();
        if (token != JsonToken.TRUE_CODE && token != JsonToken.FALSE_CODE) {
            throw error("must be true or false");
        }
        return token == JsonToken.TRUE_CODE;
    }

    /** The current value, which must be an integer literal in {@code [min, max]}. */
    public long longValue(long min, long max) throws JsonException {
        long value;
        try {
            value = reader.longValue();
        } catch (JsonException e) {
            throw rangeError(min, max);
        }
        if (value < min || value > max) {
            throw rangeError(min, max);
        }
        return value;
    }

    /** The current value, which must be an integer literal in {@code [min, max]}. */
    public int intValue(int min, int max) throws JsonException {
        return (int) longValue(min, max);
    }

    private JsonException rangeError(long min, long max) {
        return error("must be an integer from " + min + " to " + max);
    }

    /** The current value, which must be a number within the double range. */
    public double doubleValue() throws JsonException {
        if (reader.currentCode() != JsonToken.NUMBER_CODE) {
            throw error("must be a number");
        }
        try {
            return reader.doubleValue();
        } catch (JsonException e) {
            throw error("must be a number within the double range");
        }
    }

    /**
     * An error about the current value: {@code <path>: <problem>}, located at its first token. For
     * checks of the caller's own: {@code throw in.error("must not be empty")}.
     */
    public JsonException error(String problem) {
        JsonException at = reader.error(problem);
        return new JsonException(problem, path(), at.line(), at.column());
    }

    /** The path of the current value, e.g. {@code rules[2].hosts[0]}; the root name at the root. */
    public String path() {
        StringBuilder out = new StringBuilder();
        appendPath(out, top);
        return out.length() == 0 ? rootName : out.toString();
    }

    /** Appends the path of {@code frame}'s current member or element, outermost first. */
    private static void appendPath(StringBuilder out, Frame frame) {
        // Recursion, not a Frame[]: an array type costs the module a class record and its name;
        // the depth is bounded by JsonLimits.maxDepth().
        if (frame == null) {
            return;
        }
        appendPath(out, frame.parent);
        if (frame.object && frame.name != null) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(printableName(frame.name));
        } else if (!frame.object && frame.index >= 0) {
            out.append('[').append(frame.index).append(']');
        }
    }

    /**
     * {@code name} made fit for a log line, as names appear in paths: printable ASCII ({@code ?}
     * for the rest), at most 64 chars (then {@code ...}).
     */
    public static String printableName(String name) {
        int length = Math.min(name.length(), MAX_NAME_IN_PATH);
        char[] out = new char[name.length() > MAX_NAME_IN_PATH ? length + 3 : length];
        for (int i = 0; i < out.length; i++) {
            char c = i < length ? name.charAt(i) : '.';
            out[i] = c >= 0x20 && c < 0x7f ? c : '?';
        }
        return new String(out);
    }
}
