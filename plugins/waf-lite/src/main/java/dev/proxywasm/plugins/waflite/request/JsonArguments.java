package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonNames;
import dev.proxywasm.abi.json.JsonReader;
import dev.proxywasm.abi.json.JsonToken;

/**
 * Walks a JSON body and reports every key as an argument name and every scalar as an argument
 * value, named by its dotted path like Coraza's JSON body processor ({@code json.user.name}).
 * Depth is bounded so a hostile document costs linear time and fixed memory.
 */
public final class JsonArguments {
  /** Deepest nesting accepted; deeper documents are a parse error. */
  public static final int MAX_DEPTH = 64;

  private static final JsonLimits LIMITS = JsonLimits.DEFAULT.withMaxDepth(MAX_DEPTH);
  /** paths[d] is the path at depth d; reused by every parse (one at a time, nothing recurses). */
  private static JsonPath[] paths;
  /**
   * The member names of every body parsed (bodies of one API repeat them): a name seen before
   * is the same String, by which {@link JsonPath} finds the paths made before.
   */
  private static JsonNames names;

  private JsonArguments() {}

  /**
   * Parses {@code json} (UTF-8), feeding its keys and scalar values to {@code sink}.
   *
   * @return null when the whole document parsed, else why it did not
   */
  public static String parse(byte[] json, JsonArgumentSink sink) {
    // paths[d] is the path at depth d: a container adds no segment, a member its key. A path is
    // a small link to its parent, its dotted String being built only if someone asks.
    JsonPath[] paths = JsonArguments.paths;
    if (paths == null) {
      JsonArguments.paths = paths = new JsonPath[MAX_DEPTH + 2];
      names = new JsonNames();
    }
    paths[0] = JsonPath.root();
    JsonReader reader = new JsonReader(json, LIMITS, names);
    try {
      // The tokens in locals, compared, not switched on: a switch over another class's enum
      // costs a lookup table class of its own, and each read of an enum constant a
      // class-initialisation check.
      JsonToken end = JsonToken.END;
      JsonToken name = JsonToken.NAME;
      JsonToken token;
      while ((token = reader.next()) != end) {
        int depth = reader.depth();
        if (token == name) {
          String key = reader.text();
          JsonPath path = paths[depth - 1].member(key);
          paths[depth] = path;
          sink.accept(path, key, true);
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          paths[depth] = paths[depth - 1];
        } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
          sink.accept(paths[depth], reader.text(), false);
        }
      }
      return null;
    } catch (JsonException e) {
      return "invalid JSON: " + e.getMessage();
    }
  }
}
