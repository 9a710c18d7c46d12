package dev.proxywasm.plugins.waflite.rules;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.plugins.waflite.detect.KeywordSet;
import dev.proxywasm.plugins.waflite.engine.Rule;
import dev.proxywasm.plugins.waflite.engine.Target;
import dev.proxywasm.plugins.waflite.engine.TargetKind;
import java.util.List;

/** CRS 944: Java attacks (deserialisation gadgets, dangerous classes, Log4Shell). */
final class JavaRules {
  private static final int TARGETS = TargetKind.INJECTION | TargetKind.HEADERS;
  private static final KeywordSet JAVA_LANG = KeywordSet.parse("java.lang.");
  private static final KeywordSet PROCESS = KeywordSet.parse("runtime|processbuilder");
  private static final KeywordSet GADGETS = KeywordSet.parse(
      "clonetransformer|forclosure|instantiatefactory|instantiatetransformer|invokertransformer"
          + "|prototypeclonefactory|prototypeserializationfactory|whileclosure|getproperty"
          + "|filewriter|xmldecoder");
  /** Packages whose classes are the building blocks of Struts/WebLogic/OGNL exploits. */
  private static final KeywordSet CLASSES = KeywordSet.parse(
      "java.io.|java.lang.|javax.script.|java.beans.xmldecode|com.opensymphony.xwork2"
          + "|com.sun.org.apache|org.apache.commons|org.apache.struts|org.omg.corba");

  private JavaRules() {}

  static void addTo(List<Rule> rules) {
    rules.add(Rule.values(944100, "Remote Command Execution: Suspicious Java class detected",
        TARGETS, t -> {
          String s = t.lower();
          if (!JAVA_LANG.containsAny(s)) {
            return null;
          }
          int at = CharClass.indexOf(s, "java.lang.", 0);
          return at >= 0 && (s.startsWith("runtime", at + 10) || s.startsWith("processbuilder", at + 10))
              ? s.substring(at, Math.min(s.length(), at + 24)) : null;
        }).needsKeyword(JAVA_LANG));
    rules.add(Rule.values(944110, "Remote Command Execution: Java process spawn (CVE-2017-9805)",
        TARGETS, t -> {
          String s = t.lower();
          String process = PROCESS.find(s, KeywordSet.ANYWHERE);
          return process != null && (CharClass.contains(s, "java.") || CharClass.contains(s, "unmarshaller")
              || CharClass.contains(s, "base64data")) ? process : null;
        }).needsKeyword(PROCESS));
    rules.add(Rule.values(944120, "Remote Command Execution: Java serialization (CVE-2015-4852)",
        TARGETS, t -> {
          String s = t.lower();
          String gadget = GADGETS.find(s, KeywordSet.ANYWHERE);
          return gadget != null && PROCESS.containsAny(s) ? gadget : null;
        }).needsKeyword(GADGETS));
    rules.add(Rule.values(944130, "Suspicious Java class detected", TARGETS,
        t -> CLASSES.find(t.lower(), KeywordSet.ANYWHERE)).needsKeyword(CLASSES));
    rules.add(Rule.values(944140, "Java Injection Attack: Java Script File Upload Found",
        TargetKind.FILENAMES, t -> Filenames.extensionIn(t, "jsp", "jspx")));
    rules.add(Rule.values(944150, "Potential Remote Command Execution: Log4j / Log4shell",
        TARGETS | TargetKind.RAW_URI | TargetKind.PATH, JavaRules::log4Shell));
  }

  /** {@code ${jndi:...}} and its nested-lookup disguises such as {@code ${${::-j}ndi:}. */
  private static String log4Shell(Target t) {
    String s = t.lower();
    int at = CharClass.indexOf(s, "${", 0);
    while (at >= 0) {
      int i = at + 2;
      if (s.startsWith("jndi", i) || s.startsWith("ctx", i)) {
        return s.substring(at, Math.min(s.length(), at + 12));
      }
      for (int j = i; j < s.length() && j < i + 16 && s.charAt(j) != '}'; j++) {
        if (s.startsWith("${", j)) {
          return s.substring(at, Math.min(s.length(), j + 6));
        }
      }
      at = CharClass.indexOf(s, "${", at + 2);
    }
    return null;
  }
}
