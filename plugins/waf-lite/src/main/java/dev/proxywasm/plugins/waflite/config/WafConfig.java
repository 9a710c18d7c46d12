package dev.proxywasm.plugins.waflite.config;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import dev.proxywasm.abi.internal.Utf8;
import dev.proxywasm.abi.json.JsonException;
import dev.proxywasm.abi.json.JsonLimits;
import dev.proxywasm.abi.json.JsonReader;
import dev.proxywasm.abi.json.JsonToken;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin configuration: our own keys, and/or Coraza's ({@code directives_map},
 * {@code default_directives}, {@code per_authority_directives}) so that a WasmPlugin written
 * for coraza-proxy-wasm works by changing only its {@code url}.
 *
 * <pre>{@code
 * { "mode": "On", "paranoia_level": 1, "inbound_anomaly_score_threshold": 5,
 *   "rule_exclusions": [ {"id": 942100, "target": "ARGS:q"}, {"id": "920000-920999"} ],
 *   "allowed_paths": ["/healthz", "/static/*"],
 *   "request_body_limit": 131072, "request_body_limit_action": "Reject",
 *   "blocking_status": 403, "blocking_body": "blocked" }
 * }</pre>
 */
public final class WafConfig {
  /** pluginConfig nests a few levels at most; deeper is a mistake or an attack. */
  private static final JsonLimits CONFIG_LIMITS = JsonLimits.DEFAULT.withMaxDepth(16);

  private final WafPolicy defaultPolicy;
  private final NameTable<WafPolicy> byAuthority;
  private final List<String> notes;

  private WafConfig(WafPolicy defaultPolicy, NameTable<WafPolicy> byAuthority, List<String> notes) {
    this.defaultPolicy = defaultPolicy;
    this.byAuthority = byAuthority;
    this.notes = notes;
  }

  /** The defaults: CRS at paranoia level 1, blocking, threshold 5. */
  public static WafConfig defaults() {
    return new WafConfig(new WafPolicy(), new NameTable<>(), new ArrayList<>());
  }

  /** The policy for a request to {@code authority} (Host, port ignored). */
  public WafPolicy policyFor(String authority) {
    if (byAuthority.size() > 0 && authority != null) {
      WafPolicy p = byAuthority.get(authority);
      if (p == null) {
        int colon = authority.lastIndexOf(':');
        p = colon > 0 ? byAuthority.get(authority.substring(0, colon)) : null;
      }
      if (p != null) {
        return p;
      }
    }
    return defaultPolicy;
  }

  /** The default policy. */
  public WafPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** Lines to log: directives that were ignored. */
  public List<String> notes() {
    return notes;
  }

  /** Parses the pluginConfig JSON; empty input gives the defaults. */
  public static WafConfig parse(String json) throws ConfigException {
    if (json == null || json.isBlank()) {
      return defaults();
    }
    WafPolicy base = new WafPolicy();
    NameTable<List<String>> directivesMap = new NameTable<>();
    NameTable<String> perAuthority = new NameTable<>();
    String defaultDirectives = null;
    try {
      JsonReader p = new JsonReader(Utf8.encode(json), CONFIG_LIMITS);
      if (p.next() != JsonToken.START_OBJECT) {
        throw new ConfigException("pluginConfig: expected a JSON object");
      }
      while (p.next() == JsonToken.NAME) {
        String field = p.text();
        JsonToken value = p.next();
        switch (field) {
          case "mode":
            base.mode = Mode.parse(text(p, field));
            if (base.mode == null) {
              throw new ConfigException("mode: must be On, DetectionOnly or Off");
            }
            break;
          case "paranoia_level":
            base.paranoia = integer(p, field, 1, 4);
            break;
          case "inbound_anomaly_score_threshold":
            base.threshold = integer(p, field, 1, 10000);
            break;
          case "rule_exclusions":
            readExclusions(p, base);
            break;
          case "allowed_paths":
            for (String path : strings(p, field)) {
              base.allowedPaths.add(path);
            }
            break;
          case "request_body_limit":
            base.bodyLimit = integer(p, field, 0, 1 << 30);
            break;
          case "request_body_limit_action":
            String action = text(p, field);
            if (CharClass.equalsIgnoreCase(action, "Reject")) {
              base.rejectOversizedBody = true;
            } else if (CharClass.equalsIgnoreCase(action, "ProcessPartial")) {
              base.rejectOversizedBody = false;
            } else {
              throw new ConfigException("request_body_limit_action: must be Reject or ProcessPartial");
            }
            break;
          case "blocking_status":
            base.blockingStatus = integer(p, field, 200, 599);
            break;
          case "blocking_body":
            base.blockingBody = text(p, field);
            break;
          case "allowed_methods":
            base.allowedMethods = text(p, field);
            break;
          case "allowed_request_content_types":
            base.allowedContentTypes = text(p, field);
            break;
          case "directives_map":
            expect(value, JsonToken.START_OBJECT, field);
            while (p.next() == JsonToken.NAME) {
              String name = p.text();
              p.next();
              directivesMap.put(name, strings(p, field + "." + name));
            }
            break;
          case "default_directives":
            defaultDirectives = text(p, field);
            break;
          case "per_authority_directives":
            expect(value, JsonToken.START_OBJECT, field);
            while (p.next() == JsonToken.NAME) {
              String authority = p.text();
              p.next();
              perAuthority.put(authority, text(p, field + "." + authority));
            }
            break;
          default:
            throw new ConfigException(field + ": unknown configuration key");
        }
      }
    } catch (JsonException e) {
      throw new ConfigException("pluginConfig: invalid JSON: " + e.getMessage());
    }
    List<String> notes = new ArrayList<>();
    NameTable<WafPolicy> named = new NameTable<>();
    for (int d = 0; d < directivesMap.size(); d++) {
      WafPolicy policy = base.copy();
      for (String entry : directivesMap.value(d)) {
        for (String line : CorazaDirectives.splitOn(entry, '\n')) {
          CorazaDirectives.apply(line, policy, notes, "directives_map." + directivesMap.name(d));
        }
      }
      named.put(directivesMap.name(d), policy);
    }
    WafPolicy defaultPolicy = base;
    if (defaultDirectives != null) {
      defaultPolicy = named.get(defaultDirectives);
      if (defaultPolicy == null) {
        throw new ConfigException("default_directives: no directives_map entry named \"" + defaultDirectives + "\"");
      }
    }
    NameTable<WafPolicy> byAuthority = new NameTable<>();
    for (int a = 0; a < perAuthority.size(); a++) {
      WafPolicy policy = named.get(perAuthority.value(a));
      if (policy == null) {
        throw new ConfigException("per_authority_directives." + perAuthority.name(a)
            + ": no directives_map entry named \"" + perAuthority.value(a) + "\"");
      }
      byAuthority.put(perAuthority.name(a), policy);
    }
    return new WafConfig(defaultPolicy, byAuthority, notes);
  }

