package dev.proxywasm.plugins.waflite.corpus;

import dev.proxywasm.harness.Headers;
import dev.proxywasm.harness.HttpStream;
import dev.proxywasm.harness.ProxyWasmHost;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends a request through the plugin in the harness, the way Envoy would present it. */
public final class WasmRequests {
  private WasmRequests() {}

  /** Sends {@code r}; returns the status of the plugin's local reply, or 0 when it passed. */
  public static int send(ProxyWasmHost host, String method, String uri, List<String[]> headers, byte[] body) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    pairs.add(new AbstractMap.SimpleEntry<>(":method", method));
    pairs.add(new AbstractMap.SimpleEntry<>(":path", uri));
    pairs.add(new AbstractMap.SimpleEntry<>(":scheme", "http"));
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase("host")) {
        pairs.add(new AbstractMap.SimpleEntry<>(":authority", h[1]));
      } else {
        pairs.add(new AbstractMap.SimpleEntry<>(h[0], h[1]));
      }
    }
    HttpStream stream = host.newHttpStream();
    boolean hasBody = body != null && body.length > 0;
    stream.sendRequestHeaders(Headers.of(pairs), !hasBody);
    if (hasBody && !stream.hasLocalResponse()) {
      stream.sendRequestBody(body, true);
    }
    int status = stream.hasLocalResponse() ? stream.localResponse().status() : 0;
    stream.complete();
    return status;
  }

  /** Sends a corpus record. */
  public static int send(ProxyWasmHost host, CorpusRecord r) {
    return send(host, r.method, r.uri, r.headers, r.bodyBytes());
  }
}
