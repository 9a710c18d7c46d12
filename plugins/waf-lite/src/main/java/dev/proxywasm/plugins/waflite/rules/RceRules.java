package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.detect.ShellCommandDetector;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 932: remote command execution, Unix and Windows shells. */
final class RceRules {
  private static final int TARGETS = TargetKind.INJECTION & ~TargetKind.UA_REFERER;
  private static final KeywordSet UNIX_COMMANDS = KeywordSet.parse(
      "7z|7za|7zr|aa-exec|aa-disable|ab|addgroup|adduser|agetty|alias|ansible|ansible-galaxy"
          + "|ansible-playbook|ansible-pull|ansible-vault|apt|apt-get|aptitude|ar|aria2c|arp|as"
          + "|ascii85|ash|at|atobm|awk|base32|base64|basenc|basename|bash|batcat|bc|bconsole"
          + "|bpftrace|bridge|bsdcat|bsdtar|build|bundle|bundler|busybox|bzcat|bzip2|c89|c99|cabal"
          + "|cancel|capsh|cat|cdist|certbot|chattr|chdir|check_by_ssh|chef|chef-client|chef-shell"
          + "|chef-solo|chef-vault|chgrp|chmod|chown|chroot|cksum|clamscan|cmp|cobc|column|comm"
          + "|composer|cowsay|cowthink|cp|cpan|cpio|cpulimit|crash|crontab|csh|csplit|csvtool"
          + "|cscli|cupsfilter|curl|cut|dash|date|dd|debugfs|dialog|diff|dig|dmesg|dmidecode|dmsetup"
          + "|dnf|docker|dosbox|dpkg|du|dvips|easy_install|eb|ed|efax|emacs|env|eqn|espeak|ex|exiftool"
          + "|expand|expect|facter|fetch|file|find|finger|fish|flock|fmt|fold|ftp|gawk|gcc|gcore|gdb"
          + "|gem|genie|genisoimage|getfacl|ghc|ghci|gimp|ginsh|git|grc|grep|gtester|gunzip|gzip"
          + "|hd|head|hexdump|highlight|hping3|iconv|id|ifconfig|iftop|install|ionice|ip|ipconfig"
          + "|irb|ispell|jjs|join|journalctl|jq|jrunscript|jtag|julia|knife|ksh|ksshell|kubectl"
          + "|last|lastb|lastlog|latex|ld|ldconfig|less|lftp|ln|loginctl|logsave|look|lp|ls|lsb_release"
          + "|lscpu|lshw|lsmod|lsof|lspci|lsusb|ltrace|lua|lualatex|luatex|lwp-download|lwp-request"
          + "|lynx|mail|make|man|mawk|md5sum|more|mosquitto|mount|msgattrib|msgcat|msgconv|msgfilter"
          + "|msgmerge|msguniq|mtr|multitime|mv|mysql|mysqldump|nano|nasm|nawk|nc|ncat|neofetch"
          + "|net|netcat|netkit-ftp|netstat|nice|nl|nm|nmap|node|nohup|npm|nroff|nsenter|nslookup"
          + "|ntpdate|octave|od|openssl|openvpn|openvt|opkg|passwd|paste|pdb|pdflatex|pdftex|perf"
          + "|perl|pg|php|pic|pico|pidstat|pip|pkexec|pkg|pkill|pr|printenv|printf|pry|ps|psftp"
          + "|psql|ptx|puppet|pwd|pwsh|python|rake|rbash|readelf|red|redcarpet|restic|rev|rlogin"
          + "|rlwrap|rm|rmdir|rmt|rpm|rsync|rtorrent|ruby|run-mailcap|run-parts|rview|rvim|sash"
          + "|scanmem|scp|screen|script|sed|service|setarch|setfacl|setsid|sftp|sg|sh|shuf|slsh"
          + "|smbclient|snap|socat|soelim|sort|split|sqlite3|ss|ssh|ssh-keygen|ssh-keyscan"
          + "|sshpass|start-stop-daemon|stdbuf|strace|strings|su|sudo|sysctl|systemctl"
          + "|systemd-resolve|tac|tail|tar|taskset|tasksh|tbl|tclsh|tcpdump|tcsh|tee|telnet|tex"
          + "|tftp|tic|time|timedatectl|timeout|tmate|tmux|top|troff|tshark|ul|uname|uncompress"
          + "|unexpand|uniq|unlink|unrar|unshare|unzip|update-alternatives|uudecode|uuencode"
          + "|valgrind|vi|view|vigr|vim|vimdiff|vipw|virsh|volatility|wall|watch|wc|wget|whiptail"
          + "|who|whoami|whois|wireshark|wish|xargs|xdotool|xelatex|xetex|xmodmap|xmore|xpad|xxd"
          + "|xz|xzcat|yarn|yash|yelp|yes|yum|zathura|zcat|zip|zsh|zsoelim|zypper|zstd|zstdcat"
          + "|echo|kill|killall|sleep|useradd|usermod|userdel|groupadd|chpasswd|visudo|uptime|w"
          + "|hostname|crontab|shutdown|reboot|halt|poweroff|init|mkfifo|mknod|history|export"
          + "|unset|set|source|exec|eval|trap|ulimit|umask|type|which|whereis|locate|updatedb"
          + "|cd|htop|free|df|lsattr|pgrep|nproc|nslookup|host|traceroute|ping|route|iptables");
  /** Unix commands that are also ordinary words or names: need a command line to count. */
  private static final KeywordSet PLAIN_WORDS = KeywordSet.parse(
      "alias|at|as|bash|build|bundle|cancel|cat|chef|column|comm|crash|cut|date|dash|dialog"
          + "|diff|dig|ed|eb|emacs|env|ex|expand|expect|fetch|file|find|finger|fish|flock|fold"
          + "|git|head|highlight|id|install|ip|join|last|less|look|mail|make|man|more|mount|net"
          + "|nice|node|paste|perl|php|pic|pip|pg|pr|print|python|red|rev|ruby|run-parts|screen"
          + "|script|service|set|sort|split|source|tac|tail|tar|tee|tex|time|top|type|uniq|view"
          + "|wall|watch|which|who|wish|yes|zip|echo|kill|sleep|export|history|free|host|ping"
          + "|route|init|halt|w|ls|nc|lua|julia|genie|cd|composer|puppet|knife|eval|exec|trap"
          + "|unset|ss|su|ps|df|du|od|nl|ul|tic|ar|hd|as|cp|mv|rm|ln|sh|vi|gem|apt|npm|yarn|snap|pkg");
  private static final KeywordSet WINDOWS_COMMANDS = KeywordSet.parse(
      "cmd|powershell|pwsh|regedit|reg|bcdboot|bcdedit|bitsadmin|certutil|cscript|wscript"
          + "|mshta|rundll32|regsvr32|wmic|net|net1|netsh|sc|schtasks|taskkill|tasklist|systeminfo"
          + "|ipconfig|whoami|nslookup|ping|tracert|arp|route|dir|type|del|erase|copy|xcopy"
          + "|robocopy|move|ren|rename|mkdir|rmdir|attrib|icacls|cacls|takeown|format|diskpart"
          + "|vssadmin|wevtutil|msiexec|start|tftp|ftp|curl|wget|iex|iwr|irm|iwmi|gwmi|sal|sls"
          + "|gc|gci|sc.exe|cipher|fsutil|forfiles|findstr|query|qwinsta|quser|runas|shutdown"
          + "|cmdkey|klist|nltest|dsquery|csvde|ldifde|ntdsutil|wbadmin|bootcfg|driverquery"
          + "|echo|set|setx|call|goto|pushd|popd|assoc|ftype|mklink|expand|extrac32|hh|odbcconf"
          + "|msbuild|installutil|regasm|regsvcs|cmstp|esentutl|makecab|replace|sfc|chkdsk");
  private static final KeywordSet WINDOWS_PLAIN = KeywordSet.parse(
      "net|start|type|copy|move|format|query|set|call|echo|replace|expand|route|ping|rename"
          + "|ren|del|dir|erase|goto|curl|ftp|sc|reg|hh|gc|sal|cmd|arp");
  private static final KeywordSet POWERSHELL_CMDLETS = KeywordSet.parse(
      "invoke-webrequest|invoke-expression|invoke-command|invoke-restmethod|invoke-item"
          + "|invoke-wmimethod|invoke-cimmethod|start-process|new-object|get-content|set-content"
          + "|add-content|get-childitem|remove-item|copy-item|move-item|get-process|stop-process"
          + "|get-wmiobject|get-ciminstance|set-executionpolicy|out-file|get-itemproperty"
          + "|set-itemproperty|new-itemproperty|convertto-securestring|convertfrom-securestring"
          + "|get-credential|start-bitstransfer|downloadstring|downloadfile|frombase64string"
          + "|new-service|restart-computer|stop-computer|get-acl|set-acl|add-mppreference"
          + "|set-mppreference|get-localuser|new-localuser|enter-pssession|new-pssession"
          + "|import-module|get-service|stop-service|clear-eventlog|get-hotfix|test-connection"
          + "|-encodedcommand|-executionpolicy|-windowstyle hidden|-noprofile|-noninteractive");
  private static final KeywordSet POWERSHELL = KeywordSet.parse("powershell|powershell.exe");
  private static final KeywordSet.Acceptor LAUNCHES_POWERSHELL = RceRules::launchesPowershell;
  private static final ShellCommandDetector UNIX =
      new ShellCommandDetector(UNIX_COMMANDS, PLAIN_WORDS, false);
  private static final ShellCommandDetector WINDOWS =
      new ShellCommandDetector(WINDOWS_COMMANDS, WINDOWS_PLAIN, true);
  private static final KeywordSet SHELL_VARIABLES = KeywordSet.parse(
      "$shell|${shell}|$ifs|${ifs}|$path|${path}|$home|${home}|$bash|$0|${0}|$@");
  private static final KeywordSet RESTRICTED_UPLOADS = KeywordSet.parse(
      ".htaccess|.htdigest|.htpasswd|web.config|wp-config|settings.php|settings.local.php"
          + "|.boto|.user.ini|php.ini|.env|global.asa|acpi|.bashrc|.bash_profile|.profile"
          + "|.git|.ssh|authorized_keys|id_rsa|id_dsa|.npmrc|.pypirc|.netrc|.aws|.docker"
          + "|config.php|localsettings.php|configuration.php|app.config|appsettings.json"
          + "|.gitconfig|.zshrc|.vimrc|.mysql_history|.bash_history|crontab|passwd|shadow");

