package dev.proxywasm.plugins.waflite;

import dev.proxywasm.plugins.waflite.engine.Inspection;
import dev.proxywasm.plugins.waflite.engine.RuleMatch;
import java.util.Arrays;
import java.util.List;
import org.teavm.classlib.PlatformDetector;
import org.teavm.interop.Address;

/**
 * Formats the one log line written per blocked (or, in DetectionOnly, would-be-blocked)
 * request, in the shape of Coraza's audit message so existing log queries keep working:
 * {@code [client "..."] Coraza: Access denied ... [id "941100"] [msg "..."] [data "..."] ...}.
 * Matched data is truncated, and never copied from credential-bearing places.
 *
 * <p>A request under attack must not cost much more than a clean one. TeaVM's StringBuilder
 * copies each appended String char by char through {@code charAt} (some 50 instructions a
 * char, for lines of 300 to 1,000 chars), and gives each function that calls out or may throw
 * (a null or array index check) a shadow-stack frame. So the line is written into one char
 * array reused by every request (one instance per VM: requests are served one at a time), with
 * room reserved once per part; the fixed pieces are block moves out of one char array, the
 * per-char loops read and write memory directly, and each String is read once, with
 * {@code getChars}.
 */
final class BlockLog {
  private static final int MAX_DATA = 64;
  private static final int MAX_URI = 256;
  /** Longest escape of one char: {@code \xhh}. */
  private static final int MAX_ESCAPE = 4;
  /** Room for the fixed pieces and numbers of one part of the line. */
  private static final int FIXED_ROOM = 160;
  // Four 16-bit lanes of a 64-bit word: (x ^ c) - LANE_ONES & LANE_TOPS is non-zero exactly
  // when a lane of x equals c (lanes below 0x8000: a borrow only spreads from a zero lane).
  private static final long LANE_ONES = 0x0001000100010001L;
  private static final long LANE_TOPS = 0x8000800080008000L;

  // The fixed pieces, numbered in the order of the texts in the constructor.
  private static final int CLIENT_OPEN = 0;
  private static final int CLIENT_CLOSE = 1;
  private static final int DENIED = 2;
  private static final int PHASE_OPEN = 3;
  private static final int WOULD_DENY = 4;
  private static final int SCORE = 5;
  private static final int CLOSE = 6;
  private static final int BODY_TOO_LARGE = 7;
  private static final int BYTES = 8;
  private static final int ID_OPEN = 9;
  private static final int MSG_OPEN = 10;
  private static final int DATA_OPEN = 11;
  private static final int REDACTED = 12;
  private static final int FOUND_WITHIN = 13;
  private static final int URI_OPEN = 14;
  private static final int ID_CLOSE = 15;
  private static final int END = 16;
  private static final int SEVERITY_OPEN = 17;

  /** All the pieces' chars, one after the other. */
  private final char[] pieces;
  /** Per piece number, where it lies in {@link #pieces}: offset << 8 | length. */
  private final int[] pieceAt;

  private char[] line = new char[1024];
  private int length;
  /** The chars of the current match's target, and whether it names a credential-bearing place. */
  private char[] target = new char[MAX_DATA];
  private String targetRead;
  private boolean targetRedacted;
  /** The first chars of the value being escaped. */
  private char[] value = new char[MAX_URI];

  BlockLog() {
    // The texts of the pieces, in number order, each ended by a NUL.
    String texts = "[client \"\0\"] waf-lite: \0Access denied with code \0 (phase \0"
        + "Warning (DetectionOnly): would deny (phase \0). Inbound Anomaly Score Exceeded (Total Score: \0)\0"
        + "Access denied with code 413 (phase 2). Request body larger than the limit of \0 bytes\0 [id \"\0"
        + "\"] [msg \"\0\"] [data \"Matched Data: \0[redacted]\0 found within \0 [uri \"\0"
        + "\"] [unique_id \"\0\"]\0\"] [severity \"\0";
    pieces = texts.toCharArray();
    pieceAt = new int[SEVERITY_OPEN + 1];
    int number = 0;
    int start = 0;
    for (int i = 0; i < pieces.length; i++) {
      if (pieces[i] == 0) {
        pieceAt[number++] = start << 8 | i - start;
        start = i + 1;
      }
    }
  }

