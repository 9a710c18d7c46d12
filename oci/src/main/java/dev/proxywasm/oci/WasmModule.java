package dev.proxywasm.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A plugin's compiled module on disk, checked to be a core WebAssembly binary before it is
 * packed: Istio only looks at the magic number after pulling, so a wrong file would otherwise
 * be published and fail later, on the gateway.
 */
public final class WasmModule {
  private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};
  private static final byte[] CORE_VERSION = {0x01, 0x00, 0x00, 0x00};

  private final Path path;
  private final long size;

  private WasmModule(Path path, long size) {
    this.path = path;
    this.size = size;
  }

  /**
   * Reads the header of {@code path}.
   *
   * @throws PublishException if the file is missing, unreadable, or not a core Wasm module
   */
  public static WasmModule at(Path path) throws PublishException {
    byte[] header = new byte[8];
    int read;
    long size;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(header, 0, header.length);
      size = Files.size(path);
    } catch (NoSuchFileException e) {
      throw new PublishException("wasm module not found: " + path);
    } catch (IOException e) {
      throw new PublishException("cannot read wasm module " + path + ": " + e.getMessage(), e);
    }
    if (read < header.length || !startsWith(header, 0, MAGIC)) {
      throw new PublishException(
          path + " is not a WebAssembly module (it does not start with the bytes 00 61 73 6d)");
    }
    if (!startsWith(header, 4, CORE_VERSION)) {
      throw new PublishException(
          path + " is not a core WebAssembly module (version field is not 1); Proxy-Wasm hosts"
              + " load only core modules");
    }
    return new WasmModule(path, size);
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[offset + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where the module is. */
  public Path path() {
    return path;
  }

  /** Its size in bytes. */
  public long size() {
    return size;
  }
}
