package dev.proxywasm.plugins.waflite.request;

/** Receives the name/value pairs a parser finds. */
@FunctionalInterface
public interface ArgumentSink {
  /** One argument; {@code value} is empty (never null) for a bare name. */
  void accept(String name, String value);
}