  private static void readExclusions(JsonReader p, WafPolicy policy) throws JsonException, ConfigException {
    expect(p.current(), JsonToken.START_ARRAY, "rule_exclusions");
    while (p.next() == JsonToken.START_OBJECT) {
      String id = null;
      String target = null;
      while (p.next() == JsonToken.NAME) {
        String field = p.text();
        p.next();
        if (field.equals("id")) {
          id = p.text();
        } else if (field.equals("target")) {
          target = text(p, "rule_exclusions[].target");
        } else {
          throw new ConfigException("rule_exclusions[]." + field + ": unknown key (use id and target)");
        }
      }
      if (id == null) {
        throw new ConfigException("rule_exclusions[]: id is required");
      }
      if (target == null) {
        CorazaDirectives.apply("SecRuleRemoveById " + id, policy, new ArrayList<>(), "rule_exclusions[].id");
      } else {
        CorazaDirectives.apply("SecRuleUpdateTargetById " + id + " \"!" + target + "\"", policy,
            new ArrayList<>(), "rule_exclusions[]");
      }
    }
    expect(p.current(), JsonToken.END_ARRAY, "rule_exclusions");
  }

  private static void expect(JsonToken actual, JsonToken expected, String field) throws ConfigException {
    if (actual != expected) {
      throw new ConfigException(field + ": expected " + (expected == JsonToken.START_OBJECT ? "an object"
          : expected == JsonToken.START_ARRAY ? "an array" : "end of array"));
    }
  }

  private static String text(JsonReader p, String field) throws JsonException, ConfigException {
    if (p.current() != JsonToken.STRING) {
      throw new ConfigException(field + ": expected a string");
    }
    return p.text();
  }

  private static int integer(JsonReader p, String field, int min, int max) throws JsonException, ConfigException {
    if (p.current() != JsonToken.NUMBER) {
      throw new ConfigException(field + ": expected an integer");
    }
    String t = p.text();
    long v = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9' || v > Integer.MAX_VALUE) {
        throw new ConfigException(field + ": expected a non-negative integer");
      }
      v = v * 10 + (c - '0');
    }
    if (v < min || v > max) {
      throw new ConfigException(field + ": must be between " + min + " and " + max);
    }
    return (int) v;
  }

  private static List<String> strings(JsonReader p, String field) throws JsonException, ConfigException {
    List<String> out = new ArrayList<>();
    if (p.current() == JsonToken.STRING) {
      out.add(p.text());
      return out;
    }
    expect(p.current(), JsonToken.START_ARRAY, field);
    while (p.next() != JsonToken.END_ARRAY) {
      out.add(text(p, field + "[]"));
    }
    return out;
  }
}
