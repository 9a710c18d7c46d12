package dev.proxywasm.abi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reader's contract: tokens, conversions, errors and their places, limits. */
class JsonReaderTest {

    static JsonReader reader(String json) {
        return new JsonReader(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT);
    }

    static List<String> tokens(JsonReader in) throws JsonException {
        List<String> out = new ArrayList<>();
        for (JsonToken t = in.next(); t != JsonToken.END; t = in.next()) {
            out.add(in.text() == null ? t.name() : t + " " + in.text());
        }
        return out;
    }

    static JsonException error(JsonReader in) {
        return assertThrows(JsonException.class, () -> tokens(in));
    }

    static JsonException error(String json) {
        return error(reader(json));
    }

    @Test
    void namesThroughJsonNamesReadAsWithoutAndRepeatAsTheSameString() throws Exception {
        String json = "{\"sku\":1,\"na\\u006de\":\"x\",\"caf\u00e9\":[{\"q\":true}],\"sku\":\"sku\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNames names = new JsonNames();
        assertEquals(tokens(reader(json)), tokens(new JsonReader(bytes, JsonLimits.DEFAULT, names)));
        JsonReader first = new JsonReader(bytes, JsonLimits.DEFAULT, names);
        first.next();
        first.next();
        JsonReader second = new JsonReader("{ \"sku\": 2 }".getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT, names);
        second.next();
        second.next();
        assertSame(first.text(), second.text());
    }

    @Test
    void readsEveryKindOfToken() throws Exception {
        JsonReader in = reader(" {\"a\\u00e9\\n\": [1, -2.5e3, \"x\\\"y\", true, false, null, {}, []]}\n");
        assertEquals(List.of("START_OBJECT", "NAME a\u00e9\n", "START_ARRAY", "NUMBER 1", "NUMBER -2.5e3", "STRING x\"y",
                "TRUE true", "FALSE false", "NULL null", "START_OBJECT", "END_OBJECT", "START_ARRAY", "END_ARRAY", "END_ARRAY",
                "END_OBJECT"), tokens(in));
        assertEquals(JsonToken.END, in.next());
        assertEquals(0, in.depth());
    }

