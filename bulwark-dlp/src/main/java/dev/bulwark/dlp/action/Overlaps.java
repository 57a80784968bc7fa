package dev.bulwark.dlp.action;

import java.util.List;

/**
 * Answers which applied findings may overlap a char range, from findings sorted by start offset, in
 * logarithmic time: a prefix maximum of the end offsets bounds the findings that end after the
 * range begins, a binary search on the starts those that begin before it ends. Lets the JSON
 * rewrite ask once per token without walking every finding (which was quadratic in body size).
 */
final class Overlaps {
  private final List<Applied> applied;
  private final int[] starts;
  private final int[] maxEnds;

  /**
   * @param applied findings sorted by start offset (ties in any order)
   */
  Overlaps(List<Applied> applied) {
    this.applied = applied;
    int n = applied.size();
    this.starts = new int[n];
    this.maxEnds = new int[n];
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      starts[i] = applied.get(i).finding().start();
      max = Math.max(max, applied.get(i).finding().end());
      maxEnds[i] = max;
    }
  }

  /** True when some finding has {@code start < to && end > from}. */
  boolean any(int from, int to) {
    int k = startingBefore(to);
    return k > 0 && maxEnds[k - 1] > from;
  }

  /**
   * The findings that may overlap [from, to), in their original order: a contiguous run that holds
   * every finding with {@code start < to && end > from} (and possibly some that do not; callers
   * still check each one).
   */
  List<Applied> candidates(int from, int to) {
    int k = startingBefore(to);
    int j = firstEndingAfter(from, k);
    return applied.subList(j, k);
  }

  /** The number of findings whose start is below to (starts are sorted). */
  private int startingBefore(int to) {
    int lo = 0;
    int hi = starts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] < to) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The first index below limit whose prefix maximum end exceeds from (no finding before it does).
   */
  private int firstEndingAfter(int from, int limit) {
    int lo = 0;
    int hi = limit;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (maxEnds[mid] > from) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
