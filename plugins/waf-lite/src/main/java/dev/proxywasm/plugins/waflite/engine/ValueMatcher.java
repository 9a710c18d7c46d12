package dev.proxywasm.plugins.waflite.engine;

/** Looks for an attack in one value. */
@FunctionalInterface
public interface ValueMatcher {
  /** The matched data (for the log), or null when {@code target} is clean. */
  String match(Target target);
}
