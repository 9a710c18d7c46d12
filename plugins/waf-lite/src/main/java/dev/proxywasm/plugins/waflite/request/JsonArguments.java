package dev.proxywasm.plugins.waflite.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Walks a JSON body with jackson-core's streaming parser and reports every key as an argument
 * name and every scalar as an argument value, named by its dotted path like Coraza's JSON body
 * processor ({@code json.user.name}). Depth and string length are bounded so a hostile document
 * costs at most linear time and a fixed amount of memory.
 */
public final class JsonArguments {
  /** Deepest nesting accepted; deeper documents are a parse error. */
  public static final int MAX_DEPTH = 64;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(1 << 20)
          .maxNumberLength(1000)
          .build())
      .build();

  private JsonArguments() {}

  /**
   * Parses {@code json}, feeding keys to {@code names} and scalar values to {@code values}.
   *
   * @return null when the whole document parsed, else why it did not
   */
  public static String parse(String json, ArgumentSink names, ArgumentSink values) {
    String[] path = new String[MAX_DEPTH + 2];
    int depth = 0;
    try (JsonParser parser = FACTORY.createParser(json)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            depth++;
            path[depth] = null;
            break;
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            break;
          case FIELD_NAME:
            String key = parser.currentName();
            path[depth] = key;
            names.accept(pathName(path, depth), key);
            break;
          default:
            if (token.isScalarValue()) {
              values.accept(pathName(path, depth), parser.getText());
            }
            break;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "invalid JSON";
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
