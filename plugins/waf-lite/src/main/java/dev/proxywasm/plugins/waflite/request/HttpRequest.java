package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.abi.Bytes;
import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.abi.internal.Utf8;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * The parts of an HTTP request the WAF inspects. Header names keep their case for logs;
 * lookups ignore it. The body is held as a Latin-1 string (one char per byte) so that invalid
 * UTF-8 and binary data are inspected byte for byte and never fail to decode.
 */
public final class HttpRequest {
  private final String method;
  private final String uri;
  private final String protocol;
  // Plain arrays: rules look headers up by name a dozen times per request, and the name
  // lengths let a lookup pass over most names without comparing them.
  private String[] headerNames = new String[16];
  private String[] headerValues = new String[16];
  private int[] nameLengths = new int[16];
  private int headerCount;
  private final int queryStart;
  private String rawPath;
  private String query;
  private String body;
  private byte[] bodyBytes;
  private boolean bodyAscii;
  private boolean bodyTruncated;

  /**
   * @param method   e.g. {@code GET}
   * @param uri      the request target as received (Envoy's {@code :path})
   * @param protocol e.g. {@code HTTP/1.1}
   */
  public HttpRequest(String method, String uri, String protocol) {
    this.method = method == null ? "" : method;
    this.uri = uri == null ? "" : uri;
    this.protocol = protocol == null ? "" : protocol;
    this.queryStart = this.uri.indexOf('?');
  }

  /** Adds a header (repeated names are kept, in order). */
  public HttpRequest header(String name, String value) {
    int i = headerCount;
    if (i == headerNames.length) {
      headerNames = grow(headerNames);
      headerValues = grow(headerValues);
      int[] lengths = new int[2 * i];
      System.arraycopy(nameLengths, 0, lengths, 0, i);
      nameLengths = lengths;
    }
    headerNames[i] = name;
    headerValues[i] = value == null ? "" : value;
    nameLengths[i] = StringChars.length(name);
    headerCount = i + 1;
    return this;
  }

  private static String[] grow(String[] array) {
    String[] grown = new String[2 * array.length];
    System.arraycopy(array, 0, grown, 0, array.length);
    return grown;
  }

  /**
   * Sets the body as received ({@code null} for none); {@code truncated} when only a prefix is
   * held. It is read as Latin-1, one char per byte, when first asked for as text.
   */
  public HttpRequest body(byte[] bytes, boolean truncated) {
    this.bodyBytes = bytes;
    this.bodyTruncated = truncated;
    this.body = null;
    this.bodyAscii = bytes != null && Bytes.isAscii(bytes);
    return this;
  }

  /** The method, e.g. {@code GET}. */
  public String method() {
    return method;
  }

  /** The request target as received. */
  public String uri() {
    return uri;
  }

  /** The protocol, e.g. {@code HTTP/1.1}; may be empty. */
  public String protocol() {
    return protocol;
  }

  /** Number of headers. */
  public int headerCount() {
    return headerCount;
  }

  /** Name of header {@code i}. */
  public String headerName(int i) {
    if (i >= headerCount) {
      throw noSuchHeader(i);
    }
    return headerNames[i];
  }

  /** Value of header {@code i}. */
  public String headerValue(int i) {
    if (i >= headerCount) {
      throw noSuchHeader(i);
    }
    return headerValues[i];
  }

  // The check stays in each getter and only the error is built here: a check method of its own,
  // called from both, costs TeaVM a call per header read.
  private IndexOutOfBoundsException noSuchHeader(int i) {
    return new IndexOutOfBoundsException("header " + i + " of " + headerCount);
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    int length = StringChars.length(name);
    for (int i = 0; i < headerCount; i++) {
      if (nameLengths[i] == length && sameIgnoringCase(name, headerNames[i], length)) {
        return headerValues[i];
      }
    }
    return null;
  }

  /**
   * Whether {@code x} and {@code y}, both {@code length} long, are equal, ASCII letters folded:
   * {@code CharClass.regionMatchesIgnoreCase}'s answer, in a copy of its own that this class's
   * single caller inlines (a call per compared name, and that method's range checks, cost
   * ~2k instructions per typical request).
   * Inside the module both are read in place (TeaVM's charAt is a call with its own checks,
   * a copy a call out of Wasm), four chars per 64-bit read while they are equal as they are
   * (names are usually all lowercase, as HTTP/2 sends them), then char by char.
   */
  private static boolean sameIgnoringCase(String x, String y, int length) {
    if (PlatformDetector.isWebAssembly()) {
      Address a = StringChars.of(x);
      Address b = StringChars.of(y);
      int k = 0;
      while (k + 4 <= length && a.add(k << 1).getLong() == b.add(k << 1).getLong()) {
        k += 4;
      }
      for (; k < length; k++) {
        if (!sameLetter(a.add(k << 1).getChar(), b.add(k << 1).getChar())) {
          return false;
        }
      }
      return true;
    }
    for (int k = 0; k < length; k++) {
      if (!sameLetter(x.charAt(k), y.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Equal, or equal but for case: one bit apart, and a letter. */
  private static boolean sameLetter(char a, char b) {
    return a == b || (a ^ b) == 32 && (a | 32) >= 'a' && (a | 32) <= 'z';
  }

  /** The body as Latin-1 text, or null when there is none. */
  public String body() {
    if (body == null && bodyBytes != null) {
      body = Bytes.latin1(bodyBytes);
    }
    return body;
  }

  /** True when there is a body of at least one byte (without converting it to text). */
  public boolean hasBody() {
    return bodyBytes != null && bodyBytes.length > 0;
  }

  /**
   * {@link #body()} encoded as UTF-8, as the JSON reader takes it: the bytes as received when
   * they are all ASCII (the usual case, which needs no copy), or null when there is no body.
   */
  public byte[] bodyUtf8() {
    if (bodyBytes == null) {
      return null;
    }
    return bodyAscii ? bodyBytes : Utf8.encode(body());
  }

  /** True when {@link #body()} is only the first part of a larger body. */
  public boolean bodyTruncated() {
    return bodyTruncated;
  }

  /** The path part of the URI (before {@code ?}), still encoded. */
  public String rawPath() {
    if (rawPath == null) {
      rawPath = queryStart < 0 ? uri : uri.substring(0, queryStart);
    }
    return rawPath;
  }

  /** The query string (after {@code ?}), or an empty string. */
  public String query() {
    if (query == null) {
      query = queryStart < 0 ? "" : uri.substring(queryStart + 1);
    }
    return query;
  }
}
