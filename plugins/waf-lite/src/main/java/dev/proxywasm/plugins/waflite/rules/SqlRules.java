package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.detect.SqlInjectionDetector;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 942: SQL injection. */
final class SqlRules {
  private static final int TARGETS = TargetKind.INJECTION | TargetKind.PATH;
  private static final SqlInjectionDetector DETECTOR = new SqlInjectionDetector();
  /** Catalogue tables and system databases: probing for them is reconnaissance. */
  private static final KeywordSet CATALOGUE = KeywordSet.parse(
      "information_schema|pg_catalog|pg_shadow|pg_user|pg_namespace|pg_database|msysaccessobjects"
          + "|msysaccessstorage|msysaces|msysobjects|msysqueries|msysrelationships|schema_name"
          + "|table_name|column_name|tempdb|northwind|master..sysdatabases|sysobjects|syscolumns"
          + "|sysdatabases|sysusers|systables|sqlite_master|sqlite_temp_master|mysql.user"
          + "|mysql.db|all_tables|user_tables|all_tab_columns|user_objects|dba_users|v$version"
          + "|sys.sql_logins|sys.objects|sys.tables|sys.columns|xp_cmdshell|xp_regread|xp_dirtree"
          + "|sp_executesql|sp_oacreate|sp_makewebtask|sp_addextendedproc|sp_password|@@version"
          + "|@@datadir|@@hostname|@@basedir|@@servername");
  /** SQL functions that only make sense in a query (CRS 942151), counted when called. */
  private static final KeywordSet FUNCTIONS = KeywordSet.parse(
      "abs|acos|aes_decrypt|aes_encrypt|ascii|asin|atan|atan2|avg|benchmark|bin|bin_to_num|bit_and"
          + "|bit_count|bit_length|bit_or|bit_xor|cast|ceil|ceiling|char_length|character_length"
          + "|charset|chr|coalesce|coercibility|collation|compress|concat|concat_ws|connection_id"
          + "|conv|convert|convert_tz|cos|cot|crc32|ctxsys.drithsx.sn|current_database|current_user"
          + "|curdate|curtime|database|date_add|date_format|date_sub|datediff|db_name|dbms_pipe"
          + ".receive_message|dbms_lock.sleep|decode|degrees|des_decrypt|des_encrypt|elt|encode"
          + "|encrypt|exp|export_set|extract|extractvalue|find_in_set|floor|found_rows|from_base64"
          + "|from_days|from_unixtime|get_lock|greatest|group_concat|has_dbaccess|hex|ifnull"
          + "|inet_aton|inet_ntoa|instr|is_srvrolemember|isnull|json_extract|json_keys|last_insert_id"
          + "|lcase|least|load_file|ln|locate|log10|log2|lpad|ltrim|make_set|master_pos_wait|md5"
          + "|mid|name_const|nullif|oct|octet_length|ord|pg_read_file|pg_ls_dir|pg_sleep|pow"
          + "|quote|radians|rand|randomblob|release_lock|row_count|rpad|rtrim|schema|sec_to_time"
          + "|session_user|sha|sha1|sha2|sin|sleep|soundex|sqlite_compileoption_used"
          + "|sqlite_version|sqrt|stddev|str_to_date|strcmp|subdate|substr|substring"
          + "|substring_index|sys_context|sys_eval|sys_exec|sysdate|system_user|tan|time_to_sec"
          + "|to_base64|to_char|to_days|trunc|ucase|uncompress|uncompressed_length|unhex"
          + "|unistr|unix_timestamp|updatexml|utc_date|utl_http.request|utl_inaddr.get_host_address"
          + "|uuid|uuid_short|var_pop|var_samp|xmltype|jsonb_pretty|lo_import|lo_get|lo_export"
          + "|json_build_object|array_to_string|string_to_array|unnest|query_to_xml|char|nchar"
          + "|varchar|nvarchar|waitfor|openrowset|opendatasource|openquery");
  private static final KeywordSet MONGO_OPERATORS = KeywordSet.parse(
      "$ne|$eq|$gt|$gte|$lt|$lte|$in|$nin|$and|$or|$not|$nor|$exists|$type|$mod|$regex|$text"
          + "|$where|$all|$elemmatch|$size|$expr|$jsonschema|$function|$accumulator");
  private static final KeywordSet OVERFLOW_NUMBERS = KeywordSet.parse(
      "-0000023456|4294967295|4294967296|2147483648|2147483647|0000012345|-2147483648|-2147483649"
          + "|0000023456|2.2250738585072007e-308|2.2250738585072011e-308|1e309|9223372036854775807"
          + "|-9223372036854775808");
  private static final KeywordSet HAVING = KeywordSet.parse("having");
  private static final KeywordSet IF = KeywordSet.parse("if");
  private static final KeywordSet JSON_EXTRACT = KeywordSet.parse("json_extract(|json_extract (");
  private static final KeywordSet POSTGRES_TYPES = KeywordSet.parse(
      "int|int2|int4|int8|integer|bigint|smallint|text|varchar|char|numeric|json|jsonb|regclass"
          + "|oid|bytea|boolean|bool|float|real|xml|inet|name|tsvector|date|timestamp|uuid");

