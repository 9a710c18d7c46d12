package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/**
 * CRS 941: cross-site scripting. The core check reads the value as an HTML tokenizer would:
 * a tag that executes script by itself, or any tag carrying an event handler or a script URL.
 * Plain markup ({@code <b>}, {@code <a href="/x">}) and text with {@code <} are not flagged.
 */
final class XssRules {
  private static final int TARGETS = TargetKind.INJECTION | TargetKind.PATH | TargetKind.HEADERS;
  /** Tags that run script or load active content without any attribute help. */
  private static final KeywordSet ACTIVE_TAGS = KeywordSet.parse(
      "script|iframe|frame|frameset|object|embed|applet|meta|base|link|style|svg|math|isindex"
          + "|xss|vmlframe|import|xml|bgsound|template|portal|animate|set|handler|listener");
  private static final KeywordSet BLACKLIST = KeywordSet.parse(
      "document.cookie|document.write|document.domain|.parentnode|.innerhtml|.outerhtml"
          + "|window.location|document.location|-moz-binding|<![cdata[|.fromcharcode"
          + "|window.open|.appendchild|.createelement|document.body|location.href|location.hash");
  private static final KeywordSet JS_CALLS = KeywordSet.parse(
      "eval|settimeout|setinterval|alert|prompt|confirm|atob|btoa|execscript|msgbox|import"
          + "|fetch|constructor|unescape|escape|decodeuricomponent|string.fromcharcode");
  /** Tags attackers spell out with spaces or a namespace ({@code <f o r m}, {@code < x: script}). */
  private static final KeywordSet SPACED_TAGS = KeywordSet.parse(
      "script|form|dialog|iframe|object|embed|img|svg|style|link|meta|base|input|button|body"
          + "|frame|applet|video|audio|details|marquee|math|template|isindex");
  private static final KeywordSet ATTRIBUTE_VECTORS = KeywordSet.parse(
      "xlink:href|formaction=|formaction =|<!entity|xmlns:xlink|xhtml:|xml:base|!entity");
  private static final KeywordSet GLOBALS = KeywordSet.parse(
      "window|self|this|top|parent|frames|globalthis|document|content");

  /** What an event handler's name starts with (eventHandler searches for it first). */
  private static final KeywordSet ON = KeywordSet.parse("on");
  /**
   * What scriptUrl finds nothing without: a script scheme or a data: URL, or a tab or line
   * break that may split one.
   */
  private static final KeywordSet SCRIPT_URL = KeywordSet.parse("script|data:|\t|\n|\r");
  private static final String[] SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"};

