package dev.bulwark.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DLP rules of one direction: which action applies to a finding of a data class. The most
 * specific rule wins: the class itself ({@code fin.payment_card}), then the longest class prefix
 * ({@code secret.*} matches {@code secret.jwt}), then the class's classification level, then {@code
 * default}; when none matches, {@link DlpAction#ALLOW} (the finding is still recorded).
 *
 * <p>An empty rule set ({@link #NONE}) means the direction is not inspected at all, so the gateway
 * may stream the body untouched.
 *
 * @param classes actions by exact data class id
 * @param prefixes actions by class prefix, stored with its trailing dot ({@code secret.})
 * @param levels actions by classification level
 * @param fallback the {@code default} action, or null when none was written
 */
public record DlpRules(
    Map<String, DlpAction> classes,
    Map<String, DlpAction> prefixes,
    Map<Classification, DlpAction> levels,
    DlpAction fallback) {

  /** No rules: the direction is not inspected. */
  public static final DlpRules NONE = new DlpRules(Map.of(), Map.of(), Map.of(), null);

  public DlpRules {
    classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    prefixes = Collections.unmodifiableMap(new LinkedHashMap<>(prefixes));
    EnumMap<Classification, DlpAction> byLevel = new EnumMap<>(Classification.class);
    byLevel.putAll(levels);
    levels = Collections.unmodifiableMap(byLevel);
    for (String prefix : prefixes.keySet()) {
      if (!prefix.endsWith(".")) {
        throw new IllegalArgumentException("a class prefix ends with '.': " + prefix);
      }
    }
  }

  /** True when no rule at all is written: the direction needs no inspection. */
  public boolean isEmpty() {
    return classes.isEmpty() && prefixes.isEmpty() && levels.isEmpty() && fallback == null;
  }

  /**
   * The action for a finding of {@code dataClass}.
   *
   * @param level the class's classification level, or null when nothing declares one
   */
  public DlpAction actionFor(String dataClass, Classification level) {
    DlpAction exact = classes.get(dataClass);
    if (exact != null) {
      return exact;
    }
    DlpAction byPrefix = longestPrefix(dataClass);
    if (byPrefix != null) {
      return byPrefix;
    }
    DlpAction byLevel = level == null ? null : levels.get(level);
    if (byLevel != null) {
      return byLevel;
    }
    return fallback == null ? DlpAction.ALLOW : fallback;
  }

  /** Walks the class id's own dots from the right, so the longest written prefix wins. */
  private DlpAction longestPrefix(String dataClass) {
    if (prefixes.isEmpty()) {
      return null;
    }
    for (int dot = dataClass.lastIndexOf('.'); dot > 0; dot = dataClass.lastIndexOf('.', dot - 1)) {
      DlpAction a = prefixes.get(dataClass.substring(0, dot + 1));
      if (a != null) {
        return a;
      }
    }
    return null;
  }
}
