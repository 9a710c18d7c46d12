package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.RequestFacts;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Severity;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import dev.proxywasm.plugins.waflite.request.ContentType;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import dev.proxywasm.plugins.waflite.request.MultipartPart;
import java.util.List;

/**
 * CRS 911 (method), 920 (protocol enforcement), 921 (protocol attacks: smuggling, response
 * splitting, header injection) and 922 (multipart attacks), plus the body-parse checks of
 * Coraza's recommended configuration (200002/200003).
 */
final class ProtocolRules {
  private static final KeywordSet RESTRICTED_EXTENSIONS = KeywordSet.parse(
      "asa|asax|ascx|backup|bak|bat|cdx|cer|cfg|cmd|com|config|conf|cs|csproj|csr|dat|db|dbf|dll"
          + "|dos|htr|htw|ida|idc|idq|inc|ini|key|licx|lnk|log|mdb|old|pass|pdb|pol|printer|pwd"
          + "|rdb|resources|resx|sql|swp|sys|vb|vbs|vbproj|vsdisco|webinfo|xsd|xsx");
  private static final int PIPE = CharacterSignature.of("|");
  private static final int SLASH = CharacterSignature.of("/");
  private static final int LESS_THAN = CharacterSignature.of("<");
  private static final int OPEN_PARENTHESIS = CharacterSignature.of("(");
  private static final KeywordSet RESTRICTED_HEADERS = KeywordSet.parse(
      "proxy|lock-token|content-range|if|x-http-method-override|x-http-method|x-method-override"
          + "|x-middleware-subrequest");
  /**
   * Bit n set when a name of {@link #RESTRICTED_HEADERS} has n characters (2, 5, 10, 13, 17,
   * 22, 23): most header names have another length, and are passed over without being read.
   */
  private static final long RESTRICTED_HEADER_LENGTHS =
      1L << 2 | 1L << 5 | 1L << 10 | 1L << 13 | 1L << 17 | 1L << 22 | 1L << 23;
  private static final KeywordSet HTTP_METHODS = KeywordSet.parse(
      "get|post|head|options|connect|put|delete|trace|track|patch|propfind|proppatch|mkcol"
          + "|copy|move|lock|unlock");
  private static final KeywordSet SPLITTING_HEADERS = KeywordSet.parse(
      "content-type|content-length|set-cookie|location|refresh|content-disposition"
          + "|access-control-allow-origin|x-xss-protection|remote-addr|host|transfer-encoding");
  private static final int ARGS = TargetKind.ARGS | TargetKind.ARG_NAMES;

  private ProtocolRules() {}

