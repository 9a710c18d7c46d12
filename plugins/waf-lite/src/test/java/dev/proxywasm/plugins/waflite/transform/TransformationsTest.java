package dev.proxywasm.plugins.waflite.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TransformationsTest {
  @Test
  void urlDecodeHandlesPercentUnicodeAndPlus() {
    assertEquals("<script> a", UrlDecoder.decode("%3Cscript%3E+a"));
    assertEquals("<", UrlDecoder.decode("%uff1c"));
    assertEquals("%zz%", UrlDecoder.decode("%zz%"));
    String plain = "nothing-to-decode";
    assertSame(plain, UrlDecoder.decode(plain));
  }

  @Test
  void htmlEntitiesDecodeNumericAndNamedForms() {
    assertEquals("<a>", HtmlEntityDecoder.decode("&lt;a&GT;"));
    assertEquals("(x)", HtmlEntityDecoder.decode("&#40;x&#x29"));
    assertEquals("${", HtmlEntityDecoder.decode("&dollar;&LBRACE;"));
    assertEquals("&unknown;", HtmlEntityDecoder.decode("&unknown;"));
    assertEquals("a<b&", HtmlEntityDecoder.decode("a&LT;b&"));
    String query = "/p?a=1&b=2&#";
    assertSame(query, HtmlEntityDecoder.decode(query));
  }

  @Test
  void commandLineUndoesShellQuotingTricks() {
    assertEquals("cat/etc/passwd", CommandLineNormaliser.normalise("c'a't /etc/p\\asswd"));
    assertEquals("cmd/c whoami", CommandLineNormaliser.normalise("C^M^D  /c ,whoami"));
  }

  @Test
  void pathNormalisationCollapsesSlashesAndDotSegments() {
    assertEquals("/etc/passwd", PathNormaliser.normalise("/etc//./passwd"));
    assertEquals("/a/../b", PathNormaliser.normalise("\\a\\..\\b"));
    assertEquals("/x", PathNormaliser.normalise("./x"));
    String normal = "/api/v2/orders";
    assertSame(normal, PathNormaliser.normalise(normal));
  }

  @Test
  void escapesCutShortAtTheEndStayLiteral() {
    assertEquals("%u00", UrlDecoder.decode("%u00"));
    assertEquals("A%4", UrlDecoder.decode("%u0041%4"));
    assertEquals("a b%2", UrlDecoder.decode("a+b%2"));
  }
}
