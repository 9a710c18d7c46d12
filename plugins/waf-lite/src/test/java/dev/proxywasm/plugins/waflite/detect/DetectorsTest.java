package dev.proxywasm.plugins.waflite.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DetectorsTest {
  private final SqlInjectionDetector sql = new SqlInjectionDetector();
  private final ShellCommandDetector shell = new ShellCommandDetector(
      KeywordSet.parse("cat|whoami|ls|bash|time|curl|ifconfig"), KeywordSet.parse("cat|bash|time|curl|ls"), false);

  @ParameterizedTest
  @ValueSource(strings = {"1' or '1'='1", "1 union select password from users", "admin'--",
      "1); drop table users", "x' and sleep(5)--", "-1\" or \"a\"=\"a", "1 or 1=1",
      "foo')waitfor delay'0:0:5'--", "1' order by 3--+", "1&&1=1", "1;shutdown", "1 xor 1=1",
      "1/*!50000or 1=1*/", "1;\u00a0drop table users"})
  void sqlInjectionsAreFound(String payload) {
    assertNotNull(sql.detect(payload), payload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"o'reilly", "select your size", "d'or 1st parfume", "\"wood\" and \"sign\"",
      "union was a great select", "christmas stocking \"not\" stuffer", "7\" #2 circular needle",
      "rock 'n' roll", "it's 5 o'clock", "1-or-1=1", "1 ore 1=1", "1 order 1=1", "x; dropped table", "please drop table 3",
      "1or 1=1", "mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko)"})
  void sqlLookAlikesAreNot(String text) {
    assertNull(sql.detect(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x;cat /etc/passwd", "a|whoami", "`whoami`", "$(ifconfig)", "cat /etc/shadow",
      "/usr/bin/whoami", "c\\at /etc/hosts", "time ifconfig", "wh'oami", "cu\"rl -o x", "ifc^onfig -a"})
  void shellCommandsAreFound(String payload) {
    assertNotNull(shell.find(payload, true), payload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash away in the gym", "time he came.", "curl and divergence", "ls 300 lexus",
      "cat", "the cat sat; time passed", "whose cat", "wh'ich one"})
  void proseWithCommandWordsIsNot(String text) {
    assertNull(shell.find(text, true), text);
  }

  @Test
  void withoutSeparatorsOnlyTheStartIsRead() {
    assertEquals("cat", shell.find("cat /etc/shadow", false));
    assertEquals("whoami", shell.find("x;whoami", true));
    assertNull(shell.find("x;whoami", false));
  }

  @Test
  void aSetParsedIgnoringCaseMatchesCapitals() {
    KeywordSet set = KeywordSet.parseIgnoringCase("%2e%2e|etc/passwd");
    assertEquals("%2e%2e", set.find("/a/%2E%2e/b", KeywordSet.ANYWHERE));
    assertEquals("etc/passwd", set.find("/ETC/Passwd", KeywordSet.ANYWHERE));
    assertNull(KeywordSet.parse("etc/passwd").find("/ETC/Passwd", KeywordSet.ANYWHERE));
  }

  @Test
  void findBeforeEndsAtTheLastOfItsCharacter() {
    KeywordSet set = KeywordSet.parse("sleep|if");
    assertEquals("sleep", set.findBefore("x(sleep (1)", '(', KeywordSet.ANYWHERE));
    assertNull(set.findBefore("(x) sleep", '(', KeywordSet.ANYWHERE));
    assertNull(set.findBefore("sleep", '(', KeywordSet.ANYWHERE));
    assertEquals("if", set.findBefore("if(", '(', KeywordSet.ANYWHERE));
  }

  @Test
  void keywordSetFindsEveryKeywordInOnePass() {
    KeywordSet set = KeywordSet.parse("he|she|his|hers");
    assertEquals("she", set.find("ushers", KeywordSet.ANYWHERE));
    assertEquals("hers", set.find("ushers", (t, s, e) -> e - s == 4));
    assertNull(set.find("nothing", KeywordSet.ANYWHERE));
    assertEquals(true, set.contains("his"));
    assertEquals(true, set.containsIgnoringCase("HiS"));
    assertEquals(false, set.containsIgnoringCase("Hi"));
    assertEquals(false, set.containsIgnoringCase("h\u00efs"));
    assertEquals(false, set.contains("hi"));
  }

  @Test
  void keywordSieveTellsWhichListsMayOccurInOnePass() {
    KeywordSet passwd = KeywordSet.of("passwd");
    KeywordSieve sieve = new KeywordSieve(KeywordSet.of("union", "select"), passwd, KeywordSet.of("'", "xor"),
        KeywordSet.of("information_schema"));

    assertEquals(0b0001, present(sieve, "1 union all"));
    assertEquals(0b0110, present(sieve, "etc/passwd'"));
    assertEquals(0b0101, present(sieve, "selectors xored"), "an occurrence counts wherever it stands");
    assertEquals(0, present(sieve, "nothing here"));
    assertEquals(0, present(sieve, ""));
    // Long keywords are sieved by their first eight characters: a set may be reported present
    // without a full occurrence, never absent with one.
    assertEquals(0b1000, present(sieve, "informati"));
    assertEquals(0, present(sieve, "informal"));
    assertEquals(0b1000, present(sieve, "x information_schema.tables"));
    assertEquals(0b0100, present(sieve, "caf\u00e9 xor th\u00e9"), "characters above U+007F match nothing");
    // A set found absent in the sieve's last text is searched in full in any other text, and
    // a set found present in it is searched too.
    present(sieve, "no such word");
    assertEquals("passwd", passwd.find("/etc/passwd", KeywordSet.ANYWHERE));
    String text = "cat /etc/passwd";
    present(sieve, text);
    assertEquals("passwd", passwd.find(text, KeywordSet.ANYWHERE));
  }

  @Test
  void keywordSieveWalksTextAsLowercaseAndSummarisesItsCharactersForTheCaller() {
    KeywordSieve sieve = new KeywordSieve(KeywordSet.of("union"), KeywordSet.of("<script"));
    long[] table = sieve.classTable();
    table['<'] |= 1;
    table['S'] |= 2;
    long nonAscii = 4;

    assertEquals(0b11, sieve.scan("1 UNION <Script>", table, nonAscii));
    assertEquals(0b011, sieve.scanned() & 0xff);
    assertEquals(0, sieve.scan("caf\u00e9 script", table, nonAscii));
    assertEquals(0b100, sieve.scanned() & 0xff);
    assertThrows(IllegalArgumentException.class, () -> sieve.scan("x", new long[127], 0));
    assertThrows(IllegalArgumentException.class, () -> sieve.scan("x", table, 1L << 60));
  }

  @Test
  void keywordSieveFindsAKeywordWhereverItStandsInALongText() {
    // Long texts are walked as two overlapping halves: every position, the middle included.
    KeywordSieve sieve = new KeywordSieve(KeywordSet.of("information_schema"), KeywordSet.of("xp_"));
    for (int length = 16; length <= 41; length++) {
      for (int at = 0; at + 8 <= length; at++) {
        String text = "-".repeat(at) + "informat" + "-".repeat(length - at - 8);
        assertEquals(0b01, present(sieve, text), text);
        String other = "-".repeat(at) + "xp_" + "-".repeat(length - at - 3);
        assertEquals(0b10, present(sieve, other), other);
      }
      assertEquals(0, present(sieve, "-".repeat(length - 7) + "informa"));
    }
  }

  private static long present(KeywordSieve sieve, String text) {
    long sets = sieve.scan(text, sieve.classTable(), 0);
    sieve.remember(text, sets);
    return sets;
  }
}
