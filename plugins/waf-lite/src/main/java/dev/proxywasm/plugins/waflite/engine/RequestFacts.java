package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.request.ContentType;
import dev.proxywasm.plugins.waflite.request.CookieParser;
import dev.proxywasm.plugins.waflite.request.FormParser;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import dev.proxywasm.plugins.waflite.request.JsonArguments;
import dev.proxywasm.plugins.waflite.request.JsonPath;
import dev.proxywasm.plugins.waflite.request.MultipartParser;
import dev.proxywasm.plugins.waflite.request.MultipartPart;
import dev.proxywasm.plugins.waflite.request.XmlText;
import dev.proxywasm.plugins.waflite.transform.PathNormaliser;
import dev.proxywasm.plugins.waflite.transform.UrlDecoder;

/**
 * A request taken apart into the values rules inspect (CRS's variables), each parsed once:
 * {@link #headerTargets()} from the request line and headers, {@link #bodyTargets()} from the
 * body, plus the facts protocol rules need (content type, multipart parts, parse errors).
 */
public final class RequestFacts {
  /** {@link #headerKind}'s answer for the Cookie header, whose pairs are values of their own. */
  private static final int COOKIE = -1;
  // Per VM, made at first use (no static initialiser: TeaVM would check it at every call).
  private static final int NAME_TARGET_BITS = 8;
  private static Target[] nameTargets;
  private static int[] nameKinds;
  private final HttpRequest request;
  private final ContentType contentType;
  // One plain array, read by the engine by index (ArrayList's add and get cost TeaVM a call, a
  // bounds check and a cast each, per value and phase): the values from the request line and
  // headers, then from the body.
  private Target[] targets = new Target[128];
  private int targetCount;
  private final int headerTargetCount;
  private final String path;
  private MultipartParser multipart;
  private String bodyError;
  private boolean bodyParsed;

  /** Parses the request line and headers of {@code request}. */
  public RequestFacts(HttpRequest request) {
    this.request = request;
    this.contentType = ContentType.parse(request.header("content-type"));
    this.path = PathNormaliser.normalise(UrlDecoder.decode(request.rawPath()));
    add(new Target(TargetKind.PATH, "REQUEST_FILENAME", path));
    add(new Target(TargetKind.RAW_URI, "REQUEST_URI_RAW", request.uri()));
    FormParser.parse(request.query(), this::addQueryArgument);
    for (int i = 0; i < request.headerCount(); i++) {
      String name = request.headerName(i);
      String value = request.headerValue(i);
      // The name's target and kind, kept per name String: the SDK hands the same String for a
      // name it decoded before, and a name's target depends on the name alone (its lazily
      // computed forms on its value alone), so every request after the first spares an
      // object, the name's comparisons and its scan.
      int slot = name.hashCode() * 0x9e3779b1 >>> (32 - NAME_TARGET_BITS);
      Target[] targets = nameTargets;
      if (targets == null) {
        nameTargets = targets = new Target[1 << NAME_TARGET_BITS];
        nameKinds = new int[1 << NAME_TARGET_BITS];
      }
      Target nameTarget = targets[slot];
      if (nameTarget == null || nameTarget.value() != name) {
        targets[slot] = nameTarget = new Target(TargetKind.HEADER_NAMES, "REQUEST_HEADERS_NAMES", name, name);
        nameKinds[slot] = headerKind(name);
      }
      int kind = nameKinds[slot];
      add(nameTarget);
      if (kind == COOKIE) {
        CookieParser.parse(value, this::addCookie);
        continue;
      }
      add(new Target(kind, "REQUEST_HEADERS", name, value));
    }
    headerTargetCount = targetCount;
  }

  private void addQueryArgument(String name, String value) {
    add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", name, name));
    add(new Target(TargetKind.ARGS, "ARGS", name, value));
  }

  private void addCookie(String name, String value) {
    add(new Target(TargetKind.COOKIE_NAMES, "REQUEST_COOKIES_NAMES", name, name));
    add(new Target(TargetKind.COOKIES, "REQUEST_COOKIES", name, value));
  }

  private void addBodyArgument(String name, String value) {
    add(new Target(TargetKind.ARGS, "ARGS", name, value));
  }

  private void addBodyArgumentName(String name, String value) {
    add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", name, value));
  }

  private void add(Target target) {
    if (targetCount == targets.length) {
      Target[] grown = new Target[2 * targetCount];
      System.arraycopy(targets, 0, grown, 0, targetCount);
      targets = grown;
    }
    targets[targetCount++] = target;
  }

