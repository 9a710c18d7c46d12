package dev.proxywasm.harness;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Proxy-Wasm wire format of a header map: a little-endian u32 count, then a (u32 key length,
 * u32 value length) pair per entry, then each key and value followed by a NUL byte.
 */
final class HeaderMapCodec {
  private HeaderMapCodec() {}

  /** The serialised form of {@code headers}; an empty map is an empty array, as Envoy sends it. */
  static byte[] encode(List<Map.Entry<String, String>> headers) {
    if (headers.isEmpty()) {
      return new byte[0];
    }
    List<byte[]> parts = new ArrayList<>(headers.size() * 2);
    int size = 4;
    for (Map.Entry<String, String> e : headers) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
      parts.add(key);
      parts.add(value);
      size += 8 + key.length + 1 + value.length + 1;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(headers.size());
    for (byte[] part : parts) {
      out.putInt(part.length);
    }
    for (byte[] part : parts) {
      out.put(part).put((byte) 0);
    }
    return out.array();
  }

  /**
   * The entries of a serialised map. Like Envoy, a buffer too short for its count (including the
   * empty buffer and the single-NUL form of an empty map) decodes to no entries; unlike Envoy,
   * which reads past the end, lengths that run past the buffer also decode to no entries.
   */
  static List<Map.Entry<String, String>> decode(byte[] data) {
    if (data.length < 4) {
      return List.of();
    }
    ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    long count = Integer.toUnsignedLong(in.getInt());
    if (4 + count * 8 > data.length) {
      return List.of();
    }
    long[] lengths = new long[(int) count * 2];
    long total = 4 + count * 8;
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = Integer.toUnsignedLong(in.getInt());
      total += lengths[i] + 1;
    }
    if (total > data.length) {
      return List.of();
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>((int) count);
    int pos = 4 + (int) count * 8;
    for (int i = 0; i < lengths.length; i += 2) {
      String key = new String(data, pos, (int) lengths[i], StandardCharsets.UTF_8);
      pos += (int) lengths[i] + 1;
      String value = new String(data, pos, (int) lengths[i + 1], StandardCharsets.UTF_8);
      pos += (int) lengths[i + 1] + 1;
      entries.add(Map.entry(key, value));
    }
    return entries;
  }
}
