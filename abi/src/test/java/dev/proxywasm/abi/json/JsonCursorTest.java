package dev.proxywasm.abi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a configuration with the cursor: values, skipping, and errors that name the path. */
class JsonCursorTest {

    static JsonCursor cursor(String json) throws JsonException {
        JsonCursor in = new JsonCursor(new JsonReader(json.getBytes(StandardCharsets.UTF_8), JsonLimits.DEFAULT), "config");
        assertTrue(in.start());
        return in;
    }

    /** A small schema: {"name": string, "port": 1..65535, "debug": bool, "rules": [{"hosts": [string]}]}. */
    static List<String> read(String json) throws JsonException {
        List<String> out = new ArrayList<>();
        JsonCursor in = cursor(json);
        in.enterObject();
        while (in.nextField()) {
            switch (in.name()) {
                case "name":
                    out.add("name=" + in.stringValue());
                    break;
                case "port":
                    out.add("port=" + in.intValue(1, 65535));
                    break;
                case "debug":
                    out.add("debug=" + in.booleanValue());
                    break;
                case "ratio":
                    out.add("ratio=" + in.doubleValue());
                    break;
                case "rules":
                    in.enterArray();
                    while (in.nextElement()) {
                        in.enterObject();
                        while (in.nextField()) {
                            if (in.name().equals("hosts")) {
                                in.enterArray();
                                while (in.nextElement()) {
                                    out.add(in.path() + "=" + in.stringValue());
                                }
                            } else {
                                out.add("unknown " + in.path());
                            }
                        }
                        if (in.index() == 1) {
                            throw in.error("is the second rule");
                        }
                    }
                    break;
                default:
                    out.add("unknown " + in.path());
            }
        }
        in.finish();
        return out;
    }

    static String error(String json) {
        return assertThrows(JsonException.class, () -> read(json)).getMessage();
    }

    @Test
    void readsValuesAndSkipsWhatTheCallerDoesNotRead() throws Exception {
        assertEquals(List.of("name=a", "unknown extra", "port=8080", "debug=true", "ratio=0.5",
                "rules[0].hosts[0]=x", "rules[0].hosts[1]=y", "unknown rules[0].other"),
                read("{\"name\": \"a\", \"extra\": {\"deep\": [1, [2, {\"x\": null}]]}, \"port\": 8080, \"debug\": true,"
                        + " \"ratio\": 0.5, \"rules\": [{\"hosts\": [\"x\", \"y\"], \"other\": [[]]}]}"));
    }

    @Test
    void errorsNameThePathOfTheValue() {
        assertEquals("config: must be an object", error("[]"));
        assertEquals("name: must be a string", error("{\"name\": 1}"));
        assertEquals("port: must be an integer from 1 to 65535", error("{\"port\": 0}"));
        assertEquals("port: must be an integer from 1 to 65535", error("{\"port\": 1.5}"));
        assertEquals("port: must be an integer from 1 to 65535", error("{\"port\": 99999999999999999999}"));
        assertEquals("port: must be an integer from 1 to 65535", error("{\"port\": \"80\"}"));
        assertEquals("debug: must be true or false", error("{\"debug\": null}"));
        assertEquals("ratio: must be a number", error("{\"ratio\": \"1\"}"));
        assertEquals("ratio: must be a number within the double range", error("{\"ratio\": 1e999}"));
        assertEquals("rules: must be an array", error("{\"rules\": {}}"));
        assertEquals("rules[0]: must be an object", error("{\"rules\": [3]}"));
        assertEquals("rules[0].hosts[1]: must be a string", error("{\"rules\": [{\"hosts\": [\"a\", false]}]}"));
        assertEquals("rules[1]: is the second rule", error("{\"rules\": [{}, {\"hosts\": []}]}"));
    }

    @Test
    void aMemberThatAppearsTwiceIsAnError() {
        assertEquals("name: appears twice", error("{\"name\": \"a\", \"name\": \"a\"}"));
        assertEquals("rules[0].hosts: appears twice", error("{\"rules\": [{\"hosts\": [], \"hosts\": []}]}"));
        assertEquals("rules[1].hosts: appears twice", error("{\"rules\": [{\"hosts\": []}, {\"hosts\": [], \"hosts\": []}]}"));
    }

    @Test
    void aMemberRepeatedAfterManyOthersIsAnError() throws JsonException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            json.append("\"m").append(i).append("\": 1, ");
        }
        List<String> read = read(json + "\"name\": \"a\"}");
        assertEquals(101, read.size());
        assertEquals("name=a", read.get(100));
        assertEquals("m3: appears twice", error(json + "\"m3\": 2}"));
        assertEquals("m99: appears twice", error(json + "\"m99\": 2}"));
    }

    @Test
    void namesInPathsAreSafeToLog() {
        String message = error("{\"na\\u0000me\\n\": 1, \"na\\u0000me\\n\": 1}");
        assertEquals("na?me?: appears twice", message);
        String longName = "n".repeat(100);
        assertEquals("n".repeat(64) + "...: appears twice", error("{\"" + longName + "\": 1, \"" + longName + "\": 2}"));
    }

    @Test
    void syntaxErrorsPassThroughWithTheirLocation() {
        JsonException e = assertThrows(JsonException.class, () -> read("{\"name\": \"a\",\n \"port\": 80,}"));
        assertEquals("expected a member name (a string) (line 2, column 13)", e.getMessage());
        assertEquals(null, e.path());
        assertEquals("unexpected content after the root value (line 1, column 4)", error("{} []"));
    }

    @Test
    void anErrorAboutAValueCarriesItsLocation() {
        JsonException e = assertThrows(JsonException.class, () -> read("{\n  \"port\": true}"));
        assertEquals("port", e.path());
        assertEquals("must be an integer from 1 to 65535", e.problem());
        assertEquals(2, e.line());
        assertEquals(11, e.column());
    }

    @Test
    void anEmptyDocumentHasNoValueAndAnUnreadRootIsSkipped() throws Exception {
        JsonCursor empty = new JsonCursor(new JsonReader(new byte[0], JsonLimits.DEFAULT), "config");
        assertFalse(empty.start());
        JsonCursor unread = cursor("{\"a\": [1, 2]} ");
        assertEquals(JsonToken.START_OBJECT, unread.token());
        unread.finish();
        JsonCursor trailing = cursor("{\"a\": [1, 2]} x");
        assertThrows(JsonException.class, trailing::finish);
    }

    @Test
    void theRootNameNamesAScalarRoot() throws Exception {
        JsonCursor in = cursor("\"x\"");
        assertEquals("config", in.path());
        assertEquals("config: must be true or false", assertThrows(JsonException.class, in::booleanValue).getMessage());
        assertTrue(cursor("null").isNull());
        assertEquals(-5L, cursor("-5").longValue(Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
