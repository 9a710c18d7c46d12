package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.CharacterSignature;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import dev.proxywasm.plugins.waflite.transform.PathNormaliser;
import java.util.List;

/** CRS 930 (local file inclusion, path traversal) and 931 (remote file inclusion). */
final class FileAccessRules {
  private static final int ARG_TARGETS = TargetKind.ARGS | TargetKind.ARG_NAMES
      | TargetKind.COOKIES | TargetKind.COOKIE_NAMES | TargetKind.BODY;
  private static final KeywordSet ENCODED_TRAVERSAL = KeywordSet.parseIgnoringCase(
      "%2e%2e|%2e.|.%2e|%c0%ae|%c0%af|%c1%9c|%c1%1c|%c1%af|%252e|%uff0e|%u002e|%u2215|%u2216"
          + "|..%2f|..%5c|..%255c|..%252f|%e0%80%af|%e0%80%ae|0x2e0x2e|0x2e.|.0x2e|0x5c0x2e"
          + "|0x2f0x2e|..0x5c|..0x2f|%c0%2e|%e0%40%ae|%f0%80%80%ae");
  /** Operating-system files worth stealing (a short form of CRS lfi-os-files.data). */
  private static final KeywordSet OS_FILES = KeywordSet.parseIgnoringCase(
      "etc/passwd|etc/shadow|etc/group|etc/gshadow|etc/hosts|etc/subuid|etc/subgid|etc/issue"
          + "|etc/motd|etc/crontab|etc/sudoers|etc/master.passwd|etc/security/|etc/ssh/"
          + "|etc/mysql/|etc/apache2/|etc/httpd/|etc/nginx/|etc/php|etc/profile|etc/bashrc"
          + "|etc/resolv.conf|etc/fstab|etc/mtab|etc/inittab|etc/environment|etc/network"
          + "|etc/ld.so|etc/os-release|etc/lsb-release|etc/redhat-release|etc/debian_version"
          + "|etc/hostname|etc/init.d/|etc/rc.d/|etc/cron|etc/pam.d/|etc/shells|etc/aliases"
          + "|etc/exports|etc/netplan|etc/sysconfig/|etc/systemd/|etc/updatedb.conf|etc/apt/"
          + "|etc/yum|etc/docker/|etc/kubernetes/|etc/ssl/|etc/pki/|etc/passwd-|etc/shadow-"
          + "|proc/self/|proc/version|proc/cpuinfo|proc/meminfo|proc/net/|proc/mounts"
          + "|proc/interrupts|proc/sched_debug|proc/1/|proc/kcore|proc/cmdline|proc/modules"
          + "|proc/partitions|proc/stat|proc/swaps|proc/uptime|proc/loadavg|proc/devices"
          + "|sys/class|sys/kernel|sys/devices|sys/block|sys/module|sys/power|sys/firmware"
          + "|var/log/|var/run/secrets|var/lib/mysql|var/mail/|var/spool/cron|usr/local/apps/"
          + "|usr/local/etc/|.htaccess|.htpasswd|.htdigest|.bash_history|.bash_profile|.bashrc"
          + "|.zsh_history|.ssh/|id_rsa|id_dsa|id_ecdsa|id_ed25519|authorized_keys|known_hosts"
          + "|.mysql_history|.psql_history|.git/config|.git/head|.gitconfig|.git-credentials"
          + "|.svn/entries|.svn/wc.db|.env|web.config|win.ini|boot.ini|system.ini|system32/"
          + "|windows/system32|winnt/system32|system32/config|autoexec.bat|config.sys|httpd.conf"
          + "|apache2.conf|nginx.conf|php.ini|my.cnf|my.ini|wp-config.php|.aws/credentials"
          + "|.aws/config|.docker/config.json|.kube/config|.npmrc|.netrc|.pgpass|.boto"
          + "|.dockerenv|.ds_store|.idea/workspace.xml|.vscode/settings.json|applicationhost.config"
          + "|inetpub/|windows/repair/|windows/panther/|unattend.xml|sysprep.inf"
          + "|.java/|.m2/settings.xml|.gradle/|.composer/auth.json|.cache/|.local/share/"
          + "|.config/|.docker/|backup.sql|dump.sql|etc/knockd.conf|etc/vsftpd.conf|etc/proftpd|etc/samba/|etc/openvpn/");
  /** Files and directories no request path should reach (CRS restricted-files.data). */
  private static final KeywordSet RESTRICTED_PATHS = KeywordSet.parseIgnoringCase(
      "/.git|/.svn|/.hg|/.bzr|/.cvs|/.env|/.aws|/.ssh|/.htaccess|/.htpasswd|/.htdigest"
          + "|/.ds_store|/web.config|/wp-config|/.bash_history|/.bashrc|/.profile|/.npmrc"
          + "|/.dockerenv|/.idea/|/.vscode/|/.docker|/.kube/|backup.sql|dump.sql|database.sql"
          + "|db.sql|/proc/|/.mysql_history|/.user.ini|/.gitlab-ci|/.travis.yml|/.circleci"
          + "|/composer.lock|/.php_history|/.pgpass|/.netrc|/.boto|/.s3cfg|/@fs/|/.terraform"
          + "|/terraform.tfstate|/.env.|/id_rsa|/.well-known/security.txt~|/phpinfo.php"
          + "|.sql.zip|.sql.gz|.sql.bz2|.sql.tar|/.cache/|/.config/|/.local/");
  /** Coding-assistant configuration: instructions and tool credentials (CRS 930140). */
  private static final KeywordSet AI_ARTIFACTS = KeywordSet.parseIgnoringCase(
      "/.cline|/.clinerules|/.roo|/.roomodes|/.continue|/.cursor|/.cursorrules|/.claude"
          + "|/claude.md|/.windsurf|/.windsurfrules|/.aider|/.codex|/.gemini|/.amazonq"
          + "|/.copilot|/copilot-instructions.md|/.github/copilot|/mcp.json|/.mcp|/agents.md"
          + "|/.kiro|/.junie|/.goose|/.tabnine|/.codeium|/.sourcegraph|/.openhands|/.augment"
          + "|/.zed|/.trae|/.kilocode|/.qodo|/.opencode|/.plandex|/.fabric|/.n8n|/.cody|/.tabby"
          + "|/.crush|/.qwen|/.factory|/.lingma|/.void|/.pearai");
  private static final KeywordSet RFI_PARAMETERS = KeywordSet.parse(
      "mosconfig_absolute_path|_conf[path]|_server[document_root]|gallery_basedir"
          + "|path[docroot]|appserv_root|config[root_dir]|include");

