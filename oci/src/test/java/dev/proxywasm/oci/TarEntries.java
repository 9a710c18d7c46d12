package dev.proxywasm.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks a tar stream the way Go's {@code archive/tar} reader does for Istio: ustar headers, with
 * PAX and GNU long-name headers able to override an entry's path, name matched on its base name.
 */
final class TarEntries {
  private static final int BLOCK = 512;

  private TarEntries() {}

  /** The content of the first entry whose base name is {@code baseName}. */
  static byte[] firstWithBaseName(InputStream tar, String baseName) throws IOException {
    String paxPath = null;
    while (true) {
      byte[] header = tar.readNBytes(BLOCK);
      if (header.length < BLOCK || isZero(header)) {
        throw new IOException(baseName + " not found in the archive");
      }
      String name = text(header, 0, 100);
      String prefix = text(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size = Long.parseLong(text(header, 124, 12).trim(), 8);
      char type = (char) header[156];
      byte[] content = tar.readNBytes((int) size);
      tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
      // Go's reader folds these metadata entries into the next real header.
      if (type == 'x' || type == 'L') {
        paxPath = type == 'L' ? text(content, 0, content.length) : paxValue(content, "path");
        continue;
      }
      if (type == 'g') {
        continue;
      }
      if (paxPath != null) {
        name = paxPath;
        paxPath = null;
      }
      // filepath.Base: the last element, trailing slashes removed; Istio ignores the entry type.
      String trimmed = name.replaceAll("/+$", "");
      if (trimmed.substring(trimmed.lastIndexOf('/') + 1).equals(baseName)) {
        return content;
      }
    }
  }

  private static String paxValue(byte[] records, String key) {
    // Each record is "<length> <key>=<value>\n".
    String text = new String(records, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      int eq = record.indexOf('=');
      if (space >= 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
        return record.substring(eq + 1);
      }
    }
    return null;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
