package dev.proxywasm.plugins.waflite.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxywasm.plugins.waflite.engine.Inspection;
import dev.proxywasm.plugins.waflite.engine.RequestFacts;
import dev.proxywasm.plugins.waflite.engine.RuleExclusions;
import dev.proxywasm.plugins.waflite.engine.RuleMatch;
import dev.proxywasm.plugins.waflite.engine.WafEngine;
import dev.proxywasm.plugins.waflite.request.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request rules run once the headers are known (911, 920, 921, 943), one rule at a time. */
class HeaderPhaseRequestRulesTest {
  private static final WafEngine ENGINE =
      new WafEngine(CrsRules.all(ProtocolPolicy.defaults()), 1, 10_000, new RuleExclusions());

  /**
   * What rule {@code id} reports for a request with {@code headers} (name, value pairs; a Host
   * header unless one is given as null), as "target=data", or null when it does not fire.
   */
  private static String fired(int id, String method, String uri, String... headers) {
    HttpRequest request = new HttpRequest(method, uri, "HTTP/1.1");
    boolean host = false;
    for (int i = 0; i < headers.length; i += 2) {
      host |= headers[i].equalsIgnoreCase("host");
      if (headers[i + 1] != null) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    if (!host) {
      request.header("Host", "shop.example");
    }
    Inspection inspection = ENGINE.inspectHeaders(new RequestFacts(request));
    List<String> hits = new ArrayList<>();
    for (RuleMatch m : inspection.matches()) {
      if (m.rule().id() == id) {
        hits.add(m.target() + "=" + m.data());
      }
    }
    return hits.isEmpty() ? null : String.join(" ", hits);
  }

  private static String withContentType(int id, String contentType) {
    return fired(id, "POST", "/api", "content-type", contentType);
  }

  @Test
  void methodsAreComparedExactly() {
    assertEquals(null, fired(911100, "POST", "/"));
    assertEquals(null, fired(911100, "OPTIONS", "/"));
    assertEquals("REQUEST_METHOD=PUT", fired(911100, "PUT", "/"));
    assertEquals("REQUEST_METHOD=post", fired(911100, "post", "/"));
    assertEquals("REQUEST_METHOD=GETS", fired(911100, "GETS", "/"));
  }

  @Test
  void getOrHeadWithABody() {
    assertEquals("REQUEST_HEADERS:Content-Length=5", fired(920170, "GET", "/", "Content-Length", "5"));
    assertEquals(null, fired(920170, "GET", "/", "content-length", " 0 "));
    assertEquals("REQUEST_HEADERS:Content-Length=chunked",
        fired(920170, "HEAD", "/", "Transfer-Encoding", "chunked"));
    assertEquals(null, fired(920170, "POST", "/", "content-length", "5"));
    assertEquals(null, fired(920170, "get", "/", "content-length", "5"));
    assertEquals(null, fired(920170, "GET", "/"));
  }

  @Test
  void missingHost() {
    assertEquals("REQUEST_HEADERS:Host=", fired(920280, "GET", "/", "host", null));
    assertEquals(null, fired(920280, "GET", "/", "HOST", "a"));
    assertEquals(null, fired(920280, "GET", "/", "host", null, ":authority", "a"));
  }

  @Test
  void contentTypeAllowedByPolicy() {
    assertEquals(null, withContentType(920420, "application/json"));
    assertEquals(null, withContentType(920420, " Application/JSON ; charset=utf-8"));
    assertEquals(null, withContentType(920420, "multipart/form-data; boundary=x"));
    assertEquals("REQUEST_HEADERS:Content-Type=text/plain", withContentType(920420, "text/plain"));
    assertEquals("REQUEST_HEADERS:Content-Type=application/jsonx", withContentType(920420, "application/jsonx"));
    assertEquals("REQUEST_HEADERS:Content-Type=application/jso", withContentType(920420, "application/jso"));
  }

  @Test
  void restrictedExtensions() {
    assertEquals("REQUEST_FILENAME=.bak", fired(920440, "GET", "/a/b.BAK"));
    assertEquals("REQUEST_FILENAME=.config", fired(920440, "GET", "/web.config?x=1"));
    assertEquals(null, fired(920440, "GET", "/a.bak/b"));
    assertEquals(null, fired(920440, "GET", "/a/b."));
    assertEquals(null, fired(920440, "GET", "/a/b.txt"));
    assertEquals(null, fired(920440, "GET", "/api/v2/orders"));
  }

  @Test
  void everyRestrictedHeaderNameInAnyCase() {
    for (String name : new String[] {"Proxy", "lock-token", "Content-Range", "IF", "x-http-method-override",
        "X-HTTP-Method", "x-method-override", "x-Middleware-Subrequest"}) {
      assertEquals("REQUEST_HEADERS_NAMES:" + name + "=" + name.toLowerCase(),
          fired(920450, "GET", "/", "accept", "*/*", name, "1"), name);
    }
    for (String name : new String[] {"proxy-x", "x-http-methods", "user-agent", "ifx", "content-ranges"}) {
      assertEquals(null, fired(920450, "GET", "/", name, "1"), name);
    }
  }

  @Test
  void wellFormedContentTypes() {
    assertEquals(null, withContentType(920470, "application/json"));
    assertEquals(null, withContentType(920470, "application/json; charset=utf-8"));
    assertEquals(null, withContentType(920470, "Multipart/Form-Data;boundary=--x1"));
    assertEquals("REQUEST_HEADERS:Content-Type=application/json ",
        withContentType(920470, "application/json "));
    assertEquals("REQUEST_HEADERS:Content-Type=application/json;foo=bar",
        withContentType(920470, "application/json;foo=bar"));
    assertEquals("REQUEST_HEADERS:Content-Type=text/html, application/json",
        withContentType(920470, "text/html, application/json"));
    assertEquals("REQUEST_HEADERS:Content-Type=", withContentType(920470, ""));
    assertEquals("REQUEST_HEADERS:Content-Type= text/plain", withContentType(920470, " text/plain"));
  }

  @Test
  void contentTypeCharsets() {
    assertEquals(null, withContentType(920480, "application/json"));
    assertEquals(null, withContentType(920480, "application/json; Charset=\"UTF-8\""));
    assertEquals("REQUEST_HEADERS:Content-Type=utf-7", withContentType(920480, "text/xml; charset=utf-7"));
    assertEquals(null, withContentType(920530, "application/json"));
    assertEquals(null, withContentType(920530, "text/xml; charset=utf-8"));
    assertEquals("REQUEST_HEADERS:Content-Type=text/xml; charset=utf-8;CHARSET =utf-7",
        withContentType(920530, "text/xml; charset=utf-8;CHARSET =utf-7"));
  }

  @Test
  void backupFiles() {
    assertEquals("REQUEST_FILENAME=/index.php~", fired(920500, "GET", "/index.php~"));
    assertEquals("REQUEST_FILENAME=/a/b.c~/d", fired(920500, "GET", "/a/b.c~/d"));
    assertEquals(null, fired(920500, "GET", "/~user/x"));
    assertEquals(null, fired(920500, "GET", "/a~b"));
    assertEquals(null, fired(920500, "GET", "/api/v2/orders"));
  }

  @Test
  void longAcceptEncoding() {
    assertEquals(null, fired(920520, "GET", "/", "accept-encoding", "gzip, deflate, br"));
    assertEquals("REQUEST_HEADERS:Accept-Encoding=" + "gzip,".repeat(7).substring(0, 32),
        fired(920520, "GET", "/", "Accept-Encoding", "gzip,".repeat(21)));
  }

  @Test
  void acceptCharsets() {
    assertEquals(null, fired(920600, "GET", "/", "accept", "application/json, text/plain, */*"));
    assertEquals(null, fired(920600, "GET", "/", "accept", "text/html;q=0.9,*/*;q=0.8"));
    assertEquals(null, fired(920600, "GET", "/", "accept", "text/html;CHARSET = UTF-8"));
    assertEquals("REQUEST_HEADERS:Accept=text/html;Charset=utf-7",
        fired(920600, "GET", "/", "Accept", "text/html;Charset=utf-7"));
  }

  @Test
  void version1Cookies() {
    assertEquals(null, fired(921250, "GET", "/", "cookie", "a=$b; c=d"));
    assertEquals("REQUEST_HEADERS:Cookie=$Version", fired(921250, "GET", "/", "Cookie", "$VERSION=1; a=b"));
  }

  @Test
  void contentTypeSmuggledOutsideTheMediaType() {
    assertEquals(null, withContentType(921421, "application/json"));
    assertEquals(null, withContentType(921421, "text/plain; charset=utf-8"));
    assertEquals("REQUEST_HEADERS:Content-Type=application/x-www-form-urlencoded; x=Application/JSON",
        withContentType(921421, "application/x-www-form-urlencoded; x=Application/JSON"));
    assertEquals("REQUEST_HEADERS:Content-Type=text/plain,text/xml", withContentType(921421, "text/plain,text/xml"));
  }

  @Test
  void sessionIdParameters() {
    String evil = "https://evil.example/x";
    assertEquals("ARGS_NAMES:jsessionid=jsessionid",
        fired(943110, "GET", "/?jsessionid=1", "referer", evil));
    assertEquals(null, fired(943110, "GET", "/?jsessionid=1", "Referer", "https://www.SHOP.example/a?b#c"));
    assertEquals(null, fired(943110, "GET", "/?jsessionid=1", "referer", "https://shop.example"));
    assertEquals("ARGS_NAMES:PHPSESSID=PHPSESSID",
        fired(943110, "GET", "/?a=1&PHPSESSID=2", "referer", "https://shop.example.evil/"));
    assertEquals(null, fired(943110, "GET", "/?jsessionid=1", "referer", "no scheme"));
    assertEquals(null, fired(943110, "GET", "/?jsessionid=1"));
    assertEquals("ARGS_NAMES:cfid=cfid", fired(943120, "GET", "/?q=1&cfid=1"));
    assertEquals("ARGS_NAMES:Sails.SID=Sails.SID", fired(943120, "GET", "/?Sails.SID=1"));
    assertEquals("ARGS_NAMES:x_login_token=x_login_token", fired(943120, "GET", "/?x_login_token=1"));
    assertEquals(null, fired(943120, "GET", "/?q=1&sid=2&cakephpx=3"));
    assertEquals(null, fired(943120, "GET", "/?jsessionid=1", "referer", evil));
  }
}
