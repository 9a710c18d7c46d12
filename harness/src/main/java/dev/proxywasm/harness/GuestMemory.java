package dev.proxywasm.harness;

import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The plugin's linear memory, bounds-checked. The buffer is fetched afresh for every access
 * because a {@code memory.grow} in the guest (for example inside the allocator) replaces it.
 */
final class GuestMemory {
  /** A pointer/size pair outside the guest's memory: the host function returns InvalidMemoryAccess. */
  static final class OutOfBounds extends RuntimeException {
    OutOfBounds(long ptr, long size, long limit) {
      super("guest memory access [" + ptr + ", +" + size + ") is outside its " + limit + " bytes",
          null, false, false);
    }
  }

  private final Store<Void> store;
  private final Memory memory;

  GuestMemory(Store<Void> store, Memory memory) {
    this.store = store;
    this.memory = memory;
  }

  private ByteBuffer slice(int ptr, long size) {
    ByteBuffer buffer = memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN);
    long start = Integer.toUnsignedLong(ptr);
    if (start + size > buffer.capacity()) {
      throw new OutOfBounds(start, size, buffer.capacity());
    }
    return buffer;
  }

  byte[] read(int ptr, int size) {
    long length = Integer.toUnsignedLong(size);
    ByteBuffer buffer = slice(ptr, length);
    byte[] out = new byte[(int) length];
    buffer.get(ptr, out);
    return out;
  }

  int readU32(int ptr) {
    return slice(ptr, 4).getInt(ptr);
  }

  void write(int ptr, byte[] data) {
    slice(ptr, data.length).put(ptr, data);
  }

  void writeU32(int ptr, int value) {
    slice(ptr, 4).putInt(ptr, value);
  }

  void writeU64(int ptr, long value) {
    slice(ptr, 8).putLong(ptr, value);
  }

  /** Whether {@code [ptr, ptr + size)} lies inside the memory. */
  /** The current size of the linear memory in bytes. */
  long size() {
    return memory.buffer(store).capacity();
  }

  boolean contains(int ptr, int size) {
    return Integer.toUnsignedLong(ptr) + Integer.toUnsignedLong(size)
        <= memory.buffer(store).capacity();
  }
}