  private static final int OPEN_PARENTHESIS = CharacterSignature.of("(");
  private static final int CLOSE_PARENTHESIS = CharacterSignature.of(")");
  private static final int COLON = CharacterSignature.of(":");
  private static final int AT_SIGN = CharacterSignature.of("@");
  private static final int QUOTE_AFTER_CLOSER = CharacterSignature.of("'}");
  private static final int QUOTE_AFTER_BRACKET = CharacterSignature.of("']");

  // Acceptors as constants: TeaVM would allocate a method reference per evaluation.
  private static final KeywordSet.Acceptor CALLED = SqlRules::isCalled;
  /** What each of 942320's forms holds: a cast, a declaration, an exec. */
  private static final KeywordSet PROCEDURE_WORDS = KeywordSet.parse("::|declare|exec");
  /** What 942500 looks for. */
  private static final KeywordSet COMMENT_OPENING = KeywordSet.parse("/*");
  /** What 942560's scientific notation has ({@code 1.e(}). */
  private static final KeywordSet DOT_E = KeywordSet.parse(".e");
  private static final KeywordSet.Acceptor WHOLE_VALUE = SqlRules::isWholeValue;
  private static final KeywordSet.Acceptor HAVING_CONDITION = SqlRules::havingCondition;
  private static final KeywordSet.Acceptor IF_COMPARISON = SqlRules::ifComparison;
  private SqlRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(942100, "SQL Injection Attack Detected via libinjection-style tokens",
        TARGETS & ~TargetKind.PATH, t -> DETECTOR.detect(t.lower()))
        .needsKeyword(SqlInjectionDetector.TRIGGERS));
    rules.add(Rule.values(942140, "SQL Injection Attack: Common DB Names Detected", TARGETS,
        t -> CATALOGUE.find(t.lower(), KeywordSet.WORD_START)).needsKeyword(CATALOGUE));
    rules.add(Rule.values(942151, "SQL Injection Attack: SQL function name detected", TARGETS,
        t -> FUNCTIONS.findBefore(t.lower(), '(', CALLED)).needsKeyword(FUNCTIONS));
    rules.add(Rule.values(942220, "Looking for integer overflow attacks", TARGETS,
        // The trimmed value is one of the numbers: a number with only padding around it.
        t -> OVERFLOW_NUMBERS.find(t.lower(), WHOLE_VALUE)).needsKeyword(OVERFLOW_NUMBERS));
    rules.add(Rule.values(942230, "Detects conditional SQL injection attempts", TARGETS,
        SqlRules::conditional));
    rules.add(Rule.values(942290, "Finds basic MongoDB SQL injection attempts",
        TARGETS & ~TargetKind.PATH, SqlRules::mongo));
    rules.add(Rule.values(942320, "SQL Injection: stored procedure or cast",
        TARGETS, SqlRules::procedure).needsKeyword(PROCEDURE_WORDS));
    rules.add(Rule.values(942500, "MySQL in-line comment detected", TARGETS, t -> {
      String s = t.lower();
      int at = CharClass.indexOf(s, "/*", 0);
      while (at >= 0) {
        int i = CharClass.skipSpaces(s, at + 2);
        if (i < s.length() && s.charAt(i) == '!') {
          return "/*!";
        }
        at = CharClass.indexOf(s, "/*", at + 2);
      }
      return null;
    }).needsKeyword(COMMENT_OPENING));
    rules.add(Rule.values(942550, "JSON-Based SQL Injection", TARGETS, SqlRules::jsonOperators));
    rules.add(Rule.values(942560, "MySQL Scientific Notation payload detected", TARGETS, t -> {
      String s = t.lower();
      for (int i = CharClass.indexOf(s, '.', 1); i >= 0 && i + 2 < s.length(); i = CharClass.indexOf(s, '.', i + 1)) {
        if (s.charAt(i + 1) == 'e' && CharClass.isDigit(s.charAt(i - 1))
            && (s.charAt(i + 2) == '(' || s.charAt(i + 2) == '.' || s.charAt(i + 2) == ',')) {
          return s.substring(i - 1, i + 3);
        }
      }
      return null;
    }).needsKeyword(DOT_E));
  }

  /** {@code [start, end)} is all of {@code text} but what {@code String.trim} removes. */
  private static boolean isWholeValue(String text, int start, int end) {
    for (int i = 0; i < start; i++) {
      if (text.charAt(i) > ' ') {
        return false;
      }
    }
    for (int i = end; i < text.length(); i++) {
      if (text.charAt(i) > ' ') {
        return false;
      }
    }
    return true;
  }

  /** A function name as a whole word, followed by {@code (} (spaces and comments allowed). */
  private static boolean isCalled(String text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (CharClass.isWord(before) || before == '.' || before == '$' || before == '-') {
        return false;
      }
    }
    int i = CharClass.skipSpacesAndComments(text, end);
    if (i < text.length() && text.charAt(i) == '\\') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '=') {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }

  private static String conditional(Target t) {
    String s = t.lower();
    int signature = t.signature();
    int at = (signature & CLOSE_PARENTHESIS) == 0 ? -1 : CharClass.indexOf(s, ')', 0);
    while (at >= 0) {
      int i = CharClass.skipSpaces(s, at + 1);
      // The first letter before startsWith, a call that compares from scratch.
      if (i < s.length() && s.charAt(i) == 'l' && s.startsWith("like", i)
          && s.indexOf('(', i + 4) == CharClass.skipSpaces(s, i + 4)) {
        return "like";
      }
      at = CharClass.indexOf(s, ')', at + 1);
    }
    // Keyword sets, not indexOf: the engine's sieve has told which of them occur in the value.
    if (HAVING.find(s, HAVING_CONDITION) != null) {
      return "having";
    }
    return (signature & OPEN_PARENTHESIS) != 0 && IF.find(s, IF_COMPARISON) != null ? "if(" : null;
  }

  /** {@code having} as a word start, then a word, then something that is not a word. */
  private static boolean havingCondition(String s, int at, int end) {
    int i = CharClass.skipSpaces(s, end);
    int word = i;
    while (i < s.length() && !CharClass.isSpace(s.charAt(i))) {
      i++;
    }
    i = CharClass.skipSpaces(s, i);
    return CharClass.wordStart(s, at, at) && i > word && i < s.length() && !CharClass.isWord(s.charAt(i));
  }

  /** {@code if(} or {@code if (} as a word start, with a word compared to something. */
  private static boolean ifComparison(String s, int at, int end) {
    int i = end;
    if (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    if (CharClass.wordStart(s, at, at) && i + 1 < s.length() && s.charAt(i) == '('
        && CharClass.isWord(s.charAt(i + 1))) {
      int j = i + 1;
      while (j < s.length() && CharClass.isWord(s.charAt(j))) {
        j++;
      }
      j = CharClass.skipSpaces(s, j);
      return j < s.length() && "=<>~".indexOf(s.charAt(j)) >= 0;
    }
    return false;
  }

  private static String mongo(Target t) {
    String s = t.lower();
    if ((t.kind() & TargetKind.ARG_NAMES) != 0 && s.startsWith("$") && MONGO_OPERATORS.contains(s)) {
      return s;
    }
    return MONGO_OPERATORS.find(s, (text, a, b) -> a > 0 && text.charAt(a - 1) == '['
        && b < text.length() && text.charAt(b) == ']');
  }

  private static String procedure(Target t) {
    String s = t.lower();
    int signature = t.signature();
    int at = (signature & COLON) == 0 ? -1 : CharClass.indexOf(s, "::", 0);
    while (at >= 0) {
      int i = at + 2;
      int start = i;
      while (i < s.length() && CharClass.isWord(s.charAt(i))) {
        i++;
      }
      if (i > start && POSTGRES_TYPES.contains(s.substring(start, i)) && at > 0
          && (CharClass.isWord(s.charAt(at - 1)) || s.charAt(at - 1) == '\'' || s.charAt(at - 1) == ')')) {
        return s.substring(Math.max(0, at - 8), i);
      }
      at = CharClass.indexOf(s, "::", at + 2);
    }
    if ((signature & AT_SIGN) == 0) {
      return null; // both forms below end in "@"
    }
    at = CharClass.indexOf(s, "declare", 0);
    if (at >= 0 && CharClass.wordStart(s, at, at)) {
      int i = CharClass.skipSpaces(s, at + 7);
      if (i > at + 7 && i < s.length() && s.charAt(i) == '@') {
        return "declare @";
      }
    }
    at = (signature & OPEN_PARENTHESIS) == 0 ? -1 : CharClass.indexOf(s, "exec", 0);
    while (at >= 0) {
      int i = CharClass.skipSpaces(s, at + 4);
      if (CharClass.wordStart(s, at, at) && i < s.length() && s.charAt(i) == '('
          && CharClass.skipSpaces(s, i + 1) < s.length() && s.charAt(CharClass.skipSpaces(s, i + 1)) == '@') {
        return "exec (@";
      }
      at = CharClass.indexOf(s, "exec", at + 4);
    }
    return null;
  }

  /** Postgres/MySQL JSON operators applied to JSON literals: {@code '{"a":1}' @> ...}. */
  private static String jsonOperators(Target t) {
    String s = t.lower();
    if (JSON_EXTRACT.containsAny(s)) {
      return "json_extract";
    }
    if ((t.signature() & QUOTE_AFTER_CLOSER) != QUOTE_AFTER_CLOSER
        && (t.signature() & QUOTE_AFTER_BRACKET) != QUOTE_AFTER_BRACKET) {
      return null; // the literal ends in "}'" or "]'"
    }
    // A literal's closing quote: visit the quotes rather than every character.
    for (int q = s.indexOf('\'', 1); q >= 0; q = s.indexOf('\'', q + 1)) {
      int i = q - 1;
      char c = s.charAt(i);
      if (c == '}' || c == ']') {
        int j = CharClass.skipSpacesAndComments(s, i + 2);
        if (s.startsWith("::json", j) || s.startsWith("->", j) || s.startsWith("#>", j)
            || s.startsWith("@>", j) || s.startsWith("<@", j) || s.startsWith("?|", j)
            || s.startsWith("?&", j) || s.startsWith("@@", j) || s.startsWith("? '", j)
            || s.startsWith("@ '", j) || s.startsWith("< '", j) || s.startsWith("> '", j)
            || s.startsWith("- ", j)) {
          return CharClass.clip(s.substring(i + 1), 16);
        }
      }
    }
    return null;
  }
}