  // An acceptor as a constant: TeaVM would allocate a method reference per evaluation.
  /** What 930110's traversals all hold. */
  private static final KeywordSet DOUBLE_DOT = KeywordSet.parse("..");
  private static final KeywordSet.Acceptor FILE_BOUNDARY = FileAccessRules::fileBoundary;
  private static final int SLASHES = CharacterSignature.of("/\\");
  /** The separators a traversal's dots must touch on one side at least. */
  private static final int PATH_SEPARATORS = CharacterSignature.of("/\\;");

  private FileAccessRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(930100, "Path Traversal Attack (/../) or (/.../)",
        ARG_TARGETS | TargetKind.RAW_URI | TargetKind.HEADERS | TargetKind.FILENAMES,
        t -> ENCODED_TRAVERSAL.find(valueAsParsed(t), KeywordSet.ANYWHERE)).needsKeyword(ENCODED_TRAVERSAL));
    rules.add(Rule.values(930110, "Path Traversal Attack (/../) or (/.../)",
        ARG_TARGETS | TargetKind.RAW_URI | TargetKind.HEADERS | TargetKind.FILENAMES,
        FileAccessRules::traversal).needsKeyword(DOUBLE_DOT));
    rules.add(Rule.values(930120, "OS File Access Attempt", ARG_TARGETS,
        t -> OS_FILES.find(normalisedPath(t), FILE_BOUNDARY)));
    rules.add(Rule.values(930130, "Restricted File Access Attempt", TargetKind.PATH,
        t -> {
          String path = valueAsParsed(t);
          String hit = RESTRICTED_PATHS.find(path, FILE_BOUNDARY);
          return hit != null ? hit : OS_FILES.find(path, (s, a, b) -> (a == 0 || s.charAt(a - 1) == '/')
              && fileBoundary(s, a, b));
        }));
    rules.add(Rule.values(930140, "AI coding assistant configuration access attempt",
        TargetKind.PATH, t -> AI_ARTIFACTS.find(valueAsParsed(t),
            FILE_BOUNDARY)));
    rules.add(Rule.values(931100, "RFI Attack: URL with IP address",
        TargetKind.ARGS, FileAccessRules::urlWithIp));
    rules.add(Rule.values(931110, "RFI Attack: vulnerable parameter name with URL",
        TargetKind.ARGS, t -> {
          String name = Target.asciiLowercase(t.name());
          String v = t.lower();
          return RFI_PARAMETERS.containsAny(name) && hasScheme(v, 0) ? CharClass.clip(v, 32) : null;
        }));
    rules.add(Rule.values(931120, "RFI Attack: URL with trailing question mark",
        TargetKind.ARGS, t -> {
          String v = t.lower().trim();
          return (v.startsWith("http") || v.startsWith("ftp") || v.startsWith("file"))
              && v.endsWith("?") && (v.indexOf(':') < 0 || namesFile(v)) ? CharClass.clip(v, 32) : null;
        }));
  }

  /**
   * True when the URL's last path segment has a file extension ({@code /shell.txt?}): the
   * trailing {@code ?} then cuts off what the application appends. Profile URLs such as
   * {@code /u/42?} end in {@code ?} innocently.
   */
  private static boolean namesFile(String url) {
    int scheme = CharClass.indexOf(url, "://", 0);
    int slash = url.lastIndexOf('/');
    if (scheme < 0 || slash <= scheme + 2) {
      return false;
    }
    int dot = url.indexOf('.', slash);
    return dot > slash + 1 && dot < url.length() - 2;
  }

  /**
   * The value as parsed, for the sets that match either case: {@link Target#lower()} when
   * decoding changed nothing, the text the sieve has searched, so their searches can rule it
   * out at once; else the value itself, searched as if lowercased without a lowercase copy.
   */
  private static String valueAsParsed(Target t) {
    return t.decoded() == t.value() ? t.lower() : t.value();
  }

  /**
   * {@link Target#lower()} path-normalised. Normalisation acts only at {@code /} and
   * {@code \}: without them (signature) the value is its own normal form, and the keyword
   * sets were prepared with that very text.
   */
  private static String normalisedPath(Target t) {
    return (t.signature() & SLASHES) == 0 ? t.lower() : PathNormaliser.normalise(t.lower());
  }

  private static boolean fileBoundary(String s, int start, int end) {
    char last = s.charAt(end - 1);
    boolean endOk = last == '/' || last == '.' || end >= s.length()
        || !(CharClass.isWord(s.charAt(end)) || s.charAt(end) == '-');
    char first = s.charAt(start);
    boolean startOk = first == '/' || first == '.' || start == 0
        || !CharClass.isLetter(s.charAt(start - 1));
    return endOk && startOk;
  }

  private static String traversal(Target t) {
    if ((t.signature() & PATH_SEPARATORS) == 0) {
      return null; // the dots need a separator on at least one side (see the loop)
    }
    String s = t.decoded();
    int n = s.length();
    for (int i = CharClass.indexOf(s, '.', 0); i >= 0 && i + 1 < n; i = CharClass.indexOf(s, '.', i + 1)) {
      if (s.charAt(i + 1) == '.') {
        int j = i;
        while (j < n && s.charAt(j) == '.') {
          j++;
        }
        int dots = j - i;
        boolean before = i == 0 || isPathSeparator(s.charAt(i - 1));
        boolean after = j >= n ? i > 0 && dots == 2 : isPathSeparator(s.charAt(j));
        if (dots <= 3 && before && after && (j < n || i > 0)) {
          return s.substring(Math.max(0, i - 1), Math.min(n, j + 1));
        }
        i = j;
      }
    }
    return null;
  }

  private static boolean isPathSeparator(char c) {
    return c == '/' || c == '\\' || c == ';';
  }

  private static boolean hasScheme(String v, int at) {
    return v.startsWith("http://", at) || v.startsWith("https://", at) || v.startsWith("ftp://", at)
        || v.startsWith("ftps://", at) || v.startsWith("file://", at);
  }

  private static String urlWithIp(Target t) {
    String v = t.lower().trim();
    int sep = CharClass.indexOf(v, "://", 0);
    if (sep < 0 || !hasScheme(v, 0)) {
      return null;
    }
    int i = sep + 3;
    for (int octet = 0; octet < 4; octet++) {
      int start = i;
      while (i < v.length() && CharClass.isDigit(v.charAt(i)) && i - start < 3) {
        i++;
      }
      if (i == start) {
        return null;
      }
      if (octet < 3) {
        if (i >= v.length() || v.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    return CharClass.clip(v, 40);
  }
}
