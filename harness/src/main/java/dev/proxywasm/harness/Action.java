package dev.proxywasm.harness;

/**
 * What Envoy does with a stream after a filter callback: go on, or stop and wait.
 *
 * <p>This is Envoy's decision, not only the raw value the plugin returned: a callback that sent a
 * local response is {@link #PAUSE} whatever it returned, as in Envoy.
 */
public enum Action {
  /** The data was forwarded and processing goes on. */
  CONTINUE,
  /** Processing stopped: the data waits until the plugin calls {@code proxy_continue_stream}. */
  PAUSE;

  /** Envoy's reading of a {@code proxy_action_t} returned by a callback. */
  static Action fromGuest(int value) {
    return value == 0 ? CONTINUE : PAUSE;
  }
}
