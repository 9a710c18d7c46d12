package dev.proxywasm.plugins.waflite.request;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpRequestTest {
  @Test
  void bodyIsReadAsLatin1AndGivenToJsonAsUtf8OfThatText() {
    byte[] ascii = "{\"a\":1}".getBytes(StandardCharsets.US_ASCII);
    HttpRequest request = new HttpRequest("POST", "/", "").body(ascii, false);
    assertEquals("{\"a\":1}", request.body());
    assertSame(ascii, request.bodyUtf8());

    byte[] utf8 = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
    request = new HttpRequest("POST", "/", "").body(utf8, false);
    String latin1 = new String(utf8, StandardCharsets.ISO_8859_1);
    assertEquals(latin1, request.body());
    assertArrayEquals(latin1.getBytes(StandardCharsets.UTF_8), request.bodyUtf8());

    assertNull(new HttpRequest("GET", "/", "").body(null, false).bodyUtf8());
  }

  @Test
  void repeatedLookupsAnswerAlikeAndSeeHeadersAddedSince() {
    HttpRequest request = new HttpRequest("GET", "/", "").header("Referer", "https://a.example/");
    String name = "referer";
    assertEquals("https://a.example/", request.header(name));
    assertEquals("https://a.example/", request.header(name));
    assertEquals("https://a.example/", request.header(new String("REFERER".toCharArray())));
    assertNull(request.header("host"));
    request.header("Host", "a.example");
    assertEquals("a.example", request.header("host"));
    for (int i = 0; i < 12; i++) {
      assertNull(request.header("x-absent-" + i));
    }
    assertEquals("a.example", request.header("host"));
  }

  @Test
  void hasBodyOnlyWithAtLeastOneByte() {
    assertTrue(new HttpRequest("POST", "/", "").body(new byte[] {'x'}, false).hasBody());
    assertFalse(new HttpRequest("POST", "/", "").body(new byte[0], false).hasBody());
    assertEquals("", new HttpRequest("POST", "/", "").body(new byte[0], false).body());
    HttpRequest none = new HttpRequest("GET", "/", "").body(null, false);
    assertFalse(none.hasBody());
    assertNull(none.body());
  }

  @Test
  void headersAreFoundIgnoringCaseBeyondTheFirstSixteen() {
    HttpRequest request = new HttpRequest("GET", "/p?q=1", "");
    for (int i = 0; i < 20; i++) {
      request.header("X-H" + i, "v" + i);
    }
    assertEquals("v17", request.header("x-h17"));
    assertNull(request.header("x-h2x"));
    assertEquals(20, request.headerCount());
    assertEquals("X-H19", request.headerName(19));
    assertEquals("header 20 of 20",
        assertThrows(IndexOutOfBoundsException.class, () -> request.headerValue(20)).getMessage());
    assertEquals("/p", request.rawPath());
    assertEquals("q=1", request.query());
  }

  @Test
  void namesOfOneLengthAreToldApartAtAnyCharacterAndOnlyAsciiLettersFold() {
    HttpRequest request = new HttpRequest("GET", "/", "")
        .header("accept-language", "1").header("Accept-Encoding", "2").header("x-\u00c0bc", "3")
        .header("a".repeat(40), "4").header("a".repeat(39) + "b", "5");
    assertEquals("1", request.header("ACCEPT-LANGUAGE"));
    assertEquals("2", request.header("accept-encoding"));
    assertNull(request.header("accept-encodinh"));
    assertNull(request.header("bccept-encoding"));
    assertEquals("3", request.header("X-\u00c0BC"));
    assertNull(request.header("x-\u00e0bc"));
    assertEquals("5", request.header("A".repeat(39) + "B"));
    assertEquals("4", request.header("a".repeat(40)));
  }
}
