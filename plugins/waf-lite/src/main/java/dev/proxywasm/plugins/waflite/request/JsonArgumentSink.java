package dev.proxywasm.plugins.waflite.request;

/** Receives what {@link JsonArguments} finds: every key and every scalar value, with its path. */
@FunctionalInterface
public interface JsonArgumentSink {
  /**
   * One key ({@code isKey}) or scalar value; {@code path} names it (its dotted form is built
   * when asked for).
   */
  void accept(JsonPath path, String text, boolean isKey);
}