  private static final String[] COMPARISONS = {" geq ", " equ ", " neq ", " leq ", " gtr ", " lss "};
  private static final int PERCENT_EQUALS_OR_QUOTE = CharacterSignature.of("%=\\\"'");
  /** What a Shellshock function definition opens with. */
  private static final KeywordSet EMPTY_PARENTHESES = KeywordSet.parse("()");
  /** What "for" and "if" share, and cmdLine never drops (see mayNameForOrIf). */
  private static final KeywordSet LETTER_F = KeywordSet.parse("f");
  private static final KeywordSet IF_CONDITIONS = KeywordSet.parse("exist|defined|errorlevel|cmdextversion");
  private static final int SEPARATORS = CharacterSignature.of(";|&`(<") | CharacterSignature.LINE_BREAK;
  private static final int DOLLAR = CharacterSignature.of("$");
  private static final int OPENERS = CharacterSignature.of("({");
  private static final int ANGLES = CharacterSignature.of("<>");
  private static final int OPEN_PARENTHESIS = CharacterSignature.of("(");
  private static final int SLASH_BRACKET = CharacterSignature.of("/[");
  private static final int COMMA_CLOSING_BRACE = CharacterSignature.of(",}");
  private static final KeywordSet.Acceptor BEFORE_SEPARATOR = RceRules::beforeSeparator;

