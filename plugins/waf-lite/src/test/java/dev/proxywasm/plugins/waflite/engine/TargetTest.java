package dev.proxywasm.plugins.waflite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetTest {
  private static Target arg(String value) {
    return new Target(TargetKind.ARGS, "ARGS", "q", value);
  }

  @Test
  void decodesUrlEscapesThenEntitiesThenDropsNuls() {
    assertEquals("a<b", arg("a%26lt;b").decoded());
    assertEquals("a<b", arg("a&LT;b").decoded());
    assertEquals("x y", arg("x+y").decoded());
    assertEquals("xy", arg("x%00y").decoded());
    assertEquals("xy", arg("x\0y").decoded());
    assertEquals("a&b=c", arg("a&b=c").decoded());
  }

  @Test
  void valueWithNothingToDecodeIsItsOwnDecodedForm() {
    Target plain = arg("Plain Text");
    assertSame(plain.value(), plain.decoded());
    assertEquals("plain text", plain.lower());
    Target lower = arg("already lower");
    assertSame(lower.value(), lower.lower());
  }

  @Test
  void signatureCoversTheDecodedValueAndFlagsTheParsedOne() {
    Target escaped = arg("%3Cscript%3E");
    assertTrue((escaped.signature() & CharacterSignature.of("<")) != 0);
    assertEquals("<script>", escaped.lower());
    Target nul = arg("a\0b");
    assertTrue(nul.containsNul());
    assertFalse(nul.containsNonAscii());
    assertEquals(Target.NUL, nul.flags());
    assertEquals(Target.NON_ASCII, arg("caf\u00e9").flags());
  }
}
