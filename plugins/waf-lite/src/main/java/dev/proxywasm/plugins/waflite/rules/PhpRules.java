package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 933: PHP injection. */
final class PhpRules {
  private static final int TARGETS = TargetKind.INJECTION & ~TargetKind.UA_REFERER;
  /** Functions with no business in user input, matched anywhere (CRS 933150). */
  private static final KeywordSet HIGH_RISK = KeywordSet.parse(
      "base64_decode|bzdecompress|call_user_func|call_user_func_array|create_function"
          + "|escapeshellarg|escapeshellcmd|file_get_contents|file_put_contents|fsockopen"
          + "|func_get_args|gzdecode|gzinflate|gzuncompress|include_once|ini_get_all|ini_restore"
          + "|is_uploaded_file|move_uploaded_file|mysql_query|passthru|pcntl_exec|php_uname"
          + "|phpinfo|phpversion|posix_getpwuid|posix_kill|posix_mkfifo|posix_setpgid|posix_setsid"
          + "|posix_setuid|preg_replace_callback|proc_close|proc_get_status|proc_nice|proc_open"
          + "|proc_terminate|register_shutdown_function|register_tick_function|require_once"
          + "|shell_exec|show_source|highlight_file|str_rot13|stream_get_contents"
          + "|stream_socket_client|convert_uudecode|get_magic_quotes_gpc|array_map|assert_options"
          + "|get_defined_vars|get_current_user|getmypid|gethostbyname|set_error_handler");
  /** Functions that are also plain words, so they count only when called (CRS 933160). */
  private static final KeywordSet CALLED = KeywordSet.parse(
      "assert|chr|exec|eval|exp|file|filegroup|glob|imagegif|imagejpeg|imagepng|imagewbmp"
          + "|md5|opendir|ord|passthru|popen|prev|readfile|tmpfile|unpack|unlink|stat|substr"
          + "|system|fopen|fwrite|fputs|fread|unserialize|serialize|hex2bin"
          + "|urldecode|rawurldecode|preg_replace|extract|parse_str|putenv|getenv|ini_set"
          + "|symlink|scandir|readdir|curl_exec|curl_init|print_r|var_dump|var_export|copy"
          + "|rename|chmod|chown|mkdir|rmdir|touch|dl|mail|header|array_filter|usort|uasort"
          + "|array_walk|iterator_apply|fgets|file_exists|base64_encode|str_replace|sprintf");
  private static final KeywordSet SUPERGLOBALS = KeywordSet.parse(
      "$_server|$_get|$_post|$_cookie|$_files|$_env|$_request|$_session|$globals"
          + "|$http_raw_post_data|$http_get_vars|$http_post_vars|$http_cookie_vars"
          + "|$http_server_vars|$http_env_vars|$http_session_vars|$http_post_files");
  private static final KeywordSet WRAPPERS = KeywordSet.parse(
      "bzip2://|expect://|glob://|ogg://|phar://|rar://|ssh2.shell://|ssh2.exec://"
          + "|ssh2.tunnel://|ssh2.sftp://|ssh2.scp://|ssh2://|zip://|zlib://|php://");
  private static final KeywordSet CONFIG_DIRECTIVES = KeywordSet.parse(
      "allow_url_fopen|allow_url_include|auto_append_file|auto_prepend_file|disable_functions"
          + "|disable_classes|open_basedir|safe_mode|engine|extension|extension_dir|zend_extension"
          + "|smtp|smtp_port|sendmail_from|sendmail_path|include_path|error_log|log_errors"
          + "|display_errors|display_startup_errors|error_reporting|register_globals"
          + "|magic_quotes_gpc|memory_limit|max_execution_time|file_uploads|upload_tmp_dir"
          + "|upload_max_filesize|post_max_size|short_open_tag|output_handler|user_ini.filename"
          + "|user_dir|doc_root|cgi.force_redirect|expose_php|default_charset|variables_order"
          + "|session.|mbstring.|mail.|pcre.|opcache.|phar.|assert.|zend.|xdebug.|date."
          + "|url_rewriter.|highlight.|suhosin.|apc.|realpath_cache_size|unserialize_callback_func"
          + "|auto_detect_line_endings|default_socket_timeout|implicit_flush|arg_separator.");

  private static final int LESS_THAN = CharacterSignature.of("<");
  private static final int BRACES = CharacterSignature.of("{}");
  private static final int PARENTHESES = CharacterSignature.of("()");
  private static final int SERIALIZED = CharacterSignature.of(":\"{");