    @Test
    void anEmptyOrBlankDocumentEndsAtOnce() throws Exception {
        for (String json : new String[] {"", " \t\r\n", "\ufeff", "\ufeff "}) {
            assertEquals(JsonToken.END, reader(json).next(), json);
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndColumnsCountCharacters() throws Exception {
        assertEquals(List.of("START_ARRAY", "END_ARRAY"), tokens(reader("\ufeff[]")));
        JsonException e = error("\ufeff{\"\u00e9\u20ac\ud83d\ude00\":\n  [1,\r\n   2 3]}");
        assertEquals("expected ',' or ']' (line 3, column 6)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(6, e.column());
        assertNull(e.path());
        assertEquals("expected ',' or ']'", e.problem());
        assertEquals(6, error("\"\u00e9\u00e9\" x").column());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'[1,]'            | expected a value (line 1, column 4)",
        "'{\"a\":1,}'      | expected a member name (a string) (line 1, column 8)",
        "'{\"a\" 1}'       | expected ':' after the member name (line 1, column 6)",
        "'{\"a\":}'        | expected a value (line 1, column 6)",
        "'{a:1}'           | expected a member name (a string) (line 1, column 2)",
        "'[01]'            | leading zero in a number (line 1, column 2)",
        "'[-]'             | expected a digit (line 1, column 3)",
        "'[1.]'            | expected a digit after the decimal point (line 1, column 4)",
        "'[1e+]'           | expected a digit in the exponent (line 1, column 5)",
        "'[+1]'            | expected a value (line 1, column 2)",
        "'[NaN]'           | expected a value (line 1, column 2)",
        "'[tru]'           | invalid literal (line 1, column 2)",
        "'[truex]'         | invalid literal (line 1, column 2)",
        "'/* c */ 1'       | expected a value (line 1, column 1)",
        "'[\"\\x\"]'       | invalid escape (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) (line 1, column 3)",
        "'[\"\\u12\"]'     | expected four hex digits after \\u (line 1, column 7)",
        "'[\"abc'          | unterminated string (line 1, column 2)",
        "'[1'              | unexpected end of input (line 1, column 3)",
        "'{'               | unexpected end of input (line 1, column 2)",
        "'[1]]'            | unexpected content after the root value (line 1, column 4)",
        "'{} {}'           | unexpected content after the root value (line 1, column 4)",
        "'1 2'             | unexpected content after the root value (line 1, column 3)",
        "'12x'             | unexpected content after the root value (line 1, column 3)",
        "'[1 2]'           | expected ',' or ']' (line 1, column 4)",
        "'{\"a\":1 \"b\":2}' | expected ',' or '}' (line 1, column 8)",
        "'[\"a\":1]'       | expected ',' or ']' (line 1, column 5)",
    })
    void refusesWhatRfc8259AndJacksonRefuse(String json, String message) {
        assertEquals(message, error(json).getMessage());
    }

    @Test
    void refusesControlCharactersAndMalformedUtf8InStrings() {
        assertEquals("control character in a string (must be escaped) (line 1, column 4)", error("[\"a\tb\"]").getMessage());
        byte[][] malformed = {
            {'"', (byte) 0xc0, (byte) 0x80, '"'}, // overlong NUL
            {'"', (byte) 0xe0, (byte) 0x80, (byte) 0xaf, '"'}, // overlong '/'
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, // an encoded surrogate
            {'"', (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
            {'"', (byte) 0x80, '"'}, // a lone continuation byte
            {'"', (byte) 0xe2, (byte) 0x82, '"'}, // truncated
            {'"', (byte) 0xff, '"'},
        };
        for (byte[] json : malformed) {
            JsonException e = error(new JsonReader(json, JsonLimits.DEFAULT));
            assertEquals("invalid UTF-8 (line 1, column 2)", e.getMessage());
        }
    }

    @Test
    void escapedSurrogatesAreKeptAsTheyComeLikeTheJdkAndJackson() throws Exception {
        assertEquals(List.of("STRING \ud83d\ude00"), tokens(reader("\"\\ud83d\\ude00\"")));
        assertEquals(List.of("STRING \ud800x\udc00"), tokens(reader("\"\\uD800x\\uDC00\"")));
        assertEquals(List.of("STRING \ud83d\ude00"), tokens(reader("\"\ud83d\ude00\"")));
    }

    @Test
    void errorsNeverQuoteTheDocument() {
        String[] broken = {"{\"password\": \"hunter2\" \"x\"}", "{\"hunter2\" 1}", "[\"hunter2\\q\"]", "hunter2",
            "[\"hunter2", "{\"a\": hunter2}", "[1, hunter2]", "[\"\u0001hunter2\"]", "{\"hunter2\": tru}"};
        for (String json : broken) {
            String message = error(json).getMessage();
            assertFalse(message.contains("hunter") || message.contains("unter2"), message);
        }
    }

    @Test
    void convertsIntegersWithOverflowChecks() throws Exception {
        assertEquals(Long.MAX_VALUE, number("9223372036854775807").longValue());
        assertEquals(Long.MIN_VALUE, number("-9223372036854775808").longValue());
        assertEquals(0, number("-0").longValue());
        assertEquals(-42, number("-42").intValue());
        assertEquals(Integer.MIN_VALUE, number("-2147483648").intValue());
        for (String big : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            assertEquals("integer out of range (line 1, column 1)",
                    assertThrows(JsonException.class, () -> number(big).longValue()).getMessage());
        }
        assertThrows(JsonException.class, () -> number("2147483648").intValue());
        assertEquals("expected an integer (line 1, column 1)",
                assertThrows(JsonException.class, () -> number("1.0").longValue()).getMessage());
        assertThrows(JsonException.class, () -> number("1e2").intValue());
        assertFalse(number("1e2").isInteger());
        assertTrue(number("-10").isInteger());
    }

    @Test
    void convertsDoublesAndRefusesInfinity() throws Exception {
        assertEquals(-2500.0, number("-2.5e3").doubleValue());
        assertEquals(0.1, number("0.1").doubleValue());
        assertEquals(Double.MIN_VALUE, number("4.9e-324").doubleValue());
        assertEquals(0.0, number("1e-400").doubleValue());
        assertEquals(9.223372036854776E18, number("9223372036854775808").doubleValue());
        assertEquals("number out of range (line 1, column 1)",
                assertThrows(JsonException.class, () -> number("1e400").doubleValue()).getMessage());
        JsonReader string = reader("\"1\"");
        string.next();
        assertThrows(JsonException.class, string::doubleValue);
        assertThrows(JsonException.class, string::longValue);
    }

    static JsonReader number(String literal) throws JsonException {
        JsonReader in = reader(literal);
        assertEquals(JsonToken.NUMBER, in.next());
        return in;
    }

    @Test
    void skipChildrenLeavesTheClosingTokenCurrent() throws Exception {
        JsonReader in = reader("{\"skip\": {\"a\": [1, {\"b\": \"x\"}, []], \"c\": null}, \"next\": [true]}");
        assertEquals(JsonToken.START_OBJECT, in.next());
        assertEquals(JsonToken.NAME, in.next());
        assertEquals(JsonToken.START_OBJECT, in.next());
        in.skipChildren();
        assertEquals(JsonToken.END_OBJECT, in.current());
        assertEquals(1, in.depth());
        assertEquals(JsonToken.NAME, in.next());
        assertEquals("next", in.text());
        assertEquals(JsonToken.START_ARRAY, in.next());
        in.skipChildren();
        assertEquals(JsonToken.END_ARRAY, in.current());
        in.skipChildren();
        assertEquals(JsonToken.END_ARRAY, in.current());
        assertEquals(JsonToken.END_OBJECT, in.next());
        assertEquals(JsonToken.END, in.next());
    }

    @Test
    void skipChildrenStillChecksWhatItSkips() throws Exception {
        JsonReader in = reader("[{\"a\": \"\\q\"}]");
        in.next();
        assertEquals("invalid escape (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) (line 1, column 9)",
                assertThrows(JsonException.class, in::skipChildren).getMessage());
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNotAStackOverflow() throws Exception {
        JsonLimits limits = JsonLimits.DEFAULT.withMaxDepth(3);
        assertEquals(6, tokens(new JsonReader("[[{}]]".getBytes(StandardCharsets.UTF_8), limits)).size());
        JsonException e = error(new JsonReader("[[{\"a\":[]}]]".getBytes(StandardCharsets.UTF_8), limits));
        assertEquals("nesting deeper than 3 (line 1, column 8)", e.getMessage());
        String deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
        assertEquals("nesting deeper than 100 (line 1, column 101)", error(deep).getMessage());
        JsonReader wide = new JsonReader(deep.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT.withMaxDepth(1_000_000));
        wide.next();
        wide.skipChildren();
        assertEquals(JsonToken.END, wide.next());
    }

    @Test
    void stringsNamesAndNumbersBeyondTheirLimitsAreErrors() throws Exception {
        JsonLimits limits = JsonLimits.DEFAULT.withMaxStringLength(4).withMaxNumberLength(5);
        assertEquals(List.of("STRING ab\u00e9\n"), tokens(new JsonReader(utf8("\"ab\u00e9\\n\""), limits)));
        assertEquals("string longer than 4 characters (line 1, column 2)",
                error(new JsonReader(utf8("[\"abcde\"]"), limits)).getMessage());
        assertEquals("string longer than 4 characters (line 1, column 2)",
                error(new JsonReader(utf8("{\"abcde\": 1}"), limits)).getMessage());
        // An astral character is two chars, as in String.length().
        assertThrows(JsonException.class, () -> tokens(new JsonReader(utf8("\"abc\ud83d\ude00\""), limits)));
        assertEquals(List.of("NUMBER -1.5e3"), tokens(new JsonReader(utf8("-1.5e3"), limits.withMaxNumberLength(6))));
        assertEquals("number longer than 5 characters (line 1, column 2)",
                error(new JsonReader(utf8("[-1.5e3]"), limits)).getMessage());
        String huge = "[\"" + "x".repeat(2 << 20) + "\"]";
        assertEquals("string longer than 1048576 characters (line 1, column 2)", error(huge).getMessage());
    }

    @Test
    void aDocumentBeyondItsLimitIsRefusedBeforeReading() {
        JsonLimits limits = JsonLimits.DEFAULT.withMaxDocumentSize(10);
        assertEquals("document larger than 10 bytes (line 1, column 1)",
                error(new JsonReader(utf8("[1, 2, 3, 4]"), limits)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonLimits.DEFAULT.withMaxDepth(0));
    }

    @Test
    void readsASliceOfAnArray() throws Exception {
        byte[] bytes = utf8("xx[1]yy");
        assertEquals(List.of("START_ARRAY", "NUMBER 1", "END_ARRAY"), tokens(new JsonReader(bytes, 2, 3, JsonLimits.DEFAULT)));
        assertThrows(IndexOutOfBoundsException.class, () -> new JsonReader(bytes, 5, 3, JsonLimits.DEFAULT));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
