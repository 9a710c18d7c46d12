package dev.proxywasm.plugins.waflite.request;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code multipart/form-data} body into parts. Tolerant of LF-only line ends (as
 * ModSecurity is); anything it cannot make sense of is reported as an error instead of being
 * skipped silently, because a body the WAF cannot parse may be parsed differently by the backend.
 */
public final class MultipartParser {
  private final List<MultipartPart> parts = new ArrayList<>();
  private String error;

  private MultipartParser() {}

  /** Parses {@code body} split by {@code boundary}. */
  public static MultipartParser parse(String body, String boundary) {
    MultipartParser parser = new MultipartParser();
    if (boundary == null || boundary.isEmpty()) {
      parser.error = "multipart boundary missing";
      return parser;
    }
    parser.split(body, "--" + boundary);
    return parser;
  }

  /** The parts found, in order. */
  public List<MultipartPart> parts() {
    return parts;
  }

  /** Why the body is malformed, or null. */
  public String error() {
    return error;
  }

  private void split(String body, String delimiter) {
    int at = body.indexOf(delimiter);
    if (at < 0) {
      error = "multipart boundary not found";
      return;
    }
    while (true) {
      int after = at + delimiter.length();
      if (body.startsWith("--", after)) {
        return;
      }
      int headersStart = skipLineEnd(body, after);
      if (headersStart < 0) {
        error = "multipart part header malformed";
        return;
      }
      int next = body.indexOf(delimiter, headersStart);
      if (next < 0) {
        error = "multipart final boundary missing";
        next = body.length();
      }
      readPart(body, headersStart, next);
      if (next >= body.length() || error != null) {
        return;
      }
      at = next;
    }
  }

  private static int skipLineEnd(String body, int at) {
    int i = at;
    while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) {
      i++;
    }
    if (body.startsWith("\r\n", i)) {
      return i + 2;
    }
    if (body.startsWith("\n", i)) {
      return i + 1;
    }
    return -1;
  }

  private void readPart(String body, int start, int end) {
    String name = "";
    String filename = null;
    String contentType = null;
    String encoding = null;
    int i = start;
    while (i < end) {
      int lineEnd = body.indexOf('\n', i);
      if (lineEnd < 0 || lineEnd > end) {
        lineEnd = end;
      }
      int contentEnd = lineEnd > i && body.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
      if (contentEnd == i) {
        i = lineEnd + 1;
        break;
      }
      String line = body.substring(i, contentEnd);
      int colon = line.indexOf(':');
      if (colon > 0) {
        String header = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (CharClass.equalsIgnoreCase(header, "content-disposition")) {
          String n = dispositionParameter(value, "name");
          name = n == null ? "" : n;
          filename = dispositionParameter(value, "filename");
        } else if (CharClass.equalsIgnoreCase(header, "content-type")) {
          contentType = value;
        } else if (CharClass.equalsIgnoreCase(header, "content-transfer-encoding")) {
          encoding = value;
        }
      } else {
        error = "multipart part header malformed";
      }
      i = lineEnd + 1;
    }
    int valueEnd = end;
    if (valueEnd > i && body.charAt(valueEnd - 1) == '\n') {
      valueEnd--;
      if (valueEnd > i && body.charAt(valueEnd - 1) == '\r') {
        valueEnd--;
      }
    }
    parts.add(new MultipartPart(name, filename, contentType, encoding,
        i < valueEnd ? body.substring(i, valueEnd) : ""));
  }

  /** A parameter of a Content-Disposition value; quoted values may contain {@code ;}. */
  static String dispositionParameter(String value, String parameter) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      int semi = value.indexOf(';', i);
      if (semi < 0) {
        return null;
      }
      int from = semi + 1;
      while (from < n && value.charAt(from) == ' ') {
        from++;
      }
      int eq = value.indexOf('=', from);
      if (eq < 0) {
        return null;
      }
      String key = value.substring(from, eq).trim();
      int valueStart = eq + 1;
      int valueEnd;
      String result;
      if (valueStart < n && value.charAt(valueStart) == '"') {
        int close = value.indexOf('"', valueStart + 1);
        valueEnd = close < 0 ? n : close;
        result = value.substring(valueStart + 1, valueEnd);
        valueEnd = close < 0 ? n : close + 1;
      } else {
        int s = value.indexOf(';', valueStart);
        valueEnd = s < 0 ? n : s;
        result = value.substring(valueStart, valueEnd).trim();
      }
      if (CharClass.equalsIgnoreCase(key, parameter)) {
        return result;
      }
      i = valueEnd;
    }
    return null;
  }
}
