package dev.proxywasm.plugins.waflite.request;

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
   * Parses {@code json} (UTF-8), feeding keys to {@code names} and scalar values to {@code values}.
   *
   * @return null when the whole document parsed, else why it did not
   */
  public static String parse(byte[] json, ArgumentSink names, ArgumentSink values) {
    // The dotted name of the current path is kept in one char array, ends[d] being where the
    // name of depth d ends, so a name costs one copy of its key and one String (a StringBuilder
    // per name walked the whole path with charAt).
    char[] chars = new char[128];
    int[] ends = new int[MAX_DEPTH + 2];
    "json".getChars(0, 4, chars, 0);
    ends[0] = 4;
    JsonReader reader = new JsonReader(json, LIMITS);
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
            ends[depth] = ends[depth - 1];
            name = null;
            break;
          case END_OBJECT:
          case END_ARRAY:
            break;
          case NAME:
            String key = reader.text();
            int from = ends[depth - 1];
            int end = from + 1 + key.length();
            if (end > chars.length) {
              char[] grown = new char[Math.max(end, 2 * chars.length)];
              System.arraycopy(chars, 0, grown, 0, from);
              chars = grown;
            }
            chars[from] = '.';
            key.getChars(0, key.length(), chars, from + 1);
            ends[depth] = end;
            name = new String(chars, 0, end);
            nameDepth = depth;
            names.accept(name, key);
            break;
          default:
            if (name == null || nameDepth != depth) {
              name = new String(chars, 0, ends[depth]);
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
}