  /** The line for a request whose score reached the threshold. */
  String overThreshold(String client, Inspection inspection, boolean blocked, int status, int phase,
      String uri, String requestId) {
    start(client);
    if (blocked) {
      copy(DENIED);
      number(status);
      copy(PHASE_OPEN);
    } else {
      copy(WOULD_DENY);
    }
    number(phase);
    copy(SCORE);
    number(inspection.score());
    copy(CLOSE);
    List<RuleMatch> matches = inspection.matches();
    for (int i = 0; i < matches.size(); i++) {
      match(matches.get(i));
    }
    return end(uri, requestId);
  }

  /** The line for a request refused because its body is over {@code limit} bytes. */
  String oversized(String client, int limit, String uri, String requestId) {
    start(client);
    copy(BODY_TOO_LARGE);
    number(limit);
    copy(BYTES);
    return end(uri, requestId);
  }

  private void start(String client) {
    length = 0;
    targetRead = null;
    String c = client == null ? "-" : client;
    // Room for what follows up to the first match, too.
    reserve(2 * FIXED_ROOM + c.length());
    copy(CLIENT_OPEN);
    append(c);
    copy(CLIENT_CLOSE);
  }

  private void match(RuleMatch m) {
    String message = m.rule().message();
    reserve(FIXED_ROOM + message.length() + 2 * (MAX_DATA * MAX_ESCAPE + 3));
    copy(ID_OPEN);
    number(m.rule().id());
    copy(MSG_OPEN);
    append(message);
    copy(DATA_OPEN);
    String name = m.target();
    int targetLength = name.length();
    // Rules firing on one value share its target name: read and checked once.
    if (name != targetRead) {
      if (target.length < targetLength) {
        target = new char[Math.max(targetLength, 2 * target.length)];
      }
      name.getChars(0, targetLength, target, 0);
      targetRedacted = credentialBearing(target, targetLength);
      targetRead = name;
    }
    if (targetRedacted) {
      copy(REDACTED);
    } else {
      String data = m.data();
      int dataLength = data.length();
      data.getChars(0, dataLength < MAX_DATA ? dataLength : MAX_DATA, value, 0);
      escape(value, dataLength, MAX_DATA);
    }
    copy(FOUND_WITHIN);
    escape(target, targetLength, MAX_DATA);
    copy(SEVERITY_OPEN);
    append(m.rule().severity().label());
    copy(END);
  }

  private String end(String uri, String requestId) {
    String id = requestId == null ? "-" : requestId;
    reserve(FIXED_ROOM + MAX_URI * MAX_ESCAPE + id.length());
    copy(URI_OPEN);
    int uriLength = uri.length();
    uri.getChars(0, uriLength < MAX_URI ? uriLength : MAX_URI, value, 0);
    escape(value, uriLength, MAX_URI);
    copy(ID_CLOSE);
    append(id);
    copy(END);
    return new String(line, 0, length);
  }

  /** Appends {@code s}; room is reserved. */
  private void append(String s) {
    int n = s.length();
    s.getChars(0, n, line, length);
    length += n;
  }

  /** Appends fixed piece number {@code number}; room is reserved. */
  private void copy(int number) {
    if (PlatformDetector.isWebAssembly()) {
      // Direct reads and one block move: a checked array read may throw, which costs a
      // shadow-stack frame, and System.arraycopy checks and marks for ~100 instructions a call.
      int piece = Address.ofData(pieceAt).add(number << 2).getInt();
      int n = piece & 0xff;
      Address.moveMemoryBlock(Address.ofData(pieces).add(piece >>> 8 << 1), Address.ofData(line).add(length << 1),
          n << 1);
      length += n;
    } else {
      int piece = pieceAt[number];
      System.arraycopy(pieces, piece >>> 8, line, length, piece & 0xff);
      length += piece & 0xff;
    }
  }

