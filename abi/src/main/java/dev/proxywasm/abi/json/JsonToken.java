package dev.proxywasm.abi.json;

/** What {@link JsonReader#next()} read. */
public enum JsonToken {
    /** {@code {}. */
    START_OBJECT,
    /** {@code }}. */
    END_OBJECT,
    /** {@code [}. */
    START_ARRAY,
    /** {@code ]}. */
    END_ARRAY,
    /** A member name; {@link JsonReader#text()} has it, unescaped. The value follows. */
    NAME,
    /** A string value; {@link JsonReader#text()} has it, unescaped. */
    STRING,
    /** A number; {@link JsonReader#text()} has its literal, the accessors convert it. */
    NUMBER,
    /** {@code true}. */
    TRUE,
    /** {@code false}. */
    FALSE,
    /** {@code null}. */
    NULL,
    /** The document is complete (or empty); every further call returns END again. */
    END;

    // The ordinals as compile-time constants, which the reader and the cursor work with: javac
    // copies them into the caller, so a module that reads JSON only through JsonCursor does not
    // carry this enum (its constants, their names, its initialiser, a class-initialisation check
    // at every use).
    static final int START_OBJECT_CODE = 0;
    static final int END_OBJECT_CODE = 1;
    static final int START_ARRAY_CODE = 2;
    static final int END_ARRAY_CODE = 3;
    static final int NAME_CODE = 4;
    static final int STRING_CODE = 5;
    static final int NUMBER_CODE = 6;
    static final int TRUE_CODE = 7;
    static final int FALSE_CODE = 8;
    static final int NULL_CODE = 9;
    static final int END_CODE = 10;
}
