package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 934: generic application attacks (Node.js, Ruby, prototype pollution, SSRF, SSTI). */
final class GenericRules {
  private static final int TARGETS = TargetKind.ARGS | TargetKind.ARG_NAMES | TargetKind.COOKIES
      | TargetKind.COOKIE_NAMES | TargetKind.BODY;
  private static final KeywordSet NODE = KeywordSet.parse(
      "_$$nd_func$$_|__js_function|child_process|process.mainmodule|constructor.constructor"
          + "|.spawnsync(|.execsync(|process.binding(|global.process|require('child"
          + "|require(\"child|process.kill(|process.exit(|fs.readfilesync|module.require"
          + "|module.exports|console.log(|console.info(|console.error(|console.warn(|console.dir("
          + "|console.log.call(|console.info.call(|process[|global[|globalthis[");
  private static final KeywordSet CLOUD_METADATA = KeywordSet.parse(
      "169.254.169.254|metadata.google.internal|metadata.packet.net|100.100.100.200"
          + "|fd00:ec2::254|169.254.170.2|metadata.azure.com|[::ffff:a9fe:a9fe]|instance-data"
          + "|192.0.0.192|metadata.oraclecloud|0xa9fea9fe|2852039166|169.254.169.123"
          + "|metadata.tencentyun.com|metadata.platformequinix.com|alibaba.zone");
  private static final KeywordSet RUBY = KeywordSet.parse(
      "process.spawn|process.exec|kernel.exec|kernel.system|kernel.spawn|kernel.open"
          + "|kernel.eval|io.popen|open3.|pty.spawn|instance_eval|class_eval|module_eval"
          + "|.public_send(|object.send|kernel.fork|process.fork|kernel.`");
  private static final String[] LOOPBACK_HOSTS = {
    "localhost", "localhost4", "localhost6", "ip6-localhost", "ip6-loopback", "127.0.0.1",
    "0.0.0.0", "[::1]", "[::]", "0177.0.0.1", "2130706433", "0x7f000001", "127.1", "0",
    "host.docker.internal", "gateway.docker.internal", "kubernetes.default", "metadata"
  };
  /** The characters of each template expression form. */
  private static final int BRACES = CharacterSignature.of("{}");
  private static final int HASH_BRACES = CharacterSignature.of("#{}");
  private static final int ANGLE_PERCENT = CharacterSignature.of("<%");
  private static final int OPEN_PARENTHESIS = CharacterSignature.of("(");

  /** What 934100 looks for besides {@link #NODE}: {@code new function(}. */
  private static final KeywordSet NEW = KeywordSet.parse("new");
  /** What 934130 looks for. */
  private static final KeywordSet PROTOTYPE_WORDS = KeywordSet.parse("__proto__|constructor");

