package dev.proxywasm.abi.json;

import dev.proxywasm.abi.internal.StringChars;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * A pull parser for one JSON document (RFC 8259) in UTF-8: {@link #next()} returns one token at
 * a time, strings come unescaped, numbers as their literal with checked conversions.
 *
 * <p>It accepts exactly what jackson-core accepts with its default features, for one root value:
 * no comments, no trailing commas, no leading zeros, no {@code NaN}, no unescaped control
 * characters, only the escapes RFC 8259 lists. An escaped lone surrogate ({@code "\ud800"}) is
 * kept as that char, as the JDK and jackson do. It is stricter than jackson in two places: the
 * bytes must be well-formed UTF-8 (jackson lets overlong forms and encoded surrogates through),
 * and nothing may follow the root value (jackson reads further root values). A leading UTF-8
 * byte order mark is skipped, and an empty (or all-blank) document yields {@link JsonToken#END}
 * at once, both as in jackson (which, oddly, refuses a byte order mark with nothing at all after
 * it); a caller that needs a value checks for it.
 *
 * <p>Every {@link JsonLimits} bound is checked as the input is read, and nothing recurses, so a
 * hostile document costs at most the limits, never a stack overflow. Errors are
 * {@link JsonException}s with the line and column; they never quote the input.
 *
 * <pre>{@code
 * JsonReader in = new JsonReader(bytes, JsonLimits.DEFAULT);
 * for (JsonToken t = in.next(); t != JsonToken.END_CODE; t = in.next()) { ... in.text() ... }
 * }</pre>
 *
 * {@link JsonCursor} reads a configuration on top of it, with paths in its errors.
 */
public final class JsonReader {
    // What the grammar allows next.
    private static final int ROOT = 0;
    private static final int VALUE = 1;
    private static final int VALUE_OR_CLOSE = 2;
    private static final int NAME = 3;
    private static final int NAME_OR_CLOSE = 4;
    private static final int SEPARATOR = 5;
    private static final int DONE = 6;
    /** Bit i set for the whitespace byte i: space, tab, line feed, carriage return. */
    private static final long SPACES = 1L << ' ' | 1L << '\t' | 1L << '\n' | 1L << '\r';

    /** {@link JsonToken}'s constants by code, filled at the first {@link #next()}. */
    private static JsonToken[] tokens;

    private final byte[] in;
    private final int end;
    private final int start;
    private final JsonLimits limits;
    /** One entry per open container: true for an object. Grows with depth, up to the limit. */
    private boolean[] objects = new boolean[16];
    private int depth;
    private int pos;
    private int state = ROOT;
    /** The ordinal of the current token ({@link JsonToken}'s *_CODE), -1 before the first. */
    private int current = -1;
    private int tokenStart;
    private String text;
    private boolean integer;
    /** A scalar member value read together with its name, returned by the next call. */
    private int pending = -1;
    private String pendingText;
    private int pendingStart;
    /** Inside {@link #skipChildren()}: strings are checked, not built. */
    private boolean skipping;
    private char[] chars = new char[64];
    /** Where member names are looked up before they are built, or null. */
    private JsonNames names;

    /** Reads {@code json[0, json.length)}, UTF-8, within {@code limits}. The array must not change meanwhile. */
    public JsonReader(byte[] json, JsonLimits limits) {
        // Not this(json, 0, json.length, limits): its range check, which cannot fail here,
        // would put its message's int formatting into every module.
        this(limits, json, 0, json.length);
    }

    /**
     * Reads {@code json[0, json.length)} as {@link #JsonReader(byte[], JsonLimits)} does, taking
     * member names through {@code names} (see {@link JsonNames}).
     */
    public JsonReader(byte[] json, JsonLimits limits, JsonNames names) {
        this(limits, json, 0, json.length);
        this.names = names;
    }

    /** Reads {@code json[offset, offset + length)}, UTF-8, within {@code limits}. */
    public JsonReader(byte[] json, int offset, int length, JsonLimits limits) {
        this(limits, json, offset, checkRange(json, offset, length));
    }

    private static int checkRange(byte[] json, int offset, int length) {
        if (offset < 0 || length < 0 || offset > json.length - length) {
            throw new IndexOutOfBoundsException("JsonReader: " + offset + "+" + length + " outside " + json.length);
        }
        return length;
    }

    private JsonReader(JsonLimits limits, byte[] json, int offset, int length) {
        this.in = json;
        this.end = offset + length;
        this.limits = limits;
        boolean bom = length >= 3 && json[offset] == (byte) 0xef && json[offset + 1] == (byte) 0xbb
                && json[offset + 2] == (byte) 0xbf;
        this.start = bom ? offset + 3 : offset;
        this.pos = start;
    }

    /** The token {@link #next()} returned last ({@code null} before the first call). */
    public JsonToken current() {
        if (current < 0) {
            return null;
        }
        // Tokens may have come through nextCode (JsonCursor, skipChildren), which leaves the
        // table empty.
        JsonToken[] tokens = JsonReader.tokens;
        if (tokens == null) {
            JsonReader.tokens = tokens = JsonToken.values();
        }
        return tokens[current];
    }

    /** {@link #current()}'s ordinal, -1 before the first token. */
    int currentCode() {
        return current;
    }

    /**
     * The current NAME or STRING unescaped, the literal of a NUMBER, {@code true}, {@code false}
     * or {@code null} for those literals, {@code null} for the other tokens.
     */
    public String text() {
        return text;
    }

    /** Open objects and arrays after the current token. */
    public int depth() {
        return depth;
    }

    /** Reads the next token; after the root value, {@link JsonToken#END}. */
    public JsonToken next() throws JsonException {
        int code = nextCode();
        // The constants by code in a static of this class, which has no static initialiser:
        // reading it costs no class-initialisation check, call or shadow-stack frame, where
        // JsonToken's own table would cost all three per token.
        JsonToken[] tokens = JsonReader.tokens;
        if (tokens == null) {
            JsonReader.tokens = tokens = JsonToken.values();
        }
        return tokens[code];
    }

    /** {@link #next()}, returning the token's ordinal. */
    int nextCode() throws JsonException {
        if (state == DONE) {
            return current = JsonToken.END_CODE;
        }
        if (pending >= 0) {
            current = pending;
            text = pendingText;
            tokenStart = pendingStart;
            pending = -1;
            return current;
        }
        if (current < 0 && end - start > limits.maxDocumentSize()) {
            throw beyondLimit("document larger than ", limits.maxDocumentSize(), " bytes", start);
        }
        text = null;
        // The byte at pos, read here and skipSpace called only for whitespace (or the end): in
        // the usual, compact document a token follows at once, and a call per token costs more
        // than the token's own work. A raw load in Wasm, as in skipSpace. Likewise after a
        // comma, a name and a colon below.
        int c = pos < end ? (PlatformDetector.isWebAssembly() ? Address.ofData(in).add(pos).getByte() : in[pos]) & 0xff : -1;
        if (c <= ' ') {
            c = skipSpace();
        }
        tokenStart = pos;
        if (state == SEPARATOR) {
            if (depth == 0) {
                if (c >= 0) {
                    throw error("unexpected content after the root value", pos);
                }
                state = DONE;
                return current = JsonToken.END_CODE;
            }
            boolean object = objects[depth - 1];
            if (c == (object ? '}' : ']')) {
                return close();
            }
            if (c != ',') {
                throw error(c < 0 ? "unexpected end of input" : object ? "expected ',' or '}'" : "expected ',' or ']'", pos);
            }
            pos++;
            c = pos < end ? (PlatformDetector.isWebAssembly() ? Address.ofData(in).add(pos).getByte() : in[pos]) & 0xff : -1;
            if (c <= ' ') {
                c = skipSpace();
            }
            tokenStart = pos;
            state = object ? NAME : VALUE;
        }
        if (state == NAME || state == NAME_OR_CLOSE) {
            if (c == '}' && state == NAME_OR_CLOSE) {
                return close();
            }
            if (c != '"') {
                throw error(c < 0 ? "unexpected end of input" : "expected a member name (a string)", pos);
            }
            String name = string(!skipping, names);
            c = pos < end ? (PlatformDetector.isWebAssembly() ? Address.ofData(in).add(pos).getByte() : in[pos]) & 0xff : -1;
            if (c <= ' ') {
                c = skipSpace();
            }
            if (c != ':') {
                throw error("expected ':' after the member name", pos);
            }
            pos++;
            state = VALUE;
            c = pos < end ? (PlatformDetector.isWebAssembly() ? Address.ofData(in).add(pos).getByte() : in[pos]) & 0xff : -1;
            if (c <= ' ') {
                c = skipSpace();
            }
            if (c != '"' && c != '{' && c != '[') {
                // As jackson: a scalar value is read with its name, so an error in it (or a
                // missing value) is reported before the name is returned.
                int nameStart = tokenStart;
                tokenStart = pos;
                pending = value(c);
                pendingText = text;
                pendingStart = tokenStart;
                tokenStart = nameStart;
            }
            text = name;
            return current = JsonToken.NAME_CODE;
        }
        if (c == ']' && state == VALUE_OR_CLOSE) {
            return close();
        }
        if (c < 0) {
            if (state == ROOT) {
                state = DONE;
                return current = JsonToken.END_CODE;
            }
            throw error("unexpected end of input", pos);
        }
        if (c == '"') {
            // A string value is read here, not in value() (which reads the other values): one
            // call, and shadow-stack frame, less per string.
            state = SEPARATOR;
            text = string(!skipping, null);
            return current = JsonToken.STRING_CODE;
        }
        return value(c);
    }

    /**
     * When the current token opens an object or array, reads up to its end, so that the closing
     * token becomes the current one; otherwise does nothing. Skipped strings are checked but not
     * built. After a {@link JsonException} the reader is positioned nowhere; stop reading.
     */
    public void skipChildren() throws JsonException {
        if (current != JsonToken.START_OBJECT_CODE && current != JsonToken.START_ARRAY_CODE) {
            return;
        }
        int target = depth - 1;
        // No finally block (javac would compile it twice): after an error the reader is done.
        skipping = true;
        while (depth > target) {
            nextCode();
        }
        skipping = false;
    }

    /** Whether the current NUMBER has neither fraction nor exponent. */
    public boolean isInteger() {
        return current == JsonToken.NUMBER_CODE && integer;
    }

    /** The current NUMBER as a long; it must be an integer literal within the long range. */
    public long longValue() throws JsonException {
        if (!isInteger()) {
            throw error("expected an integer", tokenStart);
        }
        String digits = text;
        boolean negative = digits.charAt(0) == '-';
        // Accumulated negatively: the negative range is one larger.
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long result = 0;
        for (int i = negative ? 1 : 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (result < limit / 10 || result * 10 < limit + digit) {
                throw error("integer out of range", tokenStart);
            }
            result = result * 10 - digit;
        }
        return negative ? result : -result;
    }

    /** The current NUMBER as an int; it must be an integer literal within the int range. */
    public int intValue() throws JsonException {
        long value = longValue();
        if (value != (int) value) {
            throw error("integer out of range", tokenStart);
        }
        return (int) value;
    }

    /** The current NUMBER, rounded to the nearest double; one beyond the double range is an error. */
    public double doubleValue() throws JsonException {
        if (current != JsonToken.NUMBER_CODE) {
            throw error("expected a number", tokenStart);
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw error("number out of range", tokenStart);
        }
        return value;
    }

    /** An error about the current token, at its start: for checks the grammar cannot make. */
    public JsonException error(String problem) {
        return error(problem, tokenStart);
    }

    private int close() {
        pos++;
        depth--;
        state = SEPARATOR;
        return current = objects[depth] ? JsonToken.END_OBJECT_CODE : JsonToken.END_ARRAY_CODE;
    }

    private int value(int c) throws JsonException {
        state = SEPARATOR;
        switch (c) {
            case '{':
            case '[':
                if (depth == limits.maxDepth()) {
                    throw beyondLimit("nesting deeper than ", limits.maxDepth(), "", pos);
                }
                if (depth == objects.length) {
                    boolean[] grown = new boolean[Math.min(depth * 2, limits.maxDepth())];
                    System.arraycopy(objects, 0, grown, 0, depth);
                    objects = grown;
                }
                pos++;
                objects[depth++] = c == '{';
                state = c == '{' ? NAME_OR_CLOSE : VALUE_OR_CLOSE;
                return current = c == '{' ? JsonToken.START_OBJECT_CODE : JsonToken.START_ARRAY_CODE;
            case 't':
                return literal("true", JsonToken.TRUE_CODE);
            case 'f':
                return literal("false", JsonToken.FALSE_CODE);
            case 'n':
                return literal("null", JsonToken.NULL_CODE);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error(c < 0 ? "unexpected end of input" : "expected a value", pos);
        }
    }

    private int literal(String word, int token) throws JsonException {
        byte[] in = this.in;
        int from = pos;
        int after = from + word.length();
        int at = from;
        if (after <= end) {
            int i = from;
            while (i < after && in[i] == word.charAt(i - from)) {
                i++;
            }
            if (i == after) {
                if (after == end || !runsOn(in[after])) {
                    pos = after;
                    text = word;
                    return current = token;
                }
                at = tokenStart;
            }
        }
        // One throw for every way a literal can be wrong: each costs the module code.
        throw error("invalid literal", at);
    }

    private int number() throws JsonException {
        byte[] in = this.in;
        int end = this.end;
        int from = pos;
        int p = in[from] == '-' ? from + 1 : from;
        int first = p;
        p = digits(in, p, end);
        if (p == first) {
            throw error("expected a digit", p);
        }
        if (p - first > 1 && in[first] == '0') {
            throw error("leading zero in a number", from);
        }
        boolean integer = true;
        if (p < end && in[p] == '.') {
            integer = false;
            int digits = ++p;
            p = digits(in, p, end);
            if (p == digits) {
                throw error("expected a digit after the decimal point", p);
            }
        }
        if (p < end && (in[p] == 'e' || in[p] == 'E')) {
            integer = false;
            p++;
            if (p < end && (in[p] == '+' || in[p] == '-')) {
                p++;
            }
            int digits = p;
            p = digits(in, p, end);
            if (p == digits) {
                throw error("expected a digit in the exponent", p);
            }
        }
        int length = p - from;
        if (length > limits.maxNumberLength()) {
            throw beyondLimit("number longer than ", limits.maxNumberLength(), " characters", from);
        }
        if (depth == 0 && p < end) {
            int b = in[p];
            if (b < 0 || b > ' ' || (SPACES >>> b & 1) == 0) {
                // As jackson: a root number must end the document or be followed by whitespace.
                throw error("unexpected content after the root value", p);
            }
        }
        // Built in the string buffer, which the String copies: no array of its own per number.
        char[] literal = chars;
        if (literal.length < length) {
            chars = literal = new char[length];
        }
        for (int i = 0; i < length; i++) {
            literal[i] = (char) in[from + i];
        }
        pos = p;
        this.integer = integer;
        text = StringChars.copyOf(literal, 0, length);
        return current = JsonToken.NUMBER_CODE;
    }

    /** The position after the digits that start at {@code p}. */
    private static int digits(byte[] in, int p, int end) {
        while (p < end && in[p] >= '0' && in[p] <= '9') {
            p++;
        }
        return p;
    }

    /**
     * Whether a literal followed by {@code b} runs on into one bad word ({@code truex}), as jackson
     * sees it: an ASCII letter, digit, {@code _} or DEL; or any non-ASCII character, where jackson
     * consults Unicode tables (Java identifier characters) that are not worth their size here.
     */
    private static boolean runsOn(byte b) {
        return b < 0 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == 0x7f;
    }

    /**
     * Reads the string starting at the quote at {@code pos}, checking escapes, control characters,
     * UTF-8 and the length limit; builds it only when {@code keep}, taking a plain ASCII one from
     * {@code table} when not null.
     */
    private String string(boolean keep, JsonNames table) throws JsonException {
        // Locals, not fields, in this loop: TeaVM reloads and re-checks a field at every use.
        byte[] in = this.in;
        int end = this.end;
        int from = pos;
        int p = from + 1;
        int max = limits.maxStringLength();
        // Most strings are printable ASCII without escapes: that run is copied a word at a time,
        // and the loop below takes over at the closing quote or whatever else ends it. The run
        // stops at the limit, so the loop reports an overlong string as before.
        int n = copyPlain(p, end - p < max ? end - p : max);
        p += n;
        char[] chars = this.chars;
        while (true) {
            if (p >= end) {
                throw error("unterminated string", from);
            }
            // A raw load in Wasm (p < end, inside the array): see skipSpace.
            int b = (PlatformDetector.isWebAssembly() ? Address.ofData(in).add(p).getByte() : in[p]) & 0xff;
            int c;
            if (b == '"') {
                pos = p + 1;
                if (!keep) {
                    return null;
                }
                // Plain ASCII has as many chars as bytes.
                return table != null && n == p - from - 1 ? table.name(in, from + 1, n) : StringChars.copyOf(chars, 0, n);
            } else if (b == '\\') {
                pos = p;
                c = escape();
                p = pos;
            } else if (b < 0x20) {
                throw error("control character in a string (must be escaped)", p);
            } else if (b < 0x80) {
                c = b;
                p++;
            } else {
                pos = p;
                c = utf8(b);
                p = pos;
            }
            int units = c >= 0x10000 ? 2 : 1;
            if (n + units > max) {
                throw beyondLimit("string longer than ", max, " characters", from);
            }
            if (keep) {
                if (n + units > chars.length) {
                    char[] grown = new char[Math.max(chars.length * 2, n + units)];
                    System.arraycopy(chars, 0, grown, 0, n);
                    this.chars = chars = grown;
                }
                if (units == 2) {
                    chars[n] = Character.highSurrogate(c);
                    chars[n + 1] = Character.lowSurrogate(c);
                } else {
                    chars[n] = (char) c;
                }
            }
            n += units;
        }
    }

    /**
     * Copies to {@link #chars}, growing it, the bytes from {@code p}, at most {@code limit} (all
     * inside {@link #in}'s checked range), that can stand in a string as they are: ASCII, not a
     * control character, not {@code "} or {@code \}. Returns how many.
     */
    private int copyPlain(int p, int limit) {
        byte[] in = this.in;
        int n = 0;
        while (true) {
            char[] chars = this.chars;
            int room = chars.length < limit ? chars.length : limit;
            if (PlatformDetector.isWebAssembly()) {
                // Nothing allocates in these loops, so the arrays stay where the addresses point.
                Address src = Address.ofData(in).add(p);
                Address dst = Address.ofData(chars);
                // Four bytes per load (Wasm loads need no alignment). Bit 7 of a byte survives the
                // ands only when the byte is ASCII, at least 0x20, and neither quote nor backslash
                // (whose xor makes it 0, so adding 0x7f leaves bit 7 clear). A sum carries into
                // the next byte only from a non-ASCII byte, which ~w already marks. The four
                // bytes become four chars in two stores; Wasm is little-endian.
                // A word holding the end of the run is stored whole (the array has room for it)
                // and the run ends at its first byte whose bit 7 is clear: a carry goes only
                // upwards, from a non-ASCII byte, so the bytes below that one are judged exactly.
                for (; n + 4 <= room; n += 4) {
                    int w = src.add(n).getInt();
                    int plain = ~w & (w + 0x60606060) & ((w ^ 0x22222222) + 0x7f7f7f7f)
                            & ((w ^ 0x5c5c5c5c) + 0x7f7f7f7f) & 0x80808080;
                    dst.add(n << 1).putInt((w & 0xff) | ((w & 0xff00) << 8));
                    dst.add((n << 1) + 4).putInt(((w >>> 16) & 0xff) | ((w >>> 8) & 0xff0000));
                    if (plain != 0x80808080) {
                        return n + (Integer.numberOfTrailingZeros(~plain & 0x80808080) >>> 3);
                    }
                }
                for (; n < room; n++) {
                    byte b = src.add(n).getByte();
                    if (!isPlain(b)) {
                        return n;
                    }
                    dst.add(n << 1).putChar((char) b);
                }
            } else {
                for (; n < room; n++) {
                    if (!isPlain(in[p + n])) {
                        return n;
                    }
                    chars[n] = (char) in[p + n];
                }
            }
            if (n == limit) {
                return n;
            }
            char[] grown = new char[chars.length * 2];
            System.arraycopy(chars, 0, grown, 0, n);
            this.chars = grown;
        }
    }

    private static boolean isPlain(byte b) {
        // Signed: a non-ASCII byte is negative.
        return b >= 0x20 && b != '"' && b != '\\';
    }

    /** Reads the escape at {@code pos} (the backslash); returns the char it stands for. */
    private int escape() throws JsonException {
        if (pos + 1 >= end) {
            throw error("unterminated string", pos);
        }
        int e = in[pos + 1];
        pos += 2;
        switch (e) {
            case '"':
            case '\\':
            case '/':
                return e;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int c = 0;
                for (int i = 0; i < 4; i++) {
                    int d = pos < end ? hex(in[pos]) : -1;
                    if (d < 0) {
                        throw error("expected four hex digits after \\u", pos);
                    }
                    c = c << 4 | d;
                    pos++;
                }
                // A surrogate pair comes as two escapes, each one char; kept as they come.
                return c;
            default:
                throw error("invalid escape (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", pos - 2);
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Decodes the multi-byte UTF-8 sequence at {@code pos} led by {@code b}; rejects malformed ones. */
    private int utf8(int b) throws JsonException {
        int need;
        int low = 0x80;
        int high = 0xbf;
        int c;
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
            c = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            c = b & 0x0f;
            // No overlong forms, no encoded surrogates.
            low = b == 0xe0 ? 0xa0 : 0x80;
            high = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            c = b & 0x07;
            // No overlong forms, nothing above U+10FFFF.
            low = b == 0xf0 ? 0x90 : 0x80;
            high = b == 0xf4 ? 0x8f : 0xbf;
        } else {
            throw error("invalid UTF-8", pos);
        }
        for (int i = 1; i <= need; i++) {
            int next = pos + i < end ? in[pos + i] & 0xff : -1;
            if (next < low || next > high) {
                throw error("invalid UTF-8", pos);
            }
            c = c << 6 | (next & 0x3f);
            low = 0x80;
            high = 0xbf;
        }
        pos += need + 1;
        return c;
    }

    /** Skips whitespace; returns the byte at the new {@code pos}, or -1 at the end. */
    private int skipSpace() {
        byte[] in = this.in;
        int p = pos;
        int end = this.end;
        int c = -1;
        // In Wasm raw loads ([pos, end) lies inside the array, checked at construction): an array
        // read brings a null check, a bounds check and a call site, and a call site costs the
        // method a shadow-stack frame. The whitespace test is a bit mask for the same reason.
        Address bytes = PlatformDetector.isWebAssembly() ? Address.ofData(in) : null;
        while (p < end) {
            int b = PlatformDetector.isWebAssembly() ? bytes.add(p).getByte() : in[p];
            // One compare settles the usual case, a token right there: whitespace is at or below ' '.
            if (b > ' ') {
                c = b;
                break;
            }
            if (b < 0 || (SPACES >>> b & 1) == 0) {
                c = b & 0xff;
                break;
            }
            p++;
        }
        pos = p;
        return c;
    }

    /** An error about a {@link JsonLimits} bound, {@code <what><limit><unit>}, at {@code offset}. */
    private JsonException beyondLimit(String what, int limit, String unit, int offset) {
        // One place formats the limit: each int concatenation costs the module a builder chain.
        return error(what + limit + unit, offset);
    }

    /** An error at {@code offset}; the line and column are counted only now, errors being rare. */
    private JsonException error(String problem, int offset) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            byte b = in[i];
            if (b == '\n' || (b == '\r' && (i + 1 >= end || in[i + 1] != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < offset; i++) {
            // Continuation bytes belong to the character before them.
            if ((in[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return new JsonException(problem, null, line, column);
    }
}
