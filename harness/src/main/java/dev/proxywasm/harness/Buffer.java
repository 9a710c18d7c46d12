package dev.proxywasm.harness;

import java.util.Arrays;

/** A buffer a plugin reads with {@code proxy_get_buffer_bytes} and may write with {@code proxy_set_buffer_bytes}. */
interface Buffer {
  /** What an HTTP body or TCP data buffer is outside the callbacks that own it: empty and read-only. */
  Buffer NONE = constant(new byte[0]);

  byte[] bytes();

  default int size() {
    return bytes().length;
  }

  /** Replaces {@code length} bytes at {@code start} with {@code data}, or says why not. */
  Status replace(long start, long length, byte[] data);

  /** A read-only buffer: writing is BadArgument, as for Envoy's configuration and call buffers. */
  static Buffer constant(byte[] data) {
    return new Buffer() {
      @Override
      public byte[] bytes() {
        return data;
      }

      @Override
      public Status replace(long start, long length, byte[] newData) {
        return Status.BAD_ARGUMENT;
      }
    };
  }

  /**
   * A body or data buffer with Envoy's write rules: prepend ({@code start} 0, {@code length} 0),
   * replace all ({@code start} 0, {@code length} at least the size) or append ({@code start} at
   * least the size); anything else is BadArgument.
   */
  final class Mutable implements Buffer {
    private byte[] data;

    Mutable(byte[] data) {
      this.data = data;
    }

    @Override
    public byte[] bytes() {
      return data;
    }

    void append(byte[] more) {
      byte[] joined = Arrays.copyOf(data, data.length + more.length);
      System.arraycopy(more, 0, joined, data.length, more.length);
      data = joined;
    }

    @Override
    public Status replace(long start, long length, byte[] newData) {
      if (start == 0) {
        if (length == 0) {
          byte[] joined = Arrays.copyOf(newData, newData.length + data.length);
          System.arraycopy(data, 0, joined, newData.length, data.length);
          data = joined;
          return Status.OK;
        }
        if (length >= data.length) {
          data = newData.clone();
          return Status.OK;
        }
        return Status.BAD_ARGUMENT;
      }
      if (start >= data.length) {
        append(newData);
        return Status.OK;
      }
      return Status.BAD_ARGUMENT;
    }
  }
}
