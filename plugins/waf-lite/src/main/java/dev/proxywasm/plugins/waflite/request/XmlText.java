package dev.proxywasm.plugins.waflite.request;

/**
 * Extracts what Coraza's XML body processor exposes as {@code XML:/*}: text content and
 * attribute values (entities are left for the decoding transformations). A lexical scan, not a
 * validating parser: it must read anything, including documents crafted to break parsers.
 */
public final class XmlText {
  private XmlText() {}

  /** Feeds text nodes and attribute values of {@code xml} to {@code sink}, named {@code XML:/*}. */
  public static void extract(String xml, ArgumentSink sink) {
    int n = xml.length();
    int i = 0;
    while (i < n) {
      int lt = xml.indexOf('<', i);
      int textEnd = lt < 0 ? n : lt;
      emitText(xml, i, textEnd, sink);
      if (lt < 0) {
        return;
      }
      if (xml.startsWith("<![CDATA[", lt)) {
        int close = xml.indexOf("]]>", lt);
        int end = close < 0 ? n : close;
        emitText(xml, lt + 9, end, sink);
        i = close < 0 ? n : close + 3;
        continue;
      }
      if (xml.startsWith("<!--", lt)) {
        int close = xml.indexOf("-->", lt);
        i = close < 0 ? n : close + 3;
        continue;
      }
      i = readTag(xml, lt + 1, sink);
    }
  }

  private static int readTag(String xml, int from, ArgumentSink sink) {
    int n = xml.length();
    int i = from;
    while (i < n) {
      char c = xml.charAt(i);
      if (c == '>') {
        return i + 1;
      }
      if (c == '"' || c == '\'') {
        int close = xml.indexOf(c, i + 1);
        int end = close < 0 ? n : close;
        if (end > i + 1) {
          sink.accept("XML:/*", xml.substring(i + 1, end));
        }
        i = close < 0 ? n : close + 1;
      } else {
        i++;
      }
    }
    return n;
  }

  private static void emitText(String xml, int from, int to, ArgumentSink sink) {
    int a = from;
    int b = to;
    while (a < b && xml.charAt(a) <= ' ') {
      a++;
    }
    while (b > a && xml.charAt(b - 1) <= ' ') {
      b--;
    }
    if (b > a) {
      sink.accept("XML:/*", xml.substring(a, b));
    }
  }
}
