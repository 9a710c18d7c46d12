package dev.proxywasm.plugins.waflite.request;

/**
 * The dotted name of a JSON member or element, Coraza's {@code json.user.name}, kept as a link
 * to its parent's path and its own key: {@link #toString()} builds it only when asked for (a
 * log line or a per-target rule exclusion), which most arguments never are.
 */
public final class JsonPath {
  private final JsonPath parent;
  private final String key;
  private String name;

  private JsonPath(JsonPath parent, String key, String name) {
    this.parent = parent;
    this.key = key;
    this.name = name;
  }

  /** The document's root, {@code json}. */
  static JsonPath root() {
    return new JsonPath(null, null, "json");
  }

  /** This path followed by member {@code key}. */
  JsonPath member(String key) {
    return new JsonPath(this, key, null);
  }

  /** The dotted name, e.g. {@code json.user.name}. */
  @Override
  public String toString() {
    if (name == null) {
      name = parent.toString() + "." + key;
    }
    return name;
  }
}
