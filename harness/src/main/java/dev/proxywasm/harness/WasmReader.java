package dev.proxywasm.harness;

/** A cursor over WebAssembly binary data: bytes, LEB128 integers and names. */
final class WasmReader {
  private final byte[] data;
  private int pos;
  private final int end;

  WasmReader(byte[] data, int start, int end) {
    this.data = data;
    this.pos = start;
    this.end = end;
  }

  int position() {
    return pos;
  }

  boolean atEnd() {
    return pos >= end;
  }

  int u8() {
    if (pos >= end) {
      throw new IllegalArgumentException("truncated WebAssembly binary at offset " + pos);
    }
    return data[pos++] & 0xff;
  }

  long u32() {
    long result = 0;
    int shift = 0;
    while (true) {
      int b = u8();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
      if (shift > 35) {
        throw new IllegalArgumentException("malformed LEB128 at offset " + pos);
      }
    }
  }

  /** Skips a signed LEB128 of any width (s32, s33, s64). */
  void skipSigned() {
    while ((u8() & 0x80) != 0) {
      // continuation bytes only
    }
  }

  void skip(long count) {
    if (count < 0 || pos + count > end) {
      throw new IllegalArgumentException("truncated WebAssembly binary at offset " + pos);
    }
    pos += (int) count;
  }

  String name() {
    int length = (int) u32();
    int start = pos;
    skip(length);
    return new String(data, start, length, java.nio.charset.StandardCharsets.UTF_8);
  }
}
