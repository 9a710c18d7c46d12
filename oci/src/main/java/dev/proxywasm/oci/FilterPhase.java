package dev.proxywasm.oci;

/**
 * Where in Envoy's filter chain Istio inserts a WasmPlugin, relative to its own filters. A plugin
 * without a phase is inserted at the end of the chain, just before the router.
 */
public enum FilterPhase {
  /** Before Istio's authentication filters. */
  AUTHN,
  /** Before Istio's authorization filters (after authentication). */
  AUTHZ,
  /** Before Istio's stats filters (after authorization). */
  STATS
}
