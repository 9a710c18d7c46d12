package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.request.ContentType;
import dev.proxywasm.plugins.waflite.request.CookieParser;
import dev.proxywasm.plugins.waflite.request.FormParser;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import dev.proxywasm.plugins.waflite.request.JsonArguments;
import dev.proxywasm.plugins.waflite.request.MultipartParser;
import dev.proxywasm.plugins.waflite.request.MultipartPart;
import dev.proxywasm.plugins.waflite.request.XmlText;
import dev.proxywasm.plugins.waflite.transform.PathNormaliser;
import dev.proxywasm.plugins.waflite.transform.UrlDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A request taken apart into the values rules inspect (CRS's variables), each parsed once:
 * {@link #headerTargets()} from the request line and headers, {@link #bodyTargets()} from the
 * body, plus the facts protocol rules need (content type, multipart parts, parse errors).
 */
public final class RequestFacts {
  private final HttpRequest request;
  private final ContentType contentType;
  private final List<Target> headerTargets = new ArrayList<>();
  private final List<Target> bodyTargets = new ArrayList<>();
  private final String path;
  private MultipartParser multipart;
  private String bodyError;
  private boolean bodyParsed;

  /** Parses the request line and headers of {@code request}. */
  public RequestFacts(HttpRequest request) {
    this.request = request;
    this.contentType = ContentType.parse(request.header("content-type"));
    this.path = PathNormaliser.normalise(UrlDecoder.decode(request.rawPath()));
    headerTargets.add(new Target(TargetKind.PATH, "REQUEST_FILENAME", path));
    headerTargets.add(new Target(TargetKind.RAW_URI, "REQUEST_URI_RAW", request.uri()));
    FormParser.parse(request.query(), this::addQueryArgument);
    for (int i = 0; i < request.headerCount(); i++) {
      String name = request.headerName(i);
      String value = request.headerValue(i);
      headerTargets.add(new Target(TargetKind.HEADER_NAMES, "REQUEST_HEADERS_NAMES", name, name));
      if (CharClass.equalsIgnoreCase(name, "cookie")) {
        CookieParser.parse(value, this::addCookie);
        continue;
      }
      int kind = TargetKind.HEADERS;
      if (CharClass.equalsIgnoreCase(name, "user-agent") || CharClass.equalsIgnoreCase(name, "referer")) {
        kind |= TargetKind.UA_REFERER;
      }
      if (isFilenameHeader(name)) {
        kind |= TargetKind.FILENAMES;
      }
      headerTargets.add(new Target(kind, "REQUEST_HEADERS", name, value));
    }
  }

  private void addQueryArgument(String name, String value) {
    headerTargets.add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", name, name));
    headerTargets.add(new Target(TargetKind.ARGS, "ARGS", name, value));
  }

  private void addCookie(String name, String value) {
    headerTargets.add(new Target(TargetKind.COOKIE_NAMES, "REQUEST_COOKIES_NAMES", name, name));
    headerTargets.add(new Target(TargetKind.COOKIES, "REQUEST_COOKIES", name, value));
  }

  private void addBodyArgument(String name, String value) {
    bodyTargets.add(new Target(TargetKind.ARGS, "ARGS", name, value));
  }

  private void addBodyArgumentName(String name, String value) {
    bodyTargets.add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", name, value));
  }

  private static boolean isFilenameHeader(String name) {
    int n = name.length();
    if (n == 11) {
      return CharClass.equalsIgnoreCase(name, "x-file-name");
    }
    // x-filename, x_filename, x.filename
    return n == 10 && CharClass.regionMatchesIgnoreCase(name, 2, "filename", 0, 8)
        && (name.charAt(0) == 'x' || name.charAt(0) == 'X')
        && (name.charAt(1) == '-' || name.charAt(1) == '_' || name.charAt(1) == '.');
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
      bodyError = JsonArguments.parse(request.bodyUtf8(), this::addBodyArgumentName, this::addBodyArgument);
      if (bodyError != null) {
        bodyTargets.add(new Target(TargetKind.BODY, "REQUEST_BODY", request.body()));
      }
      return;
    }
    String body = request.body();
    if (contentType == null) {
      FormParser.parse(body, this::addFormField);
      bodyTargets.add(new Target(TargetKind.BODY, "REQUEST_BODY", body));
    } else if (contentType.isForm()) {
      FormParser.parse(body, this::addFormField);
    } else if (contentType.isMultipart()) {
      multipart = MultipartParser.parse(body, contentType.parameter("boundary"));
      bodyError = multipart.error();
      for (MultipartPart part : multipart.parts()) {
        bodyTargets.add(new Target(TargetKind.ARG_NAMES, "ARGS_NAMES", part.name(), part.name()));
        if (part.filename() != null) {
          bodyTargets.add(new Target(TargetKind.FILENAMES, "FILES", part.name(), part.filename()));
        } else {
          bodyTargets.add(new Target(TargetKind.ARGS, "ARGS", part.name(), part.value()));
        }
      }
    } else if (contentType.isXml()) {
      XmlText.extract(body, this::addBodyArgument);
    } else {
      bodyTargets.add(new Target(TargetKind.BODY, "REQUEST_BODY", body));
    }
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

  /** Values from the request line and headers. */
  public List<Target> headerTargets() {
    return headerTargets;
  }

  /** Values from the body (empty until {@link #parseBody()}). */
  public List<Target> bodyTargets() {
    return bodyTargets;
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
