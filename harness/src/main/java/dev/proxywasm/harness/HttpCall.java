package dev.proxywasm.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP call a plugin made with {@code proxy_http_call}, seen from the upstream: what was sent,
 * and the means to answer it. Answer now (from a responder given to
 * {@link ProxyWasmHost.Builder#cluster(String, java.util.function.Consumer)}), or later from the
 * test ({@link ProxyWasmHost#httpCalls()}); either way the plugin gets
 * {@code proxy_on_http_call_response} after the callback that made the call has returned, never
 * inside it, as in Envoy.
 */
public final class HttpCall {
  /** What the plugin may read while {@code proxy_on_http_call_response} runs. */
  record Response(HeaderMap headers, byte[] body, HeaderMap trailers) {}

  private static final Headers TIMEOUT_HEADERS = Headers.of(":status", "504", "content-length",
      "24", "content-type", "text/plain");
  private static final String TIMEOUT_BODY = "upstream request timeout";

  private final ProxyWasmHost host;
  private final PluginContext plugin;
  private final int token;
  private final String cluster;
  private final Headers headers;
  private final byte[] body;
  private final Headers trailers;
  private final Duration timeout;
  private boolean answered;

  HttpCall(ProxyWasmHost host, PluginContext plugin, int token, String cluster, Headers headers,
      byte[] body, Headers trailers, Duration timeout) {
    this.host = host;
    this.plugin = plugin;
    this.token = token;
    this.cluster = cluster;
    this.headers = headers;
    this.body = body;
    this.trailers = trailers;
    this.timeout = timeout;
  }

  /** The upstream cluster it was sent to. */
  public String cluster() {
    return cluster;
  }

  /** The request headers as Envoy sends them (names lower-cased, content-length added for a body). */
  public Headers headers() {
    return headers;
  }

  /** The request body (UTF-8). */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public byte[] bodyBytes() {
    return body.clone();
  }

  public Headers trailers() {
    return trailers;
  }

  /** The timeout the plugin gave; zero means none. */
  public Duration timeout() {
    return timeout;
  }

  /** The token {@code proxy_http_call} returned to the plugin. */
  public int token() {
    return token;
  }

  /** Whether it has been answered (responded, failed or expired). */
  public boolean isAnswered() {
    return answered;
  }

  /** Answers with {@code status}, {@code headers} and {@code body}, no trailers. */
  public void respond(int status, Headers headers, String body) {
    Headers all = Headers.of(":status", Integer.toString(status));
    for (var e : headers.without(":status").entries()) {
      all = all.with(e.getKey(), e.getValue());
    }
    respond(all, body.getBytes(StandardCharsets.UTF_8), Headers.empty());
  }

  /** Answers with exactly these headers (include {@code :status}), body and trailers. */
  public void respond(Headers headers, byte[] body, Headers trailers) {
    markAnswered();
    Response response = new Response(new HeaderMap(headers), body.clone(), new HeaderMap(trailers));
    host.whenIdle(() -> host.deliverHttpCallResponse(plugin, token, response));
  }

  /**
   * The call fails as when the upstream resets it: the plugin gets a response with no headers,
   * and {@code proxy_get_status} reports 11 (BrokenConnection) and "reset" during it.
   */
  public void fail() {
    markAnswered();
    host.whenIdle(() -> host.deliverHttpCallFailure(plugin, token));
  }

  /** The timeout fires: Envoy answers the plugin with its own 504 "upstream request timeout". */
  public void expire() {
    respond(TIMEOUT_HEADERS, TIMEOUT_BODY.getBytes(StandardCharsets.UTF_8), Headers.empty());
  }

  private void markAnswered() {
    if (answered) {
      throw new IllegalStateException("the HTTP call to " + cluster + " (token " + token
          + ") was already answered");
    }
    answered = true;
  }

  @Override
  public String toString() {
    return "HttpCall(" + cluster + ", " + headers + ", " + body.length + " body bytes)";
  }
}
