package dev.proxywasm.plugins.waflite.engine;

/** Looks at the request as a whole (protocol rules: methods, header counts, content types). */
@FunctionalInterface
public interface RequestMatcher {
  /** The offending value (its name is the CRS variable), or null when the request complies. */
  Target match(RequestFacts request);
}