  private RceRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(932120, "Remote Command Execution: Windows PowerShell Command Found",
        TARGETS, RceRules::powershell).needsKeyword(POWERSHELL_CMDLETS, POWERSHELL));
    rules.add(Rule.values(932125, "Remote Command Execution: Windows Command Injection",
        TARGETS, t -> WINDOWS.find(t.lower(), hasSeparator(t))));
    rules.add(Rule.values(932130, "Remote Command Execution: Unix Shell Expression Found",
        TARGETS, RceRules::shellExpression));
    rules.add(Rule.values(932140, "Remote Command Execution: Windows FOR/IF Command Found",
        TARGETS, RceRules::windowsForIf).needsKeyword(LETTER_F));
    rules.add(Rule.values(932160, "Remote Command Execution: Unix Shell Code Found", TARGETS,
        t -> SHELL_VARIABLES.find(t.lower(), (s, a, b) -> b >= s.length() || !CharClass.isWord(s.charAt(b)))));
    rules.add(Rule.values(932171, "Remote Command Execution: Shellshock (CVE-2014-6271)",
        TARGETS | TargetKind.HEADERS, RceRules::shellshock).needsKeyword(EMPTY_PARENTHESES));
    rules.add(Rule.values(932175, "Remote Command Execution: Unix shell alias invocation",
        TARGETS, RceRules::alias));
    rules.add(Rule.values(932180, "Restricted File Upload Attempt", TargetKind.FILENAMES,
        t -> RESTRICTED_UPLOADS.find(Filenames.storedName(t),
            (s, a, b) -> a == 0 && (b == s.length() || s.charAt(b) == '.' || s.charAt(b) == '-'))));
    rules.add(Rule.values(932235, "Remote Command Execution: Unix Command Injection", TARGETS,
        t -> UNIX.find(t.lower(), hasSeparator(t))));
    rules.add(Rule.values(932270, "Remote Command Execution: Unix tilde expansion", TARGETS,
        RceRules::tildeExpansion));
    rules.add(Rule.values(932280, "Remote Command Execution: Brace expansion", TARGETS,
        RceRules::braceExpansion));
    rules.add(Rule.values(932330, "Remote Command Execution: Unix shell history invocation",
        TARGETS, t -> {
          String s = t.lower();
          int at = CharClass.indexOf(s, "!-", 0);
          return at >= 0 && at + 2 < s.length() && CharClass.isDigit(s.charAt(at + 2)) ? "!-" : null;
        }));
  }

  /** Whether the value may hold a command separator (the signature covers the decoded value). */
  private static boolean hasSeparator(Target t) {
    return (t.signature() & SEPARATORS) != 0;
  }

  private static String powershell(Target t) {
    String s = t.lower();
    String cmdlet = POWERSHELL_CMDLETS.find(s, KeywordSet.WHOLE_WORD);
    if (cmdlet != null) {
      return cmdlet;
    }
    return POWERSHELL.find(s, LAUNCHES_POWERSHELL);
  }

  /**
   * {@code powershell.exe}, or {@code powershell} followed by spaces and an option, a path or
   * a quoted command. A "powershell" followed by ".exe" is left to the longer keyword, which
   * ends later in the same pass.
   */
  private static boolean launchesPowershell(String s, int start, int end) {
    if (end - start > 10 || s.startsWith(".exe", end)) {
      return end - start > 10;
    }
    int a = CharClass.skipSpaces(s, end);
    return a > end && a < s.length() && (s.charAt(a) == '-' || s.charAt(a) == '/'
        || s.charAt(a) == '"' || (a + 1 < s.length() && s.charAt(a + 1) == ':'));
  }

  /** {@code $(...)}, {@code ${...}}, {@code <(...)}, {@code >(...)}, {@code /e[t]c}-style globs. */
  private static String shellExpression(Target t) {
    if (!mayHoldShellExpression(t.signature())) {
      return null;
    }
    String s = t.lower();
    int n = s.length();
    for (int i = 0; i + 1 < n; i++) {
      char c = s.charAt(i);
      char d = s.charAt(i + 1);
      if ((c == '$' && (d == '(' || d == '{')) || ((c == '<' || c == '>') && d == '(')) {
        char close = d == '(' ? ')' : '}';
        if (s.indexOf(close, i + 2) > i + 2) {
          return CharClass.clip(s.substring(i), 24);
        }
      } else if (c == '/' && isGlob(s, i + 1)) {
        return CharClass.clip(s.substring(i), 24);
      }
    }
    return null;
  }

  /**
   * Whether a value with this signature (which covers the lowercase value) has the characters
   * of one of shellExpression's forms: {@code $} with {@code (} or <code>{</code>, {@code <} or
   * {@code >} with {@code (}, or a {@code /} with a {@code [}. A JSON body has brackets but no
   * slash, most values none of these pairs.
   */
  private static boolean mayHoldShellExpression(int signature) {
    return (signature & DOLLAR) != 0 && (signature & OPENERS) != 0
        || (signature & ANGLES) != 0 && (signature & OPEN_PARENTHESIS) != 0
        || (signature & SLASH_BRACKET) == SLASH_BRACKET;
  }

  private static boolean isGlob(String s, int from) {
    int i = from;
    while (i < s.length() && CharClass.isWord(s.charAt(i))) {
      i++;
    }
    if (i >= s.length() || s.charAt(i) != '[') {
      return false;
    }
    int close = s.indexOf(']', i + 1);
    if (close < 0) {
      return false;
    }
    // A glob, not a bot name like "renovate[bot]": one character, or wildcard/range syntax.
    String inside = s.substring(i + 1, close);
    if (inside.length() == 1) {
      return true;
    }
    for (int k = 0; k < inside.length(); k++) {
      if ("?*!-/\\^".indexOf(inside.charAt(k)) >= 0) {
        return close - i < 24;
      }
    }
    return false;
  }

  private static String windowsForIf(Target t) {
    if (!mayNameForOrIf(t.lower()) || !mayCompleteForOrIf(t)) {
      return null;
    }
    String s = t.commandLine();
    int at = indexOfWord(s, "for", 0);
    while (at >= 0) {
      int i = at + 3;
      if (i < s.length() && s.charAt(i) == '/') {
        i += 2;
      }
      int percent = CharClass.indexOf(s, " %", i);
      if (percent >= 0) {
        int in = CharClass.indexOf(s, " in(", percent);
        if (in > 0 && s.indexOf(')', in) > 0 && CharClass.indexOf(s, "do", s.indexOf(')', in)) > 0) {
          return CharClass.clip(s.substring(at), 32);
        }
      }
      at = indexOfWord(s, "for", at + 3);
    }
    at = indexOfWord(s, "if", 0);
    while (at >= 0) {
      int i = at + 2;
      if (s.startsWith("/i", i)) {
        i += 2;
      }
      i = CharClass.skipSpaces(s, i);
      if (s.startsWith("not ", i)) {
        i += 4;
      }
      if (s.startsWith("exist ", i) || s.startsWith("defined ", i) || s.startsWith("errorlevel ", i)
          || s.startsWith("cmdextversion ", i)) {
        return CharClass.clip(s.substring(at), 32);
      }
      String rest = s.substring(i);
      if ((i > at + 2 || s.startsWith("(", i)) && (CharClass.contains(rest, "==") || hasComparison(rest))) {
        return CharClass.clip(s.substring(at), 32);
      }
      at = indexOfWord(s, "if", at + 2);
    }
    return null;
  }

  /**
   * Whether the {@code cmdLine} form of {@code lower} can contain "for" or "if": it only drops
   * {@code \ " ' ^} and turns separators into spaces, so it needs an 'f' with, across those
   * characters only, an 'i' before it or an 'o' after it. Spares most values the normalisation.
   */
  private static boolean mayNameForOrIf(String lower) {
    int n = lower.length();
    for (int f = CharClass.indexOf(lower, 'f', 0); f >= 0; f = CharClass.indexOf(lower, 'f', f + 1)) {
      int before = f - 1;
      while (before >= 0 && isCmdQuote(lower.charAt(before))) {
        before--;
      }
      int after = f + 1;
      while (after < n && isCmdQuote(lower.charAt(after))) {
        after++;
      }
      if ((before >= 0 && lower.charAt(before) == 'i') || (after < n && lower.charAt(after) == 'o')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the {@code cmdLine} form can hold what must follow "for" or "if": a {@code for}
   * loop needs {@code %}, a comparison {@code ==} or a {@code %} operand (the form has no
   * {@code "}), the rest exist, defined, errorlevel or cmdextversion followed by a separator.
   * Without {@code \ " ' ^}, which the form drops, the value reads as the form does. Prose
   * with "if" or "for" has none of them, so it is spared the normalisation.
   */
  private static boolean mayCompleteForOrIf(Target t) {
    if ((t.signature() & PERCENT_EQUALS_OR_QUOTE) != 0 || CharClass.indexOf(t.lower(), '^', 0) >= 0) {
      return true; // '%' or '=', or quotes the form would drop: let the full check decide
    }
    return IF_CONDITIONS.find(t.lower(), BEFORE_SEPARATOR) != null;
  }

  private static boolean beforeSeparator(String s, int start, int end) {
    return end < s.length() && isCmdSeparator(s.charAt(end));
  }

  /** The characters {@code cmdLine} turns into a space. */
  private static boolean isCmdSeparator(char c) {
    return c == ',' || c == ';' || CharClass.isSpace(c);
  }

  private static boolean isCmdQuote(char c) {
    return c == '\\' || c == '"' || c == '\'' || c == '^';
  }

  private static boolean hasComparison(String s) {
    // A comparison counts only with a %variable or a quoted operand: test that first, it is
    // one scan against six.
    if (s.indexOf('%') < 0 && s.indexOf('"') < 0) {
      return false;
    }
    for (String op : COMPARISONS) {
      if (s.contains(op)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfWord(String s, String word, int from) {
    int at = CharClass.indexOf(s, word, from);
    while (at >= 0 && !CharClass.wholeWord(s, at, at + word.length())) {
      at = CharClass.indexOf(s, word, at + 1);
    }
    return at;
  }

  private static String shellshock(Target t) {
    String s = t.lower();
    int at = CharClass.indexOf(s, "()", 0);
    while (at >= 0) {
      int i = CharClass.skipSpaces(s, at + 2);
      if (i < s.length() && s.charAt(i) == '{') {
        return CharClass.clip(s.substring(at), 16);
      }
      at = CharClass.indexOf(s, "()", at + 2);
    }
    return null;
  }

  private static String alias(Target t) {
    if ((t.signature() & CharacterSignature.SPACE) == 0) {
      return null; // "alias" is followed by whitespace
    }
    String s = t.lower();
    int at = indexOfWord(s, "alias", 0);
    while (at >= 0) {
      int i = at + 5;
      if (i < s.length() && CharClass.isSpace(s.charAt(i))) {
        for (int j = i; j < s.length(); j++) {
          char c = s.charAt(j);
          if (c == ';' || c == '|' || c == '&' || c == '\n') {
            break;
          }
          if (c == '=' && j > i + 1 && !CharClass.isSpace(s.charAt(j - 1))) {
            return CharClass.clip(s.substring(at), 24);
          }
        }
      }
      at = indexOfWord(s, "alias", at + 5);
    }
    return null;
  }

  private static String tildeExpansion(Target t) {
    String s = t.lower();
    int at = s.indexOf('~');
    while (at >= 0 && at + 1 < s.length()) {
      char c = s.charAt(at + 1);
      if ((c == '+' || c == '-') && (at + 2 == s.length() || CharClass.isDigit(s.charAt(at + 2))
          || CharClass.isSpace(s.charAt(at + 2)) || s.charAt(at + 2) == '/')) {
        return s.substring(at, Math.min(s.length(), at + 4));
      }
      at = s.indexOf('~', at + 1);
    }
    return null;
  }

  /** {@code {,ip,a}}, {@code c{a,oun}t}: bash brace expansion used to hide command names. */
  private static String braceExpansion(Target t) {
    if ((t.signature() & COMMA_CLOSING_BRACE) != COMMA_CLOSING_BRACE) {
      return null; // the expansion needs a comma and its closing brace
    }
    String s = t.lower();
    int at = s.indexOf('{');
    while (at >= 0) {
      int i = at + 1;
      boolean comma = false;
      while (i < s.length() && (CharClass.isWord(s.charAt(i)) || s.charAt(i) == ','
          || s.charAt(i) == '-')) {
        comma |= s.charAt(i) == ',';
        i++;
      }
      if (comma && i < s.length() && s.charAt(i) == '}' && i > at + 2) {
        return s.substring(at, i + 1);
      }
      at = s.indexOf('{', at + 1);
    }
    return null;
  }
}
