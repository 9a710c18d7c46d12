package dev.proxywasm.abi.json;

/**
 * Bounds on what a {@link JsonReader} accepts, in the spirit of jackson's
 * {@code StreamReadConstraints}: a document beyond one is rejected with a {@link JsonException}
 * before the reader spends memory or time on it. Immutable; start from {@link #DEFAULT}.
 */
public final class JsonLimits {
    /**
     * Nesting 100, strings 1,048,576 chars, documents 16 MiB, number literals 100 chars: room for
     * any plugin configuration, and a bound on what a hostile one costs.
     */
    public static final JsonLimits DEFAULT = new JsonLimits(100, 1 << 20, 16 << 20, 100);

    private final int maxDepth;
    private final int maxStringLength;
    private final int maxDocumentSize;
    private final int maxNumberLength;

    private JsonLimits(int maxDepth, int maxStringLength, int maxDocumentSize, int maxNumberLength) {
        if (maxDepth < 1 || maxStringLength < 0 || maxDocumentSize < 0 || maxNumberLength < 1) {
            throw new IllegalArgumentException("JsonLimits: depth and number length must be at least 1, sizes not negative");
        }
        this.maxDepth = maxDepth;
        this.maxStringLength = maxStringLength;
        this.maxDocumentSize = maxDocumentSize;
        this.maxNumberLength = maxNumberLength;
    }

    /** Open objects and arrays at once; {@code [[1]]} has depth 2. */
    public int maxDepth() {
        return maxDepth;
    }

    /** Chars (UTF-16 units, as {@link String#length()}) of one string or member name, unescaped. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** Bytes of the whole document. */
    public int maxDocumentSize() {
        return maxDocumentSize;
    }

    /** Chars of one number literal, sign and exponent included. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** These limits with {@link #maxDepth()} set to {@code value}. */
    public JsonLimits withMaxDepth(int value) {
        return new JsonLimits(value, maxStringLength, maxDocumentSize, maxNumberLength);
    }

    /** These limits with {@link #maxStringLength()} set to {@code value}. */
    public JsonLimits withMaxStringLength(int value) {
        return new JsonLimits(maxDepth, value, maxDocumentSize, maxNumberLength);
    }

    /** These limits with {@link #maxDocumentSize()} set to {@code value}. */
    public JsonLimits withMaxDocumentSize(int value) {
        return new JsonLimits(maxDepth, maxStringLength, value, maxNumberLength);
    }

    /** These limits with {@link #maxNumberLength()} set to {@code value}. */
    public JsonLimits withMaxNumberLength(int value) {
        return new JsonLimits(maxDepth, maxStringLength, maxDocumentSize, value);
    }
}