  /**
   * Appends the decimal digits of {@code value}, at most 10 chars; room is reserved. Every
   * number in the line is at least 0: a status, phase, score, rule id or body limit.
   */
  private void number(int value) {
    int at = length;
    int digits = 1;
    for (int rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    length = at + digits;
    if (PlatformDetector.isWebAssembly()) {
      // Direct writes: a checked array store may throw, which costs a shadow-stack frame.
      Address to = Address.ofData(line).add(at << 1);
      int v = value;
      do {
        to.add(--digits << 1).putChar((char) ('0' + v % 10));
        v /= 10;
      } while (v != 0);
    } else {
      String.valueOf(value).getChars(0, digits, line, at);
    }
  }

  /**
   * Appends {@code in[0, min(n, max))} as printable ASCII, quotes and backslashes escaped,
   * others as {@code \xhh}, so the line stays one parseable line; stops once {@code max} chars
   * are written, and marks a cut value ({@code n > max}) with {@code ...}. Room is reserved.
   */
  private void escape(char[] in, int n, int max) {
    // Each char writes at least one, so while at < limit, fewer than max chars were read.
    int at = length;
    int limit = at + max;
    if (PlatformDetector.isWebAssembly()) {
      // Direct memory reads and writes: in holds the chars read, line has room. Most values are
      // plain (printable ASCII, neither quote nor backslash), so four chars at a time, as one
      // 64-bit word, while they are.
      Address from = Address.ofData(in);
      Address to = Address.ofData(line);
      int i = 0;
      while (i < n && at < limit) {
        if (i + 4 <= n && at + 4 <= limit) {
          long four = from.add(i << 1).getLong();
          if ((four & 0xff80ff80ff80ff80L) == 0
              && ((four + 0x0060006000600060L) & 0x0080008000800080L) == 0x0080008000800080L
              && ((four ^ 0x007f007f007f007fL) - LANE_ONES & LANE_TOPS) == 0
              && ((four ^ 0x0022002200220022L) - LANE_ONES & LANE_TOPS) == 0
              && ((four ^ 0x005c005c005c005cL) - LANE_ONES & LANE_TOPS) == 0) {
            to.add(at << 1).putLong(four);
            i += 4;
            at += 4;
            continue;
          }
        }
        char c = from.add(i++ << 1).getChar();
        if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
          to.add(at++ << 1).putChar(c);
        } else if (c == '"' || c == '\\') {
          to.add(at++ << 1).putChar('\\');
          to.add(at++ << 1).putChar(c);
        } else {
          int high = c >> 4 & 0xf;
          int low = c & 0xf;
          to.add(at++ << 1).putChar('\\');
          to.add(at++ << 1).putChar('x');
          to.add(at++ << 1).putChar((char) (high < 10 ? '0' + high : 'a' - 10 + high));
          to.add(at++ << 1).putChar((char) (low < 10 ? '0' + low : 'a' - 10 + low));
        }
      }
      if (n > max) {
        // "...", written here: a call would cost this function a shadow-stack frame.
        to.add(at++ << 1).putChar('.');
        to.add(at++ << 1).putChar('.');
        to.add(at++ << 1).putChar('.');
      }
    } else {
      char[] out = line;
      for (int i = 0; i < n && at < limit; i++) {
        char c = in[i];
        if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
          out[at++] = c;
        } else if (c == '"' || c == '\\') {
          out[at++] = '\\';
          out[at++] = c;
        } else {
          int high = c >> 4 & 0xf;
          int low = c & 0xf;
          out[at++] = '\\';
          out[at++] = 'x';
          out[at++] = (char) (high < 10 ? '0' + high : 'a' - 10 + high);
          out[at++] = (char) (low < 10 ? '0' + low : 'a' - 10 + low);
        }
      }
      if (n > max) {
        out[at++] = '.';
        out[at++] = '.';
        out[at++] = '.';
      }
    }
    length = at;
  }

  /**
   * True when {@code chars[0, n)}, ASCII-lowercased, names a credential-bearing place (contains
   * {@code authorization}, {@code cookie}, {@code password}, {@code token} or {@code secret}).
   */
  private static boolean credentialBearing(char[] chars, int n) {
    for (int i = 0; i < n; i++) {
      // The first letter picks the one word that can start here.
      String word = switch (chars[i] | 0x20) {
        case 'a' -> "authorization";
        case 'c' -> "cookie";
        case 'p' -> "password";
        case 't' -> "token";
        case 's' -> "secret";
        default -> null;
      };
      if (word != null && startsAt(chars, n, i, word)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code chars[at, n)}, ASCII-lowercased, starts with lowercase {@code word}. */
  private static boolean startsAt(char[] chars, int n, int at, String word) {
    int w = word.length();
    if (at + w > n) {
      return false;
    }
    for (int k = 0; k < w; k++) {
      char c = chars[at + k];
      if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Room for {@code n} more chars in {@link #line}. */
  private void reserve(int n) {
    if (length + n > line.length) {
      line = Arrays.copyOf(line, Math.max(length + n, 2 * line.length));
    }
  }
}
