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
  void everyNamedEntityDecodesToItsCharacter() {
    String[] names = {
      "lt", "gt", "amp", "quot", "apos", "nbsp", "lpar", "rpar", "colon", "sol", "tab", "newline",
      "lbrace", "rbrace", "lcub", "rcub", "lsqb", "rsqb", "lbrack", "rbrack", "semi", "comma",
      "period", "excl", "quest", "equals", "plus", "bsol", "grave", "dollar", "num", "percnt",
      "ast", "vert", "verbar", "lowbar", "hyphen", "dash", "sbquo", "bdquo", "ldquo", "rdquo"
    };
    String characters = "<>&\"'\u00a0():/\t\n{}{}[][];,.!?=+\\`$#%*||_--\u201a\u201e\u201c\u201d";
    for (int k = 0; k < names.length; k++) {
      assertEquals("x" + characters.charAt(k) + "y", HtmlEntityDecoder.decode("x&" + names[k] + ";y"), names[k]);
      assertEquals(String.valueOf(characters.charAt(k)), HtmlEntityDecoder.decode("&" + names[k].toUpperCase()),
          names[k]);
    }
    String lookalikes = "&locale=en&ref=x&newlines&l&ltx";
    assertEquals("&locale=en&ref=x&newlines&l&ltx", HtmlEntityDecoder.decode(lookalikes));
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