  private GenericRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(934100, "Node.js Injection Attack", TARGETS, t -> {
      String s = t.lower();
      String hit = NODE.find(s, KeywordSet.ANYWHERE);
      if (hit != null || (t.signature() & OPEN_PARENTHESIS) == 0) {
        return hit; // "new function(" needs its parenthesis
      }
      int at = CharClass.indexOf(s, "new", 0);
      while (at >= 0) {
        int i = CharClass.skipSpaces(s, at + 3);
        if (i > at + 3 && s.startsWith("function", i) && CharClass.wordStart(s, at, at)) {
          int j = CharClass.skipSpaces(s, i + 8);
          if (j < s.length() && s.charAt(j) == '(') {
            return "new function(";
          }
        }
        at = CharClass.indexOf(s, "new", at + 3);
      }
      return null;
    }).needsKeyword(NODE, NEW));
    rules.add(Rule.values(934110, "SSRF Attack: cloud metadata URL",
        TargetKind.ARGS, t -> CLOUD_METADATA.find(t.lower(), KeywordSet.ANYWHERE)).needsKeyword(CLOUD_METADATA));
    rules.add(Rule.values(934130, "JavaScript Prototype Pollution", TargetKind.ARGS
        | TargetKind.ARG_NAMES | TargetKind.BODY | TargetKind.COOKIES | TargetKind.COOKIE_NAMES, t -> {
          String s = t.lower();
          if (CharClass.contains(s, "__proto__")) {
            return "__proto__";
          }
          int at = CharClass.indexOf(s, "constructor", 0);
          while (at >= 0) {
            int i = at + 11;
            while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '[' || s.charAt(i) == ']'
                || s.charAt(i) == '\'' || s.charAt(i) == '"' || CharClass.isSpace(s.charAt(i)))) {
              i++;
            }
            if (i > at + 11 && s.startsWith("prototype", i)) {
              return "constructor.prototype";
            }
            at = CharClass.indexOf(s, "constructor", at + 11);
          }
          return null;
        }).needsKeyword(PROTOTYPE_WORDS));
    rules.add(Rule.values(934150, "Ruby Injection Attack", TARGETS,
        t -> RUBY.find(t.lower(), KeywordSet.WORD_START)).needsKeyword(RUBY));
    rules.add(Rule.values(934160, "Node.js DoS attack", TARGETS, GenericRules::endlessLoop));
    rules.add(Rule.values(934170, "PHP data scheme attack", TargetKind.ARGS, t -> {
      String v = t.lower().trim();
      if (!v.startsWith("data:")) {
        return null;
      }
      int slash = v.indexOf('/', 5);
      return slash > 5 && slash + 1 < v.length() && CharClass.isLetter(v.charAt(5))
          ? CharClass.clip(v, 24) : null;
    }));
    rules.add(Rule.values(934190, "SSRF Attack: loopback host",
        TargetKind.ARGS, t -> {
          String v = t.lower().trim();
          int scheme = CharClass.indexOf(v, "://", 0);
          int from = scheme > 0 && scheme < 10 ? scheme + 3 : 0;
          for (String host : LOOPBACK_HOSTS) {
            if (v.startsWith(host, from)) {
              int end = from + host.length();
              if (end < v.length() && (v.charAt(end) == '/' || v.charAt(end) == ':')
                  && (host.length() > 1 || scheme > 0)) {
                return v.substring(0, end);
              }
            }
          }
          return null;
        }));
    rules.add(Rule.values(934200, "Server-Side Template Injection", TARGETS, GenericRules::templateInjection));
  }

  /** {@code while(true)}, {@code while(!false)}, {@code for(;;)}: loops that never end. */
  private static String endlessLoop(Target t) {
    String s = t.lower();
    int at = CharClass.indexOf(s, "while", 0);
    while (at >= 0) {
      int i = CharClass.skipSpaces(s, at + 5);
      if (i < s.length() && s.charAt(i) == '(') {
        i++;
        while (i < s.length() && (CharClass.isSpace(s.charAt(i)) || s.charAt(i) == '(')) {
          i++;
        }
        int bangs = 0;
        while (i < s.length() && (s.charAt(i) == '!' || CharClass.isSpace(s.charAt(i)))) {
          bangs += s.charAt(i) == '!' ? 1 : 0;
          i++;
        }
        String rest = s.substring(i);
        // !false, !0 ... are true; !!{} and plain true/1/{} are true too.
        boolean forever = bangs % 2 == 1
            ? startsWithAny(rest, "false", "null", "undefined", "nan", "0", "+0", "-0", "\"\"", "''", "``")
            : startsWithAny(rest, "true", "this", "infinity", "new ", "window", "string", "boolean",
                "function", "object", "array", "{", "[", "\"", "'", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        if (forever && s.indexOf(')', i) > 0) {
          return CharClass.clip(s.substring(at), 24);
        }
      }
      at = CharClass.indexOf(s, "while", at + 5);
    }
    return null;
  }

  private static boolean startsWithAny(String s, String... prefixes) {
    for (String p : prefixes) {
      if (s.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** {@code {{7*7}}}, {@code #{7*7}}, {@code <%= system('id') %>}: template expressions. */
  private static String templateInjection(Target t) {
    // Each form is searched for only when the value has all of its characters (the signature
    // covers the lowercase value): a JSON body has braces but seldom "#", "<" or "%".
    int signature = t.signature();
    String s = t.lower();
    String hit = null;
    if ((signature & BRACES) == BRACES) {
      hit = expression(s, "{{", "}}");
    }
    if (hit == null && (signature & HASH_BRACES) == HASH_BRACES) {
      hit = expression(s, "#{", "}");
    }
    if (hit == null && (signature & ANGLE_PERCENT) == ANGLE_PERCENT) {
      hit = expression(s, "<%", "%>");
    }
    return hit;
  }

  private static String expression(String s, String open, String close) {
    int at = s.indexOf(open);
    while (at >= 0) {
      int end = s.indexOf(close, at + open.length());
      if (end < 0) {
        return null;
      }
      String inside = s.substring(at + open.length(), end);
      for (int i = 0; i < inside.length(); i++) {
        char c = inside.charAt(i);
        if (c == '*' || c == '+' || c == '(' || c == '[' || c == '|' || c == '\'' || c == '"'
            || (c == '_' && i + 1 < inside.length() && inside.charAt(i + 1) == '_')) {
          return CharClass.clip(s.substring(at), 24);
        }
      }
      at = s.indexOf(open, at + open.length());
    }
    return null;
  }
}
