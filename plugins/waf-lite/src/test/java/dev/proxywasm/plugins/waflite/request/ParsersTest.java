package dev.proxywasm.plugins.waflite.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {
  @Test
  void jsonKeysAndScalarsAreArgumentsNamedByPath() {
    List<String> seen = new ArrayList<>();
    String error = JsonArguments.parse(utf8("{\"a\":{\"b\":[\"x\\u0041\",2,true]},\"c\":null}"),
        (name, text, isKey) -> seen.add((isKey ? "name " : "") + name + "=" + text));
    assertNull(error);
    assertEquals(List.of("name json.a=a", "name json.a.b=b", "json.a.b=xA", "json.a.b=2", "json.a.b=true",
        "name json.c=c", "json.c=null"), seen);
  }

  @Test
  void jsonNamesShortenAgainWhenTheWalkLeavesADeeperMember() {
    List<String> seen = new ArrayList<>();
    String longKey = "k".repeat(300);
    String error = JsonArguments.parse(utf8("{\"a\":{\"" + longKey + "\":{\"b\":1}},\"c\":[{\"d\":2},3],\"e\":4}"),
        (name, text, isKey) -> {
          if (!isKey) {
            seen.add(name + "=" + text);
          }
        });
    assertNull(error);
    assertEquals(List.of("json.a." + longKey + ".b=1", "json.c.d=2", "json.c=3", "json.e=4"), seen);
    seen.clear();
    assertNull(JsonArguments.parse(utf8("\"top\""), (name, text, isKey) -> seen.add(name + "=" + text)));
    assertEquals(List.of("json=top"), seen);
  }

  @Test
  void hostileJsonIsAnErrorNotACrash() {
    assertNotNull(JsonArguments.parse(utf8("[".repeat(100_000)), (n, t, k) -> { }));
    assertNotNull(JsonArguments.parse(utf8("{\"a\":1,}"), (n, t, k) -> { }));
    assertNotNull(JsonArguments.parse(utf8("{\"a\":\"unterminated"), (n, t, k) -> { }));
    assertNotNull(JsonArguments.parse(utf8("{} trailing"), (n, t, k) -> { }));
  }

  @Test
  void multipartGivesFieldsAndFileNames() {
    String body = "--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nhello\r\n"
        + "--b\nContent-Disposition: form-data; name=\"f\"; filename=\"a;b.php\"\nContent-Type: text/plain\n\nx\n--b--\n";
    MultipartParser parser = MultipartParser.parse(body, "b");
    assertNull(parser.error());
    assertEquals(2, parser.parts().size());
    assertEquals("hello", parser.parts().get(0).value());
    assertEquals("a;b.php", parser.parts().get(1).filename());
    assertNotNull(MultipartParser.parse("no boundary here", "b").error());
  }

  @Test
  void formAndCookieParsing() {
    List<String> seen = new ArrayList<>();
    FormParser.parse("a=1&b=%3Cx%3E&flag&=v&&c=x=y+%2", (n, v) -> seen.add(n + "=" + v));
    CookieParser.parse("s=1; t=a%20b", (n, v) -> seen.add(n + ":" + v));
    assertEquals(List.of("a=1", "b=<x>", "flag=", "=v", "c=x=y %2", "s:1", "t:a%20b"), seen);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void contentTypeMediaTypeTokenAndParameters() {
    ContentType plain = ContentType.parse("Application/JSON");
    assertEquals("application/json", plain.mediaType());
    assertEquals(16, plain.tokenLength());
    assertNull(plain.parameter("charset"));
    assertEquals(0, plain.parameterCount("charset"));

    ContentType full = ContentType.parse(" text/xml ;Charset=\"utf-8\"; charset=x");
    assertEquals("text/xml", full.mediaType());
    assertEquals(0, full.tokenLength());
    assertEquals("utf-8", full.parameter("charset"));
    assertEquals(2, full.parameterCount("charset"));

    assertEquals(8, ContentType.parse("text/xml, application/json").tokenLength());
    assertEquals("text/xml, application/json", ContentType.parse("text/xml, application/json").mediaType());
  }
}
