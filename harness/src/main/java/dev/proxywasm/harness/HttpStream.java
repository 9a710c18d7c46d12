package dev.proxywasm.harness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request/response exchange through the plugin, driven by the test the way Envoy's
 * filter manager drives a filter: the plugin sees each part of the request, then of the response,
 * and each {@code send...} method returns Envoy's decision ({@link Action}).
 *
 * <p>Flow control follows Envoy. After {@link Action#PAUSE} from the headers, body and trailers
 * sent by the test wait in the host and reach the plugin once it calls
 * {@code proxy_continue_stream}. After PAUSE from a body chunk, the next chunks are added to the
 * buffered body and the plugin sees all of it. A local response ends the request (later request
 * parts are dropped, as Envoy drops them) and is run through the plugin's response callbacks.
 * When the response has ended (or a local response was sent, or the plugin reset the stream),
 * the stream completes by itself: {@code proxy_on_log}, {@code proxy_on_done},
 * {@code proxy_on_delete}.
 *
 * <pre>{@code
 * HttpStream stream = host.newHttpStream();
 * assertEquals(Action.CONTINUE, stream.sendRequestHeaders(Headers.of(":path", "/"), false));
 * assertEquals(Action.CONTINUE, stream.sendRequestBody("hello", true));
 * assertEquals("x", stream.requestHeaders().get("x-added").orElseThrow());
 * }</pre>
 */
public final class HttpStream extends StreamContext {
  /** One direction (request or response) of the stream. */
  private static final class Direction {
    final String name;
    HeaderMap headers;
    HeaderMap trailers;
    final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
    /** The body the plugin sees: the current chunk, or all chunks buffered while paused. */
    Buffer.Mutable body;
    // What Envoy lets the plugin reach now (its request_headers_ etc. pointers are set).
    boolean headersVisible;
    boolean bodyVisible;
    boolean trailersVisible;
    boolean stoppedAtHeaders;
    boolean bodyPaused;
    boolean stoppedAtTrailers;
    // What arrived while stopped at headers, delivered after proxy_continue_stream.
    ByteArrayOutputStream heldBody;
    boolean heldEnd;
    Headers heldTrailers;
    boolean endReceived;
    boolean ended;

    Direction(String name) {
      this.name = name;
    }

    boolean stopped() {
      return stoppedAtHeaders || bodyPaused || stoppedAtTrailers;
    }

    void forwardBody() {
      if (body != null) {
        forwarded.writeBytes(body.bytes());
        body = null;
      }
      bodyVisible = false;
      bodyPaused = false;
    }

    /** Everything received so far, as the plugin left it: forwarded, buffered, then held. */
    byte[] allBody() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.writeBytes(forwarded.toByteArray());
      if (body != null) {
        all.writeBytes(body.bytes());
      }
      if (heldBody != null) {
        all.writeBytes(heldBody.toByteArray());
      }
      return all.toByteArray();
    }
  }

  private final Map<String, byte[]> properties = new HashMap<>();
  private final Map<String, byte[]> filterState = new HashMap<>();
  private final Direction request = new Direction("request");
  private final Direction response = new Direction("response");
  /** Envoy's {@code end_of_stream_}: whether the last part delivered ended its direction. */
  private boolean endOfStream;
  private boolean accessLogPhase;
  private LocalResponse localResponse;
  private boolean reset;
  private boolean completed;

  HttpStream(ProxyWasmHost host, int id, PluginContext plugin) {
    super(host, id, plugin);
  }

  /**
   * Gives this stream a property (in addition to the host's), e.g. {@code "source.address"}.
   * Dots separate path segments; a path that contains {@code \0} is taken as already split.
   */
  public HttpStream property(String path, String value) {
    return property(path, utf8(value));
  }

  /** Gives this stream a property with a raw (serialised) value. */
  public HttpStream property(String path, byte[] value) {
    properties.put(ProxyWasmHost.propertyKey(path), value.clone());
    return this;
  }

  // ---- request ----

  /** Request headers arrive ({@code proxy_on_request_headers}). */
  public Action sendRequestHeaders(Headers headers, boolean endOfStream) {
    requireOpen();
    if (request.headers != null) {
      throw new IllegalStateException("the request headers were already sent on stream " + id);
    }
    ensureCreated();
    return host.run(() -> deliverHeaders(request, headers, endOfStream));
  }

  /** A request body chunk arrives ({@code proxy_on_request_body}). */
  public Action sendRequestBody(String body, boolean endOfStream) {
    return sendRequestBody(utf8(body), endOfStream);
  }

  /** A request body chunk arrives ({@code proxy_on_request_body}). */
  public Action sendRequestBody(byte[] body, boolean endOfStream) {
    requireMore(request, "body");
    if (requestDropped()) {
      request.endReceived = endOfStream;
      return Action.PAUSE;
    }
    return host.run(() -> receiveBody(request, body.clone(), endOfStream));
  }

  /** Request trailers arrive ({@code proxy_on_request_trailers}); they end the request. */
  public Action sendRequestTrailers(Headers trailers) {
    requireMore(request, "trailers");
    if (requestDropped()) {
      request.endReceived = true;
      return Action.PAUSE;
    }
    return host.run(() -> receiveTrailers(request, trailers));
  }

  // ---- response ----

  /** Response headers arrive from the upstream ({@code proxy_on_response_headers}). */
  public Action sendResponseHeaders(Headers headers, boolean endOfStream) {
    requireOpen();
    if (request.headers == null) {
      throw new IllegalStateException("send the request headers of stream " + id
          + " before a response");
    }
    requireNoLocalResponse();
    if (response.headers != null) {
      throw new IllegalStateException("the response headers were already sent on stream " + id);
    }
    return host.run(() -> deliverHeaders(response, headers, endOfStream));
  }

  /** A response body chunk arrives ({@code proxy_on_response_body}). */
  public Action sendResponseBody(String body, boolean endOfStream) {
    return sendResponseBody(utf8(body), endOfStream);
  }

  /** A response body chunk arrives ({@code proxy_on_response_body}). */
  public Action sendResponseBody(byte[] body, boolean endOfStream) {
    requireNoLocalResponse();
    requireMore(response, "body");
    return host.run(() -> receiveBody(response, body.clone(), endOfStream));
  }

  /** Response trailers arrive ({@code proxy_on_response_trailers}); they end the response. */
  public Action sendResponseTrailers(Headers trailers) {
    requireNoLocalResponse();
    requireMore(response, "trailers");
    return host.run(() -> receiveTrailers(response, trailers));
  }

  /**
   * Ends the stream now, as Envoy does when it destroys it (for example when the client goes
   * away): {@code proxy_on_log}, {@code proxy_on_done}, {@code proxy_on_delete}. Does nothing if
   * the stream has already completed.
   */
  public void complete() {
    if (!completed) {
      host.run(() -> {
        finish();
        return Action.CONTINUE;
      });
    }
  }

  // ---- what came out ----

  /** The request headers as they are now (as modified by the plugin). */
  public Headers requestHeaders() {
    return snapshot(request.headers);
  }

  /** The request trailers as they are now, including trailers the plugin added. */
  public Headers requestTrailers() {
    return snapshot(request.trailers);
  }

  /** The request body as the plugin left it (forwarded and still buffered parts), UTF-8. */
  public String requestBody() {
    return new String(request.allBody(), StandardCharsets.UTF_8);
  }

  public byte[] requestBodyBytes() {
    return request.allBody();
  }

  /** The response headers as they are now (as modified by the plugin). */
  public Headers responseHeaders() {
    return snapshot(response.headers);
  }

  public Headers responseTrailers() {
    return snapshot(response.trailers);
  }

  /** The response body as the plugin left it, UTF-8. */
  public String responseBody() {
    return new String(response.allBody(), StandardCharsets.UTF_8);
  }

  public byte[] responseBodyBytes() {
    return response.allBody();
  }

  /** Whether request processing is stopped, waiting for {@code proxy_continue_stream}. */
  public boolean isRequestPaused() {
    return request.stopped();
  }

  /** Whether response processing is stopped, waiting for {@code proxy_continue_stream}. */
  public boolean isResponsePaused() {
    return response.stopped();
  }

  /** Whether the plugin sent a local response. */
  public boolean hasLocalResponse() {
    return localResponse != null;
  }

  /**
   * The local response the plugin sent.
   *
   * @throws AssertionError when it sent none
   */
  public LocalResponse localResponse() {
    if (localResponse == null) {
      throw new AssertionError("stream " + id + " got no local response"
          + (request.stopped() ? " (its request is paused)" : ""));
    }
    return localResponse;
  }

  /** Whether the plugin reset the stream with {@code proxy_close_stream}. */
  public boolean wasReset() {
    return reset;
  }

  /** Whether the stream has completed ({@code proxy_on_log}/{@code proxy_on_done}/{@code proxy_on_delete} ran). */
  public boolean isCompleted() {
    return completed;
  }

  @Override
  public String toString() {
    return "HttpStream(" + id + ")";
  }

  // ---- Envoy's filter flow ----

  private static Headers snapshot(HeaderMap map) {
    return map == null ? Headers.empty() : map.snapshot();
  }

  private void requireOpen() {
    if (completed) {
      throw new IllegalStateException("stream " + id + " has completed");
    }
  }

  private void requireNoLocalResponse() {
    if (localResponse != null) {
      throw new IllegalStateException("the plugin answered stream " + id
          + " with a local response, so no upstream response comes");
    }
  }

  private void requireMore(Direction d, String part) {
    if (d.headers == null) {
      throw new IllegalStateException("send the " + d.name + " headers of stream " + id
          + " before its " + part);
    }
    if (d.endReceived) {
      throw new IllegalStateException("the " + d.name + " of stream " + id + " has already ended");
    }
    if (completed && !requestDropped()) {
      throw new IllegalStateException("stream " + id + " has completed");
    }
  }

  /** After a local response or a reset, Envoy no longer passes request data to the filter. */
  private boolean requestDropped() {
    return localResponse != null || reset;
  }

  private void ensureCreated() {
    if (!created) {
      host.createContext(this, pluginContext().id);
    }
  }

  private boolean isRequest(Direction d) {
    return d == request;
  }

  private Action deliverHeaders(Direction d, Headers headers, boolean end) {
    d.headers = new HeaderMap(headers.lowerCased());
    d.headersVisible = true;
    d.endReceived = end;
    endOfStream = end;
    String callback = isRequest(d) ? "proxy_on_request_headers" : "proxy_on_response_headers";
    ProxyWasmHost.Result result = host.abiVersion.equals("0_1_0")
        ? host.callIfExported(this, callback, id, d.headers.size())
        : host.callIfExported(this, callback, id, d.headers.size(), end ? 1 : 0);
    Action action = result.action();
    if (action == Action.CONTINUE) {
      d.headersVisible = false;
      d.ended = end;
      finishIfDone();
    } else {
      d.stoppedAtHeaders = true;
    }
    return action;
  }

  private Action receiveBody(Direction d, byte[] chunk, boolean end) {
    d.endReceived = end;
    if (d.stoppedAtHeaders) {
      if (d.heldBody == null) {
        d.heldBody = new ByteArrayOutputStream();
      }
      d.heldBody.writeBytes(chunk);
      d.heldEnd = end;
      return Action.PAUSE;
    }
    return deliverBody(d, chunk, end);
  }

  private Action deliverBody(Direction d, byte[] chunk, boolean end) {
    if (d.body == null) {
      d.body = new Buffer.Mutable(chunk);
    } else {
      d.body.append(chunk);
    }
    d.bodyVisible = true;
    endOfStream = end;
    String callback = isRequest(d) ? "proxy_on_request_body" : "proxy_on_response_body";
    Action action = host.callIfExported(this, callback, id, d.body.size(), end ? 1 : 0).action();
    if (action == Action.CONTINUE) {
      d.forwardBody();
      d.ended = end;
      finishIfDone();
    } else {
      d.bodyPaused = true;
    }
    return action;
  }

  private Action receiveTrailers(Direction d, Headers trailers) {
    d.endReceived = true;
    if (d.stoppedAtHeaders) {
      d.heldTrailers = trailers;
      return Action.PAUSE;
    }
    return deliverTrailers(d, trailers);
  }

  private Action deliverTrailers(Direction d, Headers trailers) {
    d.trailers = new HeaderMap(trailers.lowerCased());
    d.trailersVisible = true;
    String callback = isRequest(d) ? "proxy_on_request_trailers" : "proxy_on_response_trailers";
    Action action = host.callIfExported(this, callback, id, d.trailers.size()).action();
    if (action == Action.CONTINUE) {
      d.forwardBody();
      d.trailersVisible = false;
      d.ended = true;
      finishIfDone();
    } else {
      d.stoppedAtTrailers = true;
    }
    return action;
  }

  /**
   * {@code proxy_continue_stream} for HTTP. Like Envoy, the request's maps and body become
   * unreachable at once (whichever direction is continued); the stream resumes after the
   * callback has returned.
   */
  Status continueStream(StreamType type) {
    request.headersVisible = false;
    request.bodyVisible = false;
    request.trailersVisible = false;
    Direction d = type == StreamType.HTTP_REQUEST ? request : response;
    host.afterCall(() -> resume(d));
    return Status.OK;
  }

  private void resume(Direction d) {
    if (completed || !d.stopped()) {
      return;
    }
    if (d.stoppedAtTrailers) {
      d.stoppedAtTrailers = false;
      d.forwardBody();
      d.ended = true;
      finishIfDone();
      return;
    }
    if (d.bodyPaused) {
      d.forwardBody();
    }
    d.stoppedAtHeaders = false;
    if (d.heldBody != null) {
      byte[] held = d.heldBody.toByteArray();
      d.heldBody = null;
      if (deliverBody(d, held, d.heldEnd) == Action.PAUSE) {
        return;
      }
    }
    if (d.heldTrailers != null) {
      Headers held = d.heldTrailers;
      d.heldTrailers = null;
      deliverTrailers(d, held);
      return;
    }
    d.ended = d.endReceived;
    finishIfDone();
  }

  /** {@code proxy_close_stream} for HTTP: Envoy resets the stream after the callback. */
  Status closeStream() {
    host.afterCall(() -> {
      if (!completed) {
        reset = true;
        finish();
      }
    });
    return Status.OK;
  }

  /**
   * {@code proxy_send_local_response}: Envoy sends it after the callback. Sent while the request
   * is processed, it goes through the plugin's own response callbacks like any response.
   */
  void sendLocalResponse(int status, String details, byte[] body, List<Map.Entry<String, String>> extra,
      int grpcStatus) {
    host.afterCall(() -> {
      if (completed || localResponse != null) {
        return;
      }
      HeaderMap headers = new HeaderMap();
      headers.add(":status", Integer.toString(status));
      for (Map.Entry<String, String> e : extra) {
        headers.add(e.getKey(), e.getValue());
      }
      // Envoy (Http::Utility::prepareLocalReply): the plugin's headers first, then a body's
      // length, and text/plain only when the plugin set no content type; no body, neither.
      if (body.length > 0) {
        headers.replace("content-length", Integer.toString(body.length));
        if (headers.get("content-type") == null) {
          headers.add("content-type", "text/plain");
        }
      } else {
        headers.remove("content-length");
        headers.remove("content-type");
      }
      String cleanDetails = details.replaceAll("\\s", "_");
      byte[] finalBody = body;
      if (response.headers == null) {
        deliverHeaders(response, headers.snapshot(), body.length == 0);
        if (body.length > 0) {
          deliverBody(response, body, true);
        }
        headers = response.headers;
        finalBody = response.allBody();
      }
      localResponse = new LocalResponse(status, headers.snapshot(),
          new String(finalBody, StandardCharsets.UTF_8), cleanDetails, grpcStatus);
      finish();
    });
  }

  private void finishIfDone() {
    if (response.ended && !completed) {
      finish();
    }
  }

  /** Envoy's end of a stream: the access log ({@code proxy_on_log}), then the filter's destruction. */
  private void finish() {
    if (completed) {
      return;
    }
    completed = true;
    ensureCreated();
    accessLogPhase = true;
    try {
      host.callIfExported(this, "proxy_on_log", id);
    } finally {
      accessLogPhase = false;
    }
    host.callIfExported(this, "proxy_on_done", id);
    host.callIfExported(this, "proxy_on_delete", id);
    host.removeContext(this);
  }

  // ---- what host functions reach through this context ----

  @Override
  boolean inAccessLogPhase() {
    return accessLogPhase;
  }

  @Override
  HeaderMap mutableMap(MapType type) {
    if (accessLogPhase) {
      return null;
    }
    return switch (type) {
      case HTTP_REQUEST_HEADERS -> request.headersVisible ? request.headers : null;
      case HTTP_REQUEST_TRAILERS -> trailersToWrite(request);
      case HTTP_RESPONSE_HEADERS -> response.headersVisible ? response.headers : null;
      case HTTP_RESPONSE_TRAILERS -> trailersToWrite(response);
      default -> null;
    };
  }

  /** Envoy adds trailers on demand while the last body chunk of a direction is processed. */
  private HeaderMap trailersToWrite(Direction d) {
    if (!d.trailersVisible && d.bodyVisible && endOfStream) {
      d.trailers = new HeaderMap();
      d.trailersVisible = true;
    }
    return d.trailersVisible ? d.trailers : null;
  }

  @Override
  HeaderMap readableMap(MapType type) {
    if (accessLogPhase) {
      return switch (type) {
        case HTTP_REQUEST_HEADERS -> request.headers;
        case HTTP_RESPONSE_HEADERS -> response.headers;
        case HTTP_RESPONSE_TRAILERS -> response.trailers;
        case HTTP_REQUEST_TRAILERS -> null;
        default -> super.readableMap(type);
      };
    }
    return switch (type) {
      case HTTP_REQUEST_HEADERS -> request.headersVisible ? request.headers : null;
      case HTTP_REQUEST_TRAILERS -> request.trailersVisible ? request.trailers : null;
      case HTTP_RESPONSE_HEADERS -> response.headersVisible ? response.headers : null;
      case HTTP_RESPONSE_TRAILERS -> response.trailersVisible ? response.trailers : null;
      default -> super.readableMap(type);
    };
  }

  @Override
  Buffer buffer(BufferType type) {
    return switch (type) {
      case HTTP_REQUEST_BODY -> request.bodyVisible ? request.body : Buffer.NONE;
      case HTTP_RESPONSE_BODY -> response.bodyVisible ? response.body : Buffer.NONE;
      default -> super.buffer(type);
    };
  }

  @Override
  byte[] property(String path) {
    byte[] value = filterState.get(path);
    if (value == null) {
      value = properties.get(path);
    }
    if (value == null) {
      value = derivedProperty(path);
    }
    return value != null ? value : super.property(path);
  }

  /** The request and response attributes Envoy derives from the headers. */
  private byte[] derivedProperty(String path) {
    HeaderMap req = request.headers;
    HeaderMap resp = response.headers;
    String[] segments = path.split("\0", -1);
    if (segments.length != 2) {
      return null;
    }
    String value = null;
    if (segments[0].equals("request") && req != null) {
      switch (segments[1]) {
        case "path" -> value = req.get(":path");
        case "url_path" -> {
          String p = req.get(":path");
          value = p == null ? null : p.split("\\?", 2)[0];
        }
        case "host" -> value = req.get(":authority");
        case "method" -> value = req.get(":method");
        case "scheme" -> value = req.get(":scheme");
        case "id" -> value = req.get("x-request-id");
        case "referer" -> value = req.get("referer");
        case "useragent" -> value = req.get("user-agent");
        case "headers" -> {
          return HeaderMapCodec.encode(req.entries());
        }
        default -> { }
      }
    } else if (segments[0].equals("response") && resp != null) {
      switch (segments[1]) {
        case "code" -> {
          String status = resp.get(":status");
          return status == null ? null : int64(Long.parseLong(status));
        }
        case "headers" -> {
          return HeaderMapCodec.encode(resp.entries());
        }
        default -> { }
      }
    }
    return value == null ? null : utf8(value);
  }

  @Override
  Status setProperty(String path, byte[] value) {
    filterState.put(path, value);
    return Status.OK;
  }
}
