package dev.proxywasm.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderMapCodecTest {
  @Test
  void encodesTheSpecExample() {
    // proxy-wasm spec, "Serialization": {{"a": "1"}, {"b": "22"}}
    byte[] expected = {
        2, 0, 0, 0,
        1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0,
        'a', 0, '1', 0, 'b', 0, '2', '2', 0};
    byte[] encoded = HeaderMapCodec.encode(List.of(Map.entry("a", "1"), Map.entry("b", "22")));
    assertArrayEquals(expected, encoded);
    assertEquals(List.of(Map.entry("a", "1"), Map.entry("b", "22")), HeaderMapCodec.decode(expected));
  }

  @Test
  void roundTripsEmptyValuesRepeatedNamesAndUtf8() {
    List<Map.Entry<String, String>> pairs = List.of(Map.entry(":path", "/é"), Map.entry("x", ""),
        Map.entry("x", "2"), Map.entry("", "v"));
    assertEquals(pairs, HeaderMapCodec.decode(HeaderMapCodec.encode(pairs)));
  }

  @Test
  void encodesAnEmptyMapAsNothing() {
    assertArrayEquals(new byte[0], HeaderMapCodec.encode(List.of()));
  }

  @Test
  void decodesBothEmptyFormsToNoEntries() {
    assertEquals(List.of(), HeaderMapCodec.decode(new byte[0]));
    assertEquals(List.of(), HeaderMapCodec.decode(new byte[] {0}));
    assertEquals(List.of(), HeaderMapCodec.decode(new byte[] {0, 0, 0, 0}));
  }

  @Test
  void decodesACountLargerThanTheBufferToNoEntries() {
    assertEquals(List.of(), HeaderMapCodec.decode(new byte[] {5, 0, 0, 0, 1, 0, 0, 0}));
  }

  @Test
  void decodesLengthsRunningPastTheBufferToNoEntries() {
    byte[] truncated = {1, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 'a', 0, 'b', 0};
    assertEquals(List.of(), HeaderMapCodec.decode(truncated));
  }
}
