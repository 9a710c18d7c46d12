package dev.proxywasm.plugins.waflite.request;

/** Receives what {@link JsonArguments} finds: a path and a key or scalar value. */
@FunctionalInterface
public interface JsonArgumentSink {
  /** One key or value; {@code path} names it (its dotted form is built when asked for). */
  void accept(JsonPath path, String value);
}