  // An acceptor as a constant: TeaVM would allocate a method reference per evaluation.
  private static final KeywordSet.Acceptor CALL = PhpRules::isCall;
  private PhpRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(933100, "PHP Injection Attack: PHP Open Tag Found", TARGETS,
        PhpRules::openTag));
    rules.add(Rule.values(933110, "PHP Injection Attack: PHP Script File Upload Found",
        TargetKind.FILENAMES, t -> Filenames.extensionIn(t, "php", "php3", "php4", "php5",
            "php6", "php7", "php8", "phtml", "phar", "pht", "phps", "pgif", "inc")));
    rules.add(Rule.values(933120, "PHP Injection Attack: Configuration Directive Found", TARGETS,
        PhpRules::configDirective).needsKeyword(CONFIG_DIRECTIVES));
    rules.add(Rule.values(933130, "PHP Injection Attack: Variables Found", TARGETS,
        t -> t.lower().indexOf('$') < 0 ? null : SUPERGLOBALS.find(t.lower(), (s, a, b) -> b >= s.length() || !CharClass.isWord(s.charAt(b)))));
    rules.add(Rule.values(933135, "PHP Injection Attack: Variable Access Found", TARGETS,
        PhpRules::variableVariable));
    rules.add(Rule.values(933150, "PHP Injection Attack: High-Risk PHP Function Name Found",
        TARGETS, t -> HIGH_RISK.find(t.lower(), KeywordSet.ANYWHERE)).needsKeyword(HIGH_RISK));
    rules.add(Rule.values(933160, "PHP Injection Attack: High-Risk PHP Function Call Found",
        TARGETS, t -> CALLED.findBefore(t.lower(), '(', CALL)));
    rules.add(Rule.values(933170, "PHP Injection Attack: Serialized Object Injection", TARGETS
        | TargetKind.HEADERS, PhpRules::serializedObject));
    rules.add(Rule.values(933180, "PHP Injection Attack: Variable Function Call Found", TARGETS,
        PhpRules::variableCall));
    rules.add(Rule.values(933200, "PHP Injection Attack: Wrapper scheme detected", TARGETS,
        t -> WRAPPERS.find(t.lower(), KeywordSet.ANYWHERE)));
    rules.add(Rule.values(933210, "PHP Injection Attack: Variable Function Call Found", TARGETS,
        PhpRules::indirectCall));
    rules.add(Rule.values(933220, "PHP Injection Attack: PHP session file upload",
        TargetKind.FILENAMES, t -> {
          String name = Filenames.storedName(t);
          return name.startsWith("sess_") && name.length() > 10 ? name : null;
        }));
  }

  private static String openTag(Target t) {
    String s = t.lower();
    // The signature covers the lowercase value: without a '<' there is no "<?" to look for.
    int at = (t.signature() & LESS_THAN) == 0 ? -1 : CharClass.indexOf(s, "<?", 0);
    while (at >= 0) {
      if (!(s.startsWith("xml", at + 2) && at + 5 < s.length() && CharClass.isSpace(s.charAt(at + 5)))) {
        return CharClass.clip(s.substring(at), 16);
      }
      at = CharClass.indexOf(s, "<?", at + 2);
    }
    // Every bracketed form holds "php": one search spares most values the four.
    if (!CharClass.contains(s, "php")) {
      return null;
    }
    if (CharClass.contains(s, "[php]") || CharClass.contains(s, "[/php]") || CharClass.contains(s, "[\\php]") || CharClass.contains(s, "{php}")) {
      return "[php]";
    }
    return null;
  }

  private static String configDirective(Target t) {
    String s = t.lower();
    if (s.indexOf('=') < 0) {
      return null;
    }
    return CONFIG_DIRECTIVES.find(s, (text, start, end) -> {
      if (start > 0 && CharClass.isWord(text.charAt(start - 1))) {
        return false;
      }
      int i = end;
      while (i < text.length() && (CharClass.isWord(text.charAt(i)) || text.charAt(i) == '.')
          && text.charAt(end - 1) == '.') {
        i++;
      }
      i = CharClass.skipSpaces(text, i);
      return i < text.length() && text.charAt(i) == '=' && (i + 1 >= text.length() || text.charAt(i + 1) != '=');
    });
  }

  private static String variableVariable(Target t) {
    if ((t.signature() & BRACES) != BRACES) {
      return null; // "${...}" needs both braces
    }
    String s = t.lower();
    int at = s.indexOf('$');
    while (at >= 0) {
      int i = CharClass.skipSpaces(s, at + 1);
      if (i < s.length() && s.charAt(i) == '{') {
        int j = CharClass.skipSpaces(s, i + 1);
        int close = s.indexOf('}', j);
        int nested = s.indexOf('{', j);
        if (j < s.length() && close > j && (nested < 0 || nested > close)) {
          return CharClass.clip(s.substring(at), 24);
        }
      }
      at = s.indexOf('$', at + 1);
    }
    return null;
  }

  /** A keyword followed (after spaces/comments) by {@code (}, with something closing it. */
  private static boolean isCall(String text, int start, int end) {
    if (start > 0 && (CharClass.isWord(text.charAt(start - 1)) || text.charAt(start - 1) == '$'
        || text.charAt(start - 1) == '.' || text.charAt(start - 1) == '-')) {
      return false;
    }
    int i = CharClass.skipSpacesAndComments(text, end);
    while (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(' && text.indexOf(')', i) > 0;
  }

  private static String serializedObject(Target t) {
    if ((t.signature() & SERIALIZED) != SERIALIZED) {
      return null; // O:n:"class":n:{ needs all three (the signature covers the value as parsed)
    }
    String s = t.value();
    for (int i = 0; i + 3 < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == 'O' || c == 'o' || c == 'C' || c == 'c') && s.charAt(i + 1) == ':'
          && (i == 0 || !CharClass.isWord(s.charAt(i - 1)))) {
        int j = i + 2;
        while (j < s.length() && CharClass.isDigit(s.charAt(j))) {
          j++;
        }
        if (j > i + 2 && s.startsWith(":\"", j)) {
          int close = s.indexOf("\":", j + 2);
          if (close > 0) {
            int k = close + 2;
            while (k < s.length() && CharClass.isDigit(s.charAt(k))) {
              k++;
            }
            if (k > close + 2 && s.startsWith(":{", k)) {
              return CharClass.clip(s.substring(i), 32);
            }
          }
        }
      }
    }
    return null;
  }

  /** {@code $f(...)}, {@code ${'a'}(...)}, {@code $_['o'](...)}. */
  private static String variableCall(Target t) {
    if ((t.signature() & PARENTHESES) != PARENTHESES) {
      return null; // a call needs "(" and ")"
    }
    String s = t.lower();
    int at = s.indexOf('$');
    while (at >= 0) {
      int i = at + 1;
      while (i < s.length() && s.charAt(i) == '$') {
        i++;
      }
      int nameStart = i;
      if (i < s.length() && s.charAt(i) == '{') {
        int close = s.indexOf('}', i);
        i = close < 0 ? -1 : close + 1;
      } else {
        if (i < s.length() && (CharClass.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
          while (i < s.length() && CharClass.isWord(s.charAt(i))) {
            i++;
          }
        }
        if (i == nameStart) {
          i = -1;
        }
      }
      while (i > 0 && i < s.length()) {
        i = CharClass.skipSpacesAndComments(s, i);
        if (i < s.length() && (s.charAt(i) == '[' || s.charAt(i) == '{')) {
          int close = s.indexOf(s.charAt(i) == '[' ? ']' : '}', i);
          i = close < 0 ? -1 : close + 1;
        } else {
          break;
        }
      }
      if (i > 0 && i < s.length() && s.charAt(i) == '(' && s.indexOf(')', i) > 0) {
        return CharClass.clip(s.substring(at), 24);
      }
      at = s.indexOf('$', at + 1);
    }
    return null;
  }

  /** {@code (system)('id');}, {@code ("sys"."tem")('id');}, {@code [system][0](ls);}. */
  private static String indirectCall(Target t) {
    if ((t.signature() & PARENTHESES) != PARENTHESES) {
      return null; // the call needs "(" and ")"
    }
    String s = t.lower();
    int end = s.length();
    while (end > 0 && CharClass.isSpace(s.charAt(end - 1))) {
      end--;
    }
    if (end < 4 || s.charAt(end - 1) != ';') {
      return null;
    }
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == ')' || c == ']') {
        int j = CharClass.skipSpacesAndComments(s, i + 1);
        if (j < end && s.charAt(j) == '(' && s.indexOf(')', j) > 0) {
          return CharClass.clip(s, 32);
        }
      }
    }
    return null;
  }
}
