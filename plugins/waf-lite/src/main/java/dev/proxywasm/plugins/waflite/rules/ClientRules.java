package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.abi.internal.StringChars;
import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.RequestFacts;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Severity;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 913 (security scanners) and 943 (session fixation): who is asking, and how. */
final class ClientRules {
  private static final KeywordSet SCANNERS = KeywordSet.parse(
      "nikto|sqlmap|nessus|arachni|nmap scripting engine|nmap nse|masscan|dirbuster|gobuster"
          + "|wpscan|acunetix|netsparker|w3af|openvas|zgrab|nuclei|havij|zmeu|morfeus|jbrofuzz"
          + "|webinspect|appscan|commix|fimap|wfuzz|ffuf|feroxbuster|whatweb|skipfish|paros"
          + "|brutus|grabber|dirb|httprint|bsqlbf|mysqloit|pangolin|webshag|xsser|nsauditor"
          + "|cgichk|webtrends security analyzer|sf/|bilbo|black widow|blackwidow|absinthe"
          + "|automatic-attack|metis|n-stealth|nsauditor|springenwerk|teh forest lobster"
          + "|this is an exploit|toata dragostea|vega/|voideye|w3af.org|webvulnscan|webvulncrawl"
          + "|wordpress hash grabber|zmeu|crimscanner|detectify|jorgee|floodgate|nasl|netlab360"
          + "|qualys|rapid7|burpcollaborator|interactsh|wprecon|cirt.net|sitelock"
          + "|struts-pwn|datacha0s|dotdotpwn|grendel-scan|jaascois|hydra|medusa");
  /**
   * The one scanner name that starts like every browser's: searched on its own, since in
   * {@link #SCANNERS} it would send every user agent through the whole search.
   */
  private static final String SF_AGENT = "mozilla/5.0 sf";
  private static final KeywordSet SF_AGENTS = KeywordSet.parse(SF_AGENT);
  private static final KeywordSet COOKIE_PROPERTY = KeywordSet.parse(".cookie");
  private static final KeywordSet DOCUMENT = KeywordSet.parse("document");
  private static final KeywordSet HTTP_EQUIV = KeywordSet.parse("http-equiv");
  private static final KeywordSet SET_COOKIE = KeywordSet.parse("set-cookie");
  private static final KeywordSet SESSION_PARAMETERS = KeywordSet.parse(
      "jsessionid|aspsessionid|asp.net_sessionid|phpsession|phpsessid|weblogicsession"
          + "|session_id|session-id|cfid|cftoken|cfsid|jservsession|jwsession|laravel_session"
          + "|ci_session|sessionid|connect.sid|_session_id|rack.session");

  private ClientRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(913100, "Found User-Agent associated with security scanner",
        TargetKind.UA_REFERER, t -> {
          // Most values name no scanner: search first, so the target's name is built rarely.
          String s = t.lower();
          String scanner = SCANNERS.find(s, KeywordSet.WHOLE_WORD);
          if (scanner == null) {
            scanner = sfAgent(s);
          }
          return scanner != null && Target.asciiLowercase(t.name()).endsWith("user-agent") ? scanner : null;
        }).needsKeyword(SCANNERS, SF_AGENTS));
    rules.add(Rule.values(943100, "Session Fixation: cookie set in HTML",
        TargetKind.ARGS | TargetKind.ARG_NAMES, t -> {
          String s = t.lower();
          boolean script = COOKIE_PROPERTY.containsAny(s) && DOCUMENT.containsAny(s);
          boolean meta = HTTP_EQUIV.containsAny(s) && SET_COOKIE.containsAny(s);
          return script || meta ? CharClass.clip(s, 32) : null;
        }).needsKeyword(COOKIE_PROPERTY, HTTP_EQUIV));
    rules.add(Rule.request(943110, Severity.CRITICAL,
        "Session Fixation: session id parameter, off-domain Referer",
        facts -> sessionParameter(facts, true)));
    rules.add(Rule.request(943120, Severity.CRITICAL,
        "Session Fixation: session id parameter, no Referer",
        facts -> sessionParameter(facts, false)));
  }

  /** {@link #SF_AGENT} as a whole word in {@code s}, or null. */
  private static String sfAgent(String s) {
    int at = CharClass.indexOf(s, SF_AGENT, 0);
    while (at >= 0 && !CharClass.wholeWord(s, at, at + SF_AGENT.length())) {
      at = CharClass.indexOf(s, SF_AGENT, at + 1);
    }
    return at >= 0 ? SF_AGENT : null;
  }

  private static Target sessionParameter(RequestFacts facts, boolean withReferer) {
    String referer = facts.request().header("referer");
    if (withReferer == (referer == null)) {
      return null;
    }
    if (withReferer && refersToHost(referer, facts.request().header("host"))) {
      return null;
    }
    for (Target t : facts.headerTargets()) {
      if ((t.kind() & TargetKind.ARG_NAMES) != 0) {
        String name = Target.asciiLowercase(t.value());
        if (SESSION_PARAMETERS.contains(name) || looksLikeSessionName(name)) {
          return t;
        }
      }
    }
    return null;
  }

  /**
   * Session cookie names of the common frameworks follow a few patterns: they contain "sess"
   * ({@code play_session}, {@code koa.sess}, {@code aspsessionid...}), end in "sid"
   * ({@code sails.sid}), or name a session/login token.
   */
  private static boolean looksLikeSessionName(String name) {
    // No search for "session-token": it contains "sess".
    return CharClass.contains(name, "sess") || name.endsWith(".sid") || name.endsWith("_sid")
        || CharClass.contains(name, "login_token") || name.equals("cakephp");
  }

  private static boolean refersToHost(String referer, String host) {
    if (host == null) {
      return false;
    }
    // The scheme separator and the end of the host part have no letters, so case moves none of
    // them: they are found in the referer as received, without lowercase copies or substrings.
    int scheme = CharClass.indexOf(referer, "://", 0);
    if (scheme < 0) {
      return true;
    }
    // Both read from one array (TeaVM's charAt is a call with its own checks per character).
    int length = referer.length();
    int n = host.length();
    char[] chars = new char[length + n];
    StringChars.getChars(referer, chars, 0);
    StringChars.getChars(host, chars, length);
    int end = scheme + 3;
    while (end < length && chars[end] != '/' && chars[end] != '?' && chars[end] != '#') {
      end++;
    }
    // The same host, a subdomain of it (".host") or any name ending in it: all end with it.
    if (end - scheme - 3 < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char a = chars[end - n + i];
      char b = chars[length + i];
      // Equal but for case: one bit apart, and a letter.
      if (a != b && ((a ^ b) != 32 || (a | 32) < 'a' || (a | 32) > 'z')) {
        return false;
      }
    }
    return true;
  }
}