  static void addTo(List<Rule> rules, ProtocolPolicy policy) {
    rules.add(Rule.request(911100, Severity.CRITICAL, "Method is not allowed by policy",
        facts -> policy.allowsMethod(facts.request().method()) ? null
            : new Target(0, "REQUEST_METHOD", facts.request().method())));
    rules.add(Rule.body(920120, Severity.CRITICAL, "Attempted multipart/form-data bypass",
        ProtocolRules::multipartNameBypass));
    rules.add(Rule.request(920170, Severity.CRITICAL, "GET or HEAD Request with Body Content",
        facts -> {
          HttpRequest r = facts.request();
          String method = r.method();
          // The method first: most requests with a body are not GET or HEAD, and it needs no lookup.
          if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
          }
          String length = r.header("content-length");
          boolean body = length != null && !length.trim().equals("0")
              || r.header("transfer-encoding") != null;
          return body ? new Target(0, "REQUEST_HEADERS:Content-Length", length == null ? "chunked" : length) : null;
        }));
    rules.add(Rule.values(920270, 1, Severity.CRITICAL, "Invalid character in request (null character)",
        ARGS | TargetKind.HEADERS | TargetKind.COOKIES | TargetKind.PATH,
        t -> t.containsNul() ? "\\x00" : null).needsNul());
    rules.add(Rule.request(920280, Severity.WARNING, "Request Missing a Host Header",
        facts -> facts.request().header("host") == null && facts.request().header(":authority") == null
            ? new Target(0, "REQUEST_HEADERS:Host", "") : null));
    rules.add(Rule.request(920420, Severity.CRITICAL, "Request content type is not allowed by policy",
        facts -> {
          ContentType type = facts.contentType();
          return type != null && !policy.allowsContentType(type.mediaType())
              ? new Target(0, "REQUEST_HEADERS:Content-Type", type.header()) : null;
        }));
    rules.add(Rule.request(920440, Severity.CRITICAL, "URL file extension is restricted by policy",
        facts -> {
          // Most paths have no dot at all (one search of a copy); the positions and the
          // extension do not depend on case, so only a hit's extension is lowercased.
          String path = facts.path();
          if (CharClass.indexOf(path, '.', 0) < 0) {
            return null;
          }
          int slash = path.lastIndexOf('/');
          int dot = path.lastIndexOf('.');
          return dot > slash && dot + 1 < path.length()
              && RESTRICTED_EXTENSIONS.containsIgnoringCase(path.substring(dot + 1))
              ? new Target(0, "REQUEST_FILENAME", Target.asciiLowercase(path.substring(dot))) : null;
        }));
    rules.add(Rule.request(920450, Severity.CRITICAL, "HTTP header is restricted by policy",
        facts -> {
          HttpRequest r = facts.request();
          for (int i = 0; i < r.headerCount(); i++) {
            // A shift takes the length modulo 64: a longer name may be read, never one skipped wrongly.
            if ((RESTRICTED_HEADER_LENGTHS >>> r.headerName(i).length() & 1) != 0
                && RESTRICTED_HEADERS.containsIgnoringCase(r.headerName(i))) {
              return new Target(0, "REQUEST_HEADERS_NAMES:" + r.headerName(i),
                  Target.asciiLowercase(r.headerName(i)));
            }
          }
          return null;
        }));
    rules.add(Rule.request(920470, Severity.CRITICAL, "Illegal Content-Type header",
        facts -> facts.contentType() != null && !wellFormedContentType(facts.contentType())
            ? new Target(0, "REQUEST_HEADERS:Content-Type", facts.contentType().header()) : null));
    rules.add(Rule.request(920480, Severity.CRITICAL, "Request content type charset is not allowed by policy",
        facts -> {
          ContentType type = facts.contentType();
          String charset = type == null ? null : type.parameter("charset");
          return charset != null && !policy.allowsCharset(charset)
              ? new Target(0, "REQUEST_HEADERS:Content-Type", charset) : null;
        }));
    rules.add(Rule.request(920500, Severity.CRITICAL, "Attempt to access a backup or working file",
        facts -> {
          String path = facts.path();
          int tilde = CharClass.indexOf(path, '~', 0);
          while (tilde > 0) {
            boolean endOfSegment = tilde + 1 == path.length() || path.charAt(tilde + 1) == '/';
            int dot = path.lastIndexOf('.', tilde);
            int slash = path.lastIndexOf('/', tilde);
            if (endOfSegment && dot > slash && dot < tilde - 1) {
              return new Target(0, "REQUEST_FILENAME", path);
            }
            tilde = CharClass.indexOf(path, '~', tilde + 1);
          }
          return null;
        }));
    rules.add(Rule.request(920520, Severity.CRITICAL, "Accept-Encoding header exceeded sensible length",
        facts -> {
          String value = facts.request().header("accept-encoding");
          return value != null && value.length() > 100
              ? new Target(0, "REQUEST_HEADERS:Accept-Encoding", CharClass.clip(value, 32)) : null;
        }));
    rules.add(Rule.request(920530, Severity.CRITICAL, "Multiple charsets detected in content type header",
        facts -> facts.contentType() != null && facts.contentType().parameterCount("charset") > 1
            ? new Target(0, "REQUEST_HEADERS:Content-Type", facts.contentType().header()) : null));
    rules.add(Rule.request(920600, Severity.CRITICAL, "Illegal Accept header: charset parameter",
        facts -> {
          String accept = facts.request().header("accept");
          // A charset parameter the policy can refuse needs an '=': most Accept headers have none.
          if (accept == null || CharClass.indexOf(accept, '=', 0) < 0) {
            return null;
          }
          String lower = Target.asciiLowercase(accept);
          int at = CharClass.indexOf(lower, "charset", 0);
          while (at >= 0) {
            int eq = CharClass.skipSpaces(lower, at + 7);
            if (eq < lower.length() && lower.charAt(eq) == '=') {
              int end = eq + 1;
              while (end < lower.length() && lower.charAt(end) != ',' && lower.charAt(end) != ';') {
                end++;
              }
              if (!policy.allowsCharset(lower.substring(eq + 1, end))) {
                return new Target(0, "REQUEST_HEADERS:Accept", CharClass.clip(accept, 48));
              }
            }
            at = CharClass.indexOf(lower, "charset", at + 7);
          }
          return null;
        }));
    rules.add(Rule.body(920640, Severity.CRITICAL, "Request body without Content-Type header",
        facts -> {
          return facts.contentType() == null && facts.request().hasBody()
              ? new Target(0, "REQUEST_HEADERS:Content-Type", "") : null;
        }));
    rules.add(Rule.values(921110, 1, Severity.CRITICAL, "HTTP Request Smuggling Attack",
        ARGS | TargetKind.BODY, t -> smuggledRequest(t.lower())));
    rules.add(Rule.values(921120, 1, Severity.CRITICAL, "HTTP Response Splitting Attack",
        ARGS | TargetKind.BODY, t -> hasLineBreak(t) ? splitHeader(t.lower(), true) : null));
    rules.add(Rule.values(921130, 1, Severity.CRITICAL, "HTTP Response Splitting Attack",
        ARGS | TargetKind.BODY, t -> {
          // The signature covers the lowercase value: "http/" needs a '/', the tags a '<'.
          int signature = t.signature();
          String s = t.lower();
          int at = (signature & SLASH) == 0 ? -1 : CharClass.indexOf(s, "http/", 0);
          while (at >= 0) {
            if (at + 5 < s.length() && CharClass.isDigit(s.charAt(at + 5)) && CharClass.wordStart(s, at, at)) {
              return "http/" + s.charAt(at + 5);
            }
            at = CharClass.indexOf(s, "http/", at + 5);
          }
          return (signature & LESS_THAN) != 0 && (CharClass.contains(s, "<html") || CharClass.contains(s, "<meta"))
              ? "<html" : null;
        }));
    rules.add(Rule.values(921140, 1, Severity.CRITICAL, "HTTP Header Injection Attack via headers",
        TargetKind.HEADERS | TargetKind.HEADER_NAMES, t -> {
          // The signature covers the decoded value: no line-break bit, no CR or LF in it.
          if ((t.signature() & CharacterSignature.LINE_BREAK) == 0) {
            return null;
          }
          String s = t.decoded();
          return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? "CR/LF" : null;
        }));
    rules.add(Rule.values(921150, 1, Severity.CRITICAL, "HTTP Header Injection Attack via payload (CR/LF detected)",
        TargetKind.ARG_NAMES, t -> {
          // The signature covers the decoded value: no line-break bit, no CR or LF in it.
          if ((t.signature() & CharacterSignature.LINE_BREAK) == 0) {
            return null;
          }
          String s = t.decoded();
          return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? "CR/LF" : null;
        }));
    rules.add(Rule.values(921160, 1, Severity.CRITICAL, "HTTP Header Injection: CR/LF and header name",
        ARGS, t -> hasLineBreak(t) ? splitHeader(t.lower(), false) : null));
    rules.add(Rule.values(921190, 1, Severity.CRITICAL, "HTTP Splitting (CR/LF in request filename detected)",
        TargetKind.PATH, t -> t.value().indexOf('\n') >= 0 || t.value().indexOf('\r') >= 0 ? "CR/LF" : null));
    rules.add(Rule.values(921200, 1, Severity.CRITICAL, "LDAP Injection Attack",
        ARGS | TargetKind.COOKIES | TargetKind.BODY,
        // Every injected filter opens a parenthesis after the closing one.
        t -> (t.signature() & OPEN_PARENTHESIS) == 0 ? null : ldapInjection(t.lower())));
    rules.add(Rule.values(921240, 1, Severity.CRITICAL, "mod_proxy attack attempt detected",
        TargetKind.RAW_URI, t -> {
          // Needs a '|' (signature first); lower() is the decoded value in ASCII lowercase.
          if ((t.signature() & PIPE) == 0) {
            return null;
          }
          String s = t.lower();
          int at = CharClass.indexOf(s, "unix:", 0);
          return at >= 0 && s.indexOf('|', at) > at ? "unix:" : null;
        }));
    rules.add(Rule.request(921250, Severity.CRITICAL, "Old Cookies V1 usage attempt detected",
        facts -> {
          String cookie = facts.request().header("cookie");
          // Most Cookie headers have no '$': test that before lowercasing and searching.
          return cookie != null && CharClass.indexOf(cookie, '$', 0) >= 0 && Target.asciiLowercase(cookie).contains("$version")
              ? new Target(0, "REQUEST_HEADERS:Cookie", "$Version") : null;
        }));
    rules.add(Rule.request(921421, Severity.CRITICAL, "Content type smuggled outside the mime type",
        facts -> {
          ContentType type = facts.contentType();
          // A header that is a media type alone has no separator (none is a media-type character).
          if (type == null || type.tokenLength() == type.header().length()) {
            return null;
          }
          String h = Target.asciiLowercase(type.header());
          int sep = 0;
          int n = h.length();
          for (; sep < n; sep++) {
            char c = h.charAt(sep); // one call per character: TeaVM's charAt is not inlined
            if (c == ';' || c == ',' || CharClass.isSpace(c)) {
              break;
            }
          }
          String rest = h.substring(sep);
          boolean embedded = CharClass.contains(rest, "json") && CharClass.contains(rest, "application/")
              || CharClass.contains(rest, "application/xml") || CharClass.contains(rest, "application/soap+xml")
              || CharClass.contains(rest, "text/xml");
          return sep < h.length() && embedded ? new Target(0, "REQUEST_HEADERS:Content-Type", type.header()) : null;
        }));
    rules.add(Rule.body(922100, Severity.CRITICAL, "Multipart _charset_ field value is not allowed",
        facts -> {
          if (facts.multipart() == null) {
            return null;
          }
          for (MultipartPart part : facts.multipart().parts()) {
            if (CharClass.equalsIgnoreCase(part.name(), "_charset_") && !policy.allowsCharset(part.value().trim())) {
              return new Target(0, "MULTIPART_PART_HEADERS:_charset_", part.value());
            }
          }
          return null;
        }));
    rules.add(Rule.body(922110, Severity.CRITICAL, "Multipart part charset not allowed",
        facts -> {
          if (facts.multipart() == null) {
            return null;
          }
          for (MultipartPart part : facts.multipart().parts()) {
            ContentType type = ContentType.parse(part.contentType());
            String charset = type == null ? null : type.parameter("charset");
            if (charset != null && !policy.allowsCharset(charset)) {
              return new Target(0, "MULTIPART_PART_HEADERS:" + part.name(), charset);
            }
          }
          return null;
        }));
    rules.add(Rule.body(922120, Severity.CRITICAL, "Content-Transfer-Encoding was deprecated by rfc7578 in 2015",
        facts -> {
          if (facts.multipart() == null) {
            return null;
          }
          for (MultipartPart part : facts.multipart().parts()) {
            if (part.transferEncoding() != null) {
              return new Target(0, "MULTIPART_PART_HEADERS:" + part.name(), part.transferEncoding());
            }
          }
          return null;
        }));
    rules.add(Rule.body(200002, Severity.CRITICAL, "Failed to parse request body",
        facts -> facts.bodyError() != null && facts.multipart() == null
            ? new Target(0, "REQBODY_ERROR", facts.bodyError()) : null));
    rules.add(Rule.body(200003, Severity.CRITICAL, "Multipart request body failed strict validation",
        facts -> facts.bodyError() != null && facts.multipart() != null
            ? new Target(0, "MULTIPART_STRICT_ERROR", facts.bodyError()) : null));
  }

  /** {@code name="a;b"}: a field/file name hiding a second parameter from some parsers. */
  private static Target multipartNameBypass(RequestFacts facts) {
    if (facts.multipart() == null) {
      return null;
    }
    for (MultipartPart part : facts.multipart().parts()) {
      if (part.filename() == null) {
        continue;
      }
      for (String value : new String[] {part.name(), part.filename()}) {
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if ((c == ';' || c == '=') && !afterEntity(value, i)) {
            return new Target(0, "FILES_NAMES:" + part.name(), value);
          }
        }
      }
    }
    return null;
  }

  private static boolean afterEntity(String s, int semicolon) {
    if (s.charAt(semicolon) != ';') {
      return false;
    }
    int amp = s.lastIndexOf('&', semicolon);
    if (amp < 0 || semicolon - amp < 3 || semicolon - amp > 7) {
      return false;
    }
    for (int i = amp + 1; i < semicolon; i++) {
      if (!CharClass.isLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean wellFormedContentType(ContentType type) {
    String header = type.header();
    int n = header.length();
    int i = type.tokenLength();
    if (i == 0) {
      return false;
    }
    while (i < n) {
      if (header.charAt(i) == ' ') {
        i++;
      }
      if (i >= n || header.charAt(i) != ';') {
        return false;
      }
      i++;
      if (i < n && header.charAt(i) == ' ') {
        i++;
      }
      int name = i;
      while (i < n && (CharClass.isLetter(header.charAt(i)) || header.charAt(i) == '-')) {
        i++;
      }
      String param = Target.asciiLowercase(header.substring(name, i));
      if (!(param.equals("action") || param.equals("boundary") || param.equals("charset")
          || param.equals("component") || param.equals("start") || param.equals("start-info")
          || param.equals("type") || param.equals("version"))) {
        return false;
      }
      if (i < n && header.charAt(i) == ' ') {
        i++;
      }
      if (i >= n || header.charAt(i) != '=') {
        return false;
      }
      i++;
      if (i < n && header.charAt(i) == ' ') {
        i++;
      }
      int value = i;
      while (i < n && isParameterValueChar(header.charAt(i))) {
        i++;
      }
      if (i == value) {
        return false;
      }
    }
    return true;
  }

  // Character tests as comparisons: a String.indexOf per character costs a call and a loop.
  private static boolean isParameterValueChar(char c) {
    return CharClass.isWord(c) || c == '\'' || c == '"' || c == '.' || c == '(' || c == ')'
        || c == '+' || c == ',' || c == '/' || c == ':' || c == '=' || c == '?' || c == '<'
        || c == '>' || c == '@' || c == '#' || c == '*' || c == '-';
  }

  /** A request line inside a value: {@code GET /a HTTP/1.1}, or one after a line break. */
  private static String smuggledRequest(String s) {
    return HTTP_METHODS.find(s, (text, a, b) -> {
      boolean lineStart = a == 0 || text.charAt(a - 1) == '\n' || text.charAt(a - 1) == '\r';
      if (!lineStart || b >= text.length() || !CharClass.isSpace(text.charAt(b))) {
        return false;
      }
      int i = CharClass.skipSpaces(text, b);
      int target = i;
      while (i < text.length() && !CharClass.isSpace(text.charAt(i))) {
        i++;
      }
      if (i == target) {
        return false;
      }
      int j = i;
      while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
        j++;
      }
      return text.startsWith("http/", j) || (a > 0 && j < text.length()
          && (text.charAt(j) == '\n' || text.charAt(j) == '\r'));
    });
  }

  /**
   * Whether the decoded value has a CR or LF (its signature covers the decoded value), as
   * {@link #splitHeader} needs: values that reach those rules through a {@code %} mostly do not.
   */
  private static boolean hasLineBreak(Target t) {
    return (t.signature() & CharacterSignature.LINE_BREAK) != 0;
  }

  /** A line break followed by a response header name and a colon. */
  private static String splitHeader(String s, boolean requireValue) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != '\n' && c != '\r') {
        continue;
      }
      if (requireValue) {
        int j = i + 1;
        while (j < n && !CharClass.isWord(s.charAt(j)) && j - i < 8) {
          j++;
        }
        String hit = SPLITTING_HEADERS.find(s.substring(j, Math.min(n, j + 40)), (t, a, b) -> {
          if (a != 0) {
            return false;
          }
          int k = CharClass.skipSpaces(t, b);
          if (k >= t.length() || t.charAt(k) != ':') {
            return false;
          }
          int v = CharClass.skipSpaces(t, k + 1);
          return v < t.length() && CharClass.isWord(t.charAt(v));
        });
        if (hit != null) {
          return hit;
        }
      } else {
        // CR/LF, then a header name (or nothing but whitespace) and a colon.
        int j = i;
        while (j < n && (s.charAt(j) == '\n' || s.charAt(j) == '\r')) {
          j++;
        }
        int k = CharClass.skipSpaces(s, j);
        int nameEnd = k;
        while (nameEnd < n && (CharClass.isWord(s.charAt(nameEnd)) || s.charAt(nameEnd) == '-')) {
          nameEnd++;
        }
        boolean named = nameEnd > k && SPLITTING_HEADERS.contains(s.substring(k, nameEnd));
        int colon = CharClass.skipSpaces(s, named ? nameEnd : k);
        if (colon < n && s.charAt(colon) == ':' && (named || nameEnd == k)) {
          return "CR/LF";
        }
      }
    }
    return null;
  }

  /** {@code *)(uid=*))(|(uid=*}: closing the application's LDAP filter and opening another. */
  private static String ldapInjection(String s) {
    int close = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ')') {
        close = i;
        break;
      }
      if (":(&|!<>~".indexOf(c) >= 0) {
        return null;
      }
    }
    if (close < 0) {
      return null;
    }
    int i = CharClass.skipSpaces(s, close + 1);
    if (i >= s.length()) {
      return null;
    }
    char c = s.charAt(i);
    if (c == '(') {
      int j = CharClass.skipSpaces(s, i + 1);
      if (j < s.length() && "&|!".indexOf(s.charAt(j)) >= 0) {
        return CharClass.clip(s.substring(close), 24);
      }
      int eq = j;
      while (eq < s.length() && ",()=&|!<>~".indexOf(s.charAt(eq)) < 0) {
        eq++;
      }
      if (eq > j && eq < s.length() && (s.charAt(eq) == '=' || (eq + 1 < s.length()
          && "<>~".indexOf(s.charAt(eq)) >= 0 && s.charAt(eq + 1) == '='))) {
        return CharClass.clip(s.substring(close), 24);
      }
    } else if (c == ')') {
      int j = CharClass.skipSpaces(s, i + 1);
      if (j < s.length() && s.charAt(j) == '(') {
        int k = CharClass.skipSpaces(s, j + 1);
        if (k < s.length() && "&|!".indexOf(s.charAt(k)) >= 0) {
          return CharClass.clip(s.substring(close), 24);
        }
      }
    } else if ("&|!".indexOf(c) >= 0) {
      int j = CharClass.skipSpaces(s, i + 1);
      if (j < s.length() && s.charAt(j) == '(') {
        int k = j + 1;
        while (k < s.length() && "()=&|!<>~".indexOf(s.charAt(k)) < 0) {
          k++;
        }
        if (k > j + 1 && k < s.length() && s.charAt(k) == '=') {
          return CharClass.clip(s.substring(close), 24);
        }
      }
    }
    return null;
  }
}
