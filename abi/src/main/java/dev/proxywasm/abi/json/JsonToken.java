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
    END
}
