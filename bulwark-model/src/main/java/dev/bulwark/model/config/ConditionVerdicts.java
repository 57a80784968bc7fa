package dev.bulwark.model.config;

import dev.bulwark.model.policy.ConditionException;
import dev.bulwark.model.policy.RequestCondition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a CEL condition compiles in the gateway's environment, remembered by expression text.
 *
 * <p>Compiling a condition costs a millisecond or more, and a large perimeter repeats the same few
 * conditions over thousands of integrations, and a reload sees them all again; the verdict depends
 * on the text alone, so it is kept (at most {@value #CAPACITY} expressions, least recently used
 * dropped first).
 */
final class ConditionVerdicts {
  private static final int CAPACITY = 4096;

  private static final Map<String, Optional<ConditionException>> VERDICTS =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ConditionException>> e) {
          return size() > CAPACITY;
        }
      };

  private ConditionVerdicts() {}

  /** Empty when the expression compiles, else the compiler's complaint. */
  static Optional<ConditionException> check(String expression) {
    synchronized (VERDICTS) {
      Optional<ConditionException> known = VERDICTS.get(expression);
      if (known != null) {
        return known;
      }
    }
    Optional<ConditionException> verdict;
    try {
      RequestCondition.compile(expression);
      verdict = Optional.empty();
    } catch (ConditionException e) {
      verdict = Optional.of(e);
    }
    synchronized (VERDICTS) {
      VERDICTS.put(expression, verdict);
    }
    return verdict;
  }
}
