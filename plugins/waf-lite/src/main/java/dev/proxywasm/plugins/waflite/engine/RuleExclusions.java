package dev.proxywasm.plugins.waflite.engine;

import dev.proxywasm.plugins.waflite.detect.CharClass;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules switched off, wholly (by id or id range, like {@code SecRuleRemoveById}) or for one
 * target only (like {@code SecRuleUpdateTargetById 942100 "!ARGS:q"}).
 */
public final class RuleExclusions {
  private final List<int[]> removedRanges = new ArrayList<>();
  private final List<Integer> targetRuleIds = new ArrayList<>();
  private final List<String> targetNames = new ArrayList<>();

  /** Removes rules {@code from}..{@code to} inclusive. */
  public RuleExclusions removeRange(int from, int to) {
    removedRanges.add(new int[] {from, to});
    return this;
  }

  /**
   * Stops rule {@code id} from inspecting {@code target}: either a full CRS variable name
   * ({@code ARGS:q}, {@code REQUEST_COOKIES:session}) or a bare argument name ({@code q}),
   * compared case-insensitively.
   */
  public RuleExclusions removeTarget(int id, String target) {
    targetRuleIds.add(id);
    targetNames.add(target);
    return this;
  }

  /** True when rule {@code id} is removed entirely. */
  public boolean removed(int id) {
    for (int i = 0; i < removedRanges.size(); i++) {
      int[] r = removedRanges.get(i);
      if (id >= r[0] && id <= r[1]) {
        return true;
      }
    }
    return false;
  }

  /** True when rule {@code id} must not look at target {@code name}. */
  public boolean excluded(int id, String name) {
    for (int i = 0; i < targetRuleIds.size(); i++) {
      if (targetRuleIds.get(i) == id && targetMatches(targetNames.get(i), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean targetMatches(String excluded, String name) {
    if (excluded.indexOf(':') >= 0) {
      return CharClass.equalsIgnoreCase(excluded, name);
    }
    int colon = name.indexOf(':');
    return colon >= 0 && CharClass.regionMatchesIgnoreCase(name, colon + 1, excluded, 0, excluded.length())
        && name.length() - colon - 1 == excluded.length();
  }

  /** An independent copy (policies derived from a base must not share mutations). */
  public RuleExclusions copy() {
    RuleExclusions c = new RuleExclusions();
    c.removedRanges.addAll(removedRanges);
    c.targetRuleIds.addAll(targetRuleIds);
    c.targetNames.addAll(targetNames);
    return c;
  }

  /** True when there are per-target exclusions (checked per value, so worth skipping). */
  boolean hasTargetExclusions() {
    return !targetRuleIds.isEmpty();
  }
}
