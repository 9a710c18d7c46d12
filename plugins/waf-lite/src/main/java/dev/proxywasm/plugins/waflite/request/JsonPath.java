package dev.proxywasm.plugins.waflite.request;

/**
 * The dotted name of a JSON member or element, Coraza's {@code json.user.name}, kept as a link
 * to its parent's path and its own key: {@link #toString()} builds it only when asked for (a
 * log line or a per-target rule exclusion), which most arguments never are.
 *
 * <p>Paths are shared by every document the VM parses: bodies of one API have the same shape,
 * and their member names come from one {@link dev.proxywasm.abi.json.JsonNames} table, so the
 * path of a member seen before is found by identity, not made again. A bounded table holds
 * them.
 */
public final class JsonPath {
  // Room for a few API's bodies: 512 slots keep the usual document's paths apart.
  private static final int SLOT_BITS = 9;
  private static final int SLOTS = 1 << SLOT_BITS;
  // No initialisers: no static initialiser, so TeaVM checks none at each call.
  private static JsonPath root;
  /** Paths made by {@link #member}, each in the slot its parent and key pick. */
  private static JsonPath[] members;
  private static int made;
  private final JsonPath parent;
  private final String key;
  /** A number of its own, for the hash of the paths under it. */
  private final int id;
  private String name;
  private Object attachment;

  private JsonPath(JsonPath parent, String key, String name) {
    this.parent = parent;
    this.key = key;
    this.name = name;
    this.id = made++;
  }

  /** The document's root, {@code json}. */
  static JsonPath root() {
    JsonPath r = root;
    if (r == null) {
      root = r = new JsonPath(null, null, "json");
      members = new JsonPath[SLOTS];
    }
    return r;
  }

  /**
   * This path followed by member {@code key}: the one made before for this path and the same
   * key String when its slot in the table still holds it (a hostile document's members cost a miss each).
   */
  JsonPath member(String key) {
    int slot = (id * 31 + key.hashCode()) * 0x9e3779b1 >>> (32 - SLOT_BITS);
    JsonPath kept = members[slot];
    if (kept != null && kept.parent == this && kept.key == key) {
      return kept;
    }
    JsonPath path = new JsonPath(this, key, null);
    members[slot] = path;
    return path;
  }

  /**
   * What the parser's caller keeps with this path ({@link #attach}), or null: a path is shared
   * by the documents that have it, so what depends on the path alone is made once.
   */
  public Object attachment() {
    return attachment;
  }

  /** Keeps {@code attachment} with this path (see {@link #attachment()}). */
  public void attach(Object attachment) {
    this.attachment = attachment;
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
