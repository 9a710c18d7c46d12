package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.abi.internal.Utf8;
import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
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

  private JsonArguments() {}

  /**
   * Parses {@code json}, feeding keys to {@code names} and scalar values to {@code values}.
   *
   * @return null when the whole document parsed, else why it did not
   */
  public static String parse(String json, ArgumentSink names, ArgumentSink values) {
    String[] path = new String[MAX_DEPTH + 2];
    JsonReader reader = new JsonReader(Utf8.encode(json), LIMITS);
    try {
      JsonToken token;
      // A member's value has its key's name: built once for both, while the path is unchanged.
      String name = null;
      int nameDepth = -1;
      while ((token = reader.next()) != JsonToken.END) {
        int depth = reader.depth();
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            path[depth] = null;
            name = null;
            break;
          case END_OBJECT:
          case END_ARRAY:
            break;
          case NAME:
            path[depth] = reader.text();
            name = pathName(path, depth);
            nameDepth = depth;
            names.accept(name, reader.text());
            break;
          default:
            if (name == null || nameDepth != depth) {
              name = pathName(path, depth);
              nameDepth = depth;
            }
            values.accept(name, reader.text());
            break;
        }
      }
      return null;
    } catch (JsonException e) {
      return "invalid JSON: " + e.getMessage();
    }
  }

  private static String pathName(String[] path, int depth) {
    StringBuilder name = new StringBuilder("json");
    for (int i = 1; i <= depth; i++) {
      if (path[i] != null) {
        name.append('.').append(path[i]);
      }
    }
    return name.toString();
  }
}
