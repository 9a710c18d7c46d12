package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an HTTP request the WAF inspects. Header names keep their case for logs;
 * lookups ignore it. The body is held as a Latin-1 string (one char per byte) so that invalid
 * UTF-8 and binary data are inspected byte for byte and never fail to decode.
 */
public final class HttpRequest {
  private final String method;
  private final String uri;
  private final String protocol;
  private final List<String> headerNames = new ArrayList<>();
  private final List<String> headerValues = new ArrayList<>();
  private String body;
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
  }

  /** Adds a header (repeated names are kept, in order). */
  public HttpRequest header(String name, String value) {
    headerNames.add(name);
    headerValues.add(value == null ? "" : value);
    return this;
  }

  /** Sets the body (Latin-1, one char per byte); {@code truncated} when only a prefix is held. */
  public HttpRequest body(String latin1Body, boolean truncated) {
    this.body = latin1Body;
    this.bodyTruncated = truncated;
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
    return headerNames.size();
  }

  /** Name of header {@code i}. */
  public String headerName(int i) {
    return headerNames.get(i);
  }

  /** Value of header {@code i}. */
  public String headerValue(int i) {
    return headerValues.get(i);
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  public String header(String name) {
    for (int i = 0; i < headerNames.size(); i++) {
      if (CharClass.equalsIgnoreCase(headerNames.get(i), name)) {
        return headerValues.get(i);
      }
    }
    return null;
  }

  /** The body as Latin-1 text, or null when there is none. */
  public String body() {
    return body;
  }

  /** True when {@link #body()} is only the first part of a larger body. */
  public boolean bodyTruncated() {
    return bodyTruncated;
  }

  /** The path part of the URI (before {@code ?}), still encoded. */
  public String rawPath() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** The query string (after {@code ?}), or an empty string. */
  public String query() {
    int q = uri.indexOf('?');
    return q < 0 ? "" : uri.substring(q + 1);
  }
}