  // An acceptor as a constant: TeaVM would allocate a method reference per evaluation.
  private static final KeywordSet.Acceptor JS_CALL = XssRules::isJsCall;
  private XssRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(941100, "XSS Attack Detected via libinjection-style HTML tokens",
        TARGETS, t -> htmlInjection(t.lower())));
    rules.add(Rule.values(941110, "XSS Filter - Category 1: Script Tag Vector", TARGETS, t -> {
      String s = t.lower();
      int at = CharClass.indexOf(s, "<script", 0);
      return at >= 0 ? "<script" : null;
    }));
    rules.add(Rule.values(941120, "XSS Filter - Category 2: Event Handler Vector", TARGETS,
        t -> eventHandler(t.lower(), false)).needsKeyword(ON));
    rules.add(Rule.values(941130, "XSS Filter - Category 3: Attribute Vector", TARGETS,
        t -> ATTRIBUTE_VECTORS.find(t.lower(), KeywordSet.ANYWHERE)).needsKeyword(ATTRIBUTE_VECTORS));
    rules.add(Rule.values(941170, "NoScript XSS InjectionChecker: Attribute Injection", TARGETS,
        t -> scriptUrl(t.lower(), t.signature())).needsKeyword(SCRIPT_URL));
    rules.add(Rule.values(941180, "Node-Validator Deny List Keywords", TARGETS,
        t -> BLACKLIST.find(t.lower(), KeywordSet.ANYWHERE)).needsKeyword(BLACKLIST));
    rules.add(Rule.values(941310, "US-ASCII Malformed Encoding XSS Filter", TARGETS, t -> {
      String v = t.value();
      int a = v.indexOf('\u00bc');
      return a >= 0 && v.indexOf('\u00be', a) > a ? "\u00bc...\u00be" : null;
    }).needsNonAscii());
    rules.add(Rule.values(941360, "JSFuck / Hieroglyphy obfuscation detected", TARGETS, t -> {
      String s = t.lower();
      // Each form holds "[]": one search spares most values the three.
      return CharClass.contains(s, "[]") && (CharClass.contains(s, "![]") || CharClass.contains(s, "!+[]") || CharClass.contains(s, "[]+[]")) ? "![]" : null;
    }));
    rules.add(Rule.values(941370, "JavaScript global variable found", TARGETS, XssRules::globalAccess));
    rules.add(Rule.values(941390, "Javascript method detected", TARGETS,
        t -> t.lower().indexOf('(') < 0 && t.lower().indexOf('`') < 0 ? null
            : JS_CALLS.find(t.lower(), JS_CALL)).needsKeyword(JS_CALLS));
  }

  /** A tag the browser would act on: an active tag, or any tag with a handler or script URL. */
  static String htmlInjection(String s) {
    int at = s.indexOf('<');
    while (at >= 0) {
      int i = at + 1;
      if (i < s.length() && s.charAt(i) == '/') {
        i++;
      }
      int nameStart = i;
      while (i < s.length() && (CharClass.isWord(s.charAt(i)) || s.charAt(i) == ':'
          || s.charAt(i) == '-')) {
        i++;
      }
      if (i > nameStart && CharClass.isLetter(s.charAt(nameStart))) {
        String name = s.substring(nameStart, i);
        int colon = name.indexOf(':');
        String local = colon >= 0 ? name.substring(colon + 1) : name;
        boolean delimited = i >= s.length() || !CharClass.isWord(s.charAt(i));
        if (delimited && ACTIVE_TAGS.contains(local)) {
          return "<" + name;
        }
        int close = s.indexOf('>', i);
        String attributes = s.substring(i, close < 0 ? s.length() : close);
        if (eventHandler(attributes, true) != null || scriptUrl(attributes, -1) != null
            || CharClass.contains(attributes, "style=") && CharClass.contains(attributes, "expression(")) {
          return CharClass.clip(s.substring(at), 32);
        }
      }
      String spaced = spacedTag(s, at + 1);
      if (spaced != null) {
        return spaced;
      }
      at = s.indexOf('<', at + 1);
    }
    return null;
  }

  /** A tag name broken up by spaces or a namespace prefix, as browsers of old accepted. */
  private static String spacedTag(String s, int from) {
    StringBuilder name = new StringBuilder(12);
    boolean broken = false;
    for (int i = from; i < s.length() && name.length() < 12; i++) {
      char c = s.charAt(i);
      if (CharClass.isLetter(c)) {
        name.append(c);
      } else if (c == ' ' || c == ':' || c == '\t') {
        broken |= name.length() > 0 || c == ' ';
        if (c == ':') {
          name.setLength(0);
        }
      } else {
        break;
      }
      if (broken && SPACED_TAGS.contains(name.toString())
          && (i + 1 >= s.length() || !CharClass.isLetter(s.charAt(i + 1)))) {
        return "<" + name;
      }
    }
    return null;
  }

  /** {@code on<name>=}, preceded by a separator (not inside a word like "button="). */
  static String eventHandler(String s, boolean inTag) {
    int at = CharClass.indexOf(s, "on", 0);
    while (at >= 0) {
      boolean boundary = at == 0 ? inTag : isHandlerSeparator(s.charAt(at - 1));
      if (boundary) {
        int i = at + 2;
        while (i < s.length() && CharClass.isLetter(s.charAt(i))) {
          i++;
        }
        int letters = i - at - 2;
        int j = i;
        while (j < s.length() && (CharClass.isSpace(s.charAt(j)) || s.charAt(j) == '/'
            || s.charAt(j) == ';' || s.charAt(j) == ',' || s.charAt(j) == '(')) {
          j++;
        }
        if (letters >= 3 && letters <= 25 && j < s.length() && s.charAt(j) == '='
            && (j + 1 >= s.length() || s.charAt(j + 1) != '=')
            && (inTag || j + 1 < s.length())) {
          return s.substring(at, j + 1);
        }
      }
      at = CharClass.indexOf(s, "on", at + 2);
    }
    return null;
  }

  private static boolean isHandlerSeparator(char c) {
    return CharClass.isSpace(c) || c == '"' || c == '\'' || c == '`' || c == ';' || c == '/'
        || CharClass.isDigit(c) || c == '=' || c == ',' || c == '(';
  }

  /**
   * {@code javascript:}/{@code vbscript:} followed by code, {@code data:text/html,...<tag>}.
   * {@code signature} covers {@code text} ({@link CharacterSignature}; -1 when unknown): it
   * spares the searches for tabs and line breaks in values that have none.
   */
  static String scriptUrl(String text, int signature) {
    // Schemes split by tabs/newlines (v&Tab;bscript:) still work in browsers.
    String s = text;
    if ((signature & CharacterSignature.SPACE) != 0 && s.indexOf(':') >= 0 && (s.indexOf('\t') >= 0
        || (signature & CharacterSignature.LINE_BREAK) != 0 && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0))) {
      StringBuilder compact = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\t' && c != '\n' && c != '\r') {
          compact.append(c);
        }
      }
      s = compact.toString();
    }
    // Every vector below names a script scheme or a data: URL; most values have neither.
    if (CharClass.indexOf(s, "script", 0) < 0 && CharClass.indexOf(s, "data:", 0) < 0) {
      return null;
    }
    if (CharClass.contains(s, "url(javascript") || CharClass.contains(s, "url(vbscript")) {
      return "url(javascript";
    }
    for (String scheme : SCRIPT_SCHEMES) {
      int at = s.indexOf(scheme);
      while (at >= 0) {
        int i = CharClass.skipSpaces(s, at + scheme.length());
        if (i < s.length() && s.charAt(i) == ':' && (at == 0 || !CharClass.isLetter(s.charAt(at - 1)))) {
          String rest = s.substring(i + 1);
          for (int k = 0; k < rest.length(); k++) {
            char c = rest.charAt(k);
            if (c == '=' || c == '\\' || c == '(' || c == '[' || c == '.' || c == '<' || c == '`') {
              return scheme + ":";
            }
          }
        }
        at = s.indexOf(scheme, at + 1);
      }
    }
    int at = CharClass.indexOf(s, "data:", 0);
    if (at >= 0 && (at == 0 || !CharClass.isLetter(s.charAt(at - 1)))) {
      String rest = s.substring(at + 5);
      if ((rest.startsWith("text/html") || rest.startsWith("image/svg") || rest.startsWith("application/"))
          && (CharClass.contains(rest, "base64") || rest.indexOf('<') >= 0)) {
        return "data:";
      }
    }
    return null;
  }

  private static String globalAccess(Target t) {
    String s = t.lower();
    return GLOBALS.find(s, (text, a, b) -> {
      if (a > 0 && (CharClass.isWord(text.charAt(a - 1)) || text.charAt(a - 1) == '.')) {
        return false;
      }
      int i = CharClass.skipSpacesAndComments(text, b);
      if (i >= text.length() || text.charAt(i) != '[') {
        return false;
      }
      int close = text.indexOf(']', i);
      if (close < 0) {
        return false;
      }
      String inside = text.substring(i + 1, close);
      return inside.indexOf('"') >= 0 || inside.indexOf('\'') >= 0 || inside.indexOf('`') >= 0
          || inside.indexOf('+') >= 0;
    });
  }

  private static boolean isJsCall(String text, int start, int end) {
    if (start > 0 && (CharClass.isWord(text.charAt(start - 1)) || text.charAt(start - 1) == '-')) {
      return false;
    }
    int i = CharClass.skipSpacesAndComments(text, end);
    if (i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    if (c == '`') {
      return true;
    }
    if (c != '(') {
      return false;
    }
    int close = text.indexOf(')', i);
    if (close < 0) {
      return false;
    }
    // alert(1), eval(name), prompt`x`: an argument that is code-ish, not prose in brackets.
    String arg = text.substring(i + 1, close).trim();
    if (arg.isEmpty()) {
      return true;
    }
    for (int k = 0; k < arg.length(); k++) {
      char a = arg.charAt(k);
      if (CharClass.isSpace(a) && !(k > 0 && arg.charAt(k - 1) == ',')) {
        return false;
      }
    }
    return true;
  }
}
