package dev.proxywasm.harness;

/** {@code proxy_peer_type_t}: who closed a TCP connection. */
public enum PeerType {
  UNKNOWN,
  LOCAL,
  REMOTE
}
