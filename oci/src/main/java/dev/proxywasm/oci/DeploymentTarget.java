package dev.proxywasm.oci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which proxies a generated WasmPlugin applies to: its namespace and the labels of the workloads
 * it selects (by default the ingress gateway, {@code istio=ingressgateway} in
 * {@code istio-system}).
 *
 * @param namespace the WasmPlugin's namespace
 * @param selector the workload labels, in the order given
 */
public record DeploymentTarget(String namespace, Map<String, String> selector) {

  /** The target Istio's default ingress gateway runs as. */
  public static final DeploymentTarget INGRESS_GATEWAY =
      new DeploymentTarget("istio-system", Map.of("istio", "ingressgateway"));

  /** Copies the selector so the target cannot change behind its user's back. */
  public DeploymentTarget {
    selector = Collections.unmodifiableMap(new LinkedHashMap<>(selector));
  }

  /**
   * Parses a selector written {@code key=value[,key=value...]}.
   *
   * @throws IllegalArgumentException if an entry has no '=' or an empty key
   */
  public static Map<String, String> parseSelector(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "selector entry '" + entry.trim() + "' must be key=value (e.g. istio=ingressgateway)");
      }
      labels.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return labels;
  }
}
