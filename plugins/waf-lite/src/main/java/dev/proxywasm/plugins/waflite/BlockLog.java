package dev.proxywasm.plugins.waflite;

import dev.proxywasm.plugins.waflite.engine.Inspection;
import dev.proxywasm.plugins.waflite.engine.RuleMatch;
import dev.proxywasm.plugins.waflite.engine.Target;

/**
 * Formats the one log line written per blocked (or, in DetectionOnly, would-be-blocked)
 * request, in the shape of Coraza's audit message so existing log queries keep working:
 * {@code [client "..."] Coraza: Access denied ... [id "941100"] [msg "..."] [data "..."] ...}.
 * Matched data is truncated, and never copied from credential-bearing places.
 */
final class BlockLog {
  private static final int MAX_DATA = 64;
  private static final int MAX_URI = 256;
  private static final String HEX = "0123456789abcdef";

  private BlockLog() {}

  static String line(String client, Inspection inspection, boolean blocked, int status, int phase,
      String uri, String requestId) {
    StringBuilder out = new StringBuilder(256);
    out.append("[client \"").append(client == null ? "-" : client).append("\"] waf-lite: ");
    if (blocked) {
      out.append("Access denied with code ").append(status).append(" (phase ").append(phase).append(")");
    } else {
      out.append("Warning (DetectionOnly): would deny (phase ").append(phase).append(")");
    }
    out.append(". Inbound Anomaly Score Exceeded (Total Score: ").append(inspection.score()).append(')');
    for (int i = 0; i < inspection.matches().size(); i++) {
      RuleMatch m = inspection.matches().get(i);
      out.append(" [id \"").append(m.rule().id()).append("\"] [msg \"").append(m.rule().message())
          .append("\"] [data \"Matched Data: ").append(safeData(m)).append(" found within ")
          .append(escape(m.target(), MAX_DATA)).append("\"] [severity \"")
          .append(Target.asciiLowercase(m.rule().severity().name())).append("\"]");
    }
    out.append(" [uri \"").append(escape(uri, MAX_URI)).append("\"] [unique_id \"")
        .append(requestId == null ? "-" : requestId).append("\"]");
    return out.toString();
  }

  private static String safeData(RuleMatch m) {
    String target = Target.asciiLowercase(m.target());
    if (target.contains("authorization") || target.contains("cookie") || target.contains("password")
        || target.contains("token") || target.contains("secret")) {
      return "[redacted]";
    }
    return escape(m.data(), MAX_DATA);
  }

  /** Printable ASCII only, quotes escaped, truncated: log lines must stay one parseable line. */
  private static String escape(String s, int max) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append("\\x").append(HEX.charAt(c >> 4 & 0xf)).append(HEX.charAt(c & 0xf));
      } else {
        out.append(c);
      }
    }
    if (s.length() > max) {
      out.append("...");
    }
    return out.toString();
  }
}