  /**
   * The {@link TargetKind} of the value of header {@code name}, or {@link #COOKIE}: the length
   * picks the one or two names worth comparing.
   */
  private static int headerKind(String name) {
    switch (name.length()) {
      case 6:
        return CharClass.equalsIgnoreCase(name, "cookie") ? COOKIE : TargetKind.HEADERS;
      case 7:
        return CharClass.equalsIgnoreCase(name, "referer") ? TargetKind.HEADERS | TargetKind.UA_REFERER
            : TargetKind.HEADERS;
      case 10:
        if (CharClass.equalsIgnoreCase(name, "user-agent")) {
          return TargetKind.HEADERS | TargetKind.UA_REFERER;
        }
        // x-filename, x_filename, x.filename
        return CharClass.regionMatchesIgnoreCase(name, 2, "filename", 0, 8)
            && (name.charAt(0) == 'x' || name.charAt(0) == 'X')
            && (name.charAt(1) == '-' || name.charAt(1) == '_' || name.charAt(1) == '.')
            ? TargetKind.HEADERS | TargetKind.FILENAMES : TargetKind.HEADERS;
      case 11:
        return CharClass.equalsIgnoreCase(name, "x-file-name") ? TargetKind.HEADERS | TargetKind.FILENAMES
            : TargetKind.HEADERS;
      default:
        return TargetKind.HEADERS;
    }
  }

  /**
   * Parses the body according to the Content-Type (form, JSON, multipart, XML; anything else
   * is inspected as one text value, and a body without a Content-Type also as a form, since
   * that is how most back ends will read it).
   */
  public void parseBody() {
    if (bodyParsed) {
      return;
    }
    bodyParsed = true;
    if (!request.hasBody()) {
      return;
    }
    // A JSON body is parsed from its bytes: its Latin-1 text is only made when it fails to parse.
    if (contentType != null && contentType.isJson()) {
      bodyError = JsonArguments.parse(request.bodyUtf8(), this::addJsonArgument);
      if (bodyError != null) {
        add(new Target(TargetKind.BODY, "REQUEST_BODY", request.body()));
      }
      return;
    }
    String body = request.body();
    if (contentType == null) {
      FormParser.parse(body, this::addFormField);
      add(new Target(TargetKind.BODY, "REQUEST_BODY", body));
    } else if (contentType.isForm()) {
      FormParser.parse(body, this::addFormField);
    } else if (contentType.isMultipart()) {
      multipart = MultipartParser.parse(body, contentType.parameter("boundary"));
      bodyError = multipart.error();
      for (MultipartPart part : multipart.parts()) {
        add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", part.name(), part.name()));
        if (part.filename() != null) {
          add(new Target(TargetKind.FILENAMES, "FILES", part.name(), part.filename()));
        } else {
          add(new Target(TargetKind.ARGS, "ARGS", part.name(), part.value()));
        }
      }
    } else if (contentType.isXml()) {
      XmlText.extract(body, this::addBodyArgument);
    } else {
      add(new Target(TargetKind.BODY, "REQUEST_BODY", body));
    }
  }

  private void addJsonArgument(JsonPath path, String text, boolean isKey) {
    add(isKey ? keyTarget(path, text) : new Target(TargetKind.ARGS, "ARGS", path, text));
  }

  /**
   * The ARGS_NAMES target of JSON key {@code key} at {@code path}, made once per path: JSON
   * paths are shared across bodies (see {@link JsonPath}) and a key's target depends on its
   * path alone (the key is the path's last segment), while a target's lazily computed forms
   * depend on its value alone. Reusing it spares an object per key and, after the first body,
   * its scan.
   */
  private static Target keyTarget(JsonPath path, String key) {
    Target target = (Target) path.attachment();
    if (target == null) {
      target = new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", path, key);
      path.attach(target);
    }
    return target;
  }

  private void addFormField(String name, String value) {
    addBodyArgumentName(name, name);
    addBodyArgument(name, value);
  }

  /** The request. */
  public HttpRequest request() {
    return request;
  }

  /** The parsed Content-Type, or null. */
  public ContentType contentType() {
    return contentType;
  }

  /** The decoded, normalised path. */
  public String path() {
    return path;
  }

  /** Values from the request line and headers, in an array of their own. */
  public Target[] headerTargets() {
    return copy(0, headerTargetCount);
  }

  /** Values from the body (none until {@link #parseBody()}), in an array of their own. */
  public Target[] bodyTargets() {
    return copy(headerTargetCount, targetCount);
  }

  private Target[] copy(int from, int to) {
    Target[] copy = new Target[to - from];
    System.arraycopy(targets, from, copy, 0, to - from);
    return copy;
  }

  /** Every value, for the engine: {@link #headerTargets()} then {@link #bodyTargets()}. */
  Target[] targets() {
    return targets;
  }

  /** Where the body's values start in {@link #targets()}. */
  int headerTargetCount() {
    return headerTargetCount;
  }

  /** How many values {@link #targets()} holds. */
  int targetCount() {
    return targetCount;
  }

  /** The multipart parse, or null when the body is not multipart. */
  public MultipartParser multipart() {
    return multipart;
  }

  /** Why the body could not be parsed, or null. */
  public String bodyError() {
    return bodyError;
  }
}
