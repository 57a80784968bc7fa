package dev.bulwark.model.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the known name a misspelt one was most likely meant to be, for "did you mean" hints. Uses
 * the optimal string alignment distance (Levenshtein plus adjacent transpositions), case-blind, and
 * only offers a name within a third of the longer length, so unrelated names are never suggested.
 */
final class NearestName {
  private NearestName() {}

  static Optional<String> among(String wrong, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = wrong.toLowerCase(Locale.ROOT);
    for (String candidate : known) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      int allowed = Math.max(1, Math.max(wrong.length(), candidate.length()) / 3);
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code , did you mean "x"?} or nothing. */
  static String hint(String wrong, Collection<String> known) {
    return among(wrong, known).map(n -> ", did you mean \"" + n + "\"?").orElse("");
  }

  /** {@code (known: a, b, c, ...)}, at most eight names so a big config stays readable. */
  static String listing(String label, Collection<String> known) {
    if (known.isEmpty()) {
      return " (no " + label + " declared)";
    }
    StringBuilder out = new StringBuilder(" (" + label + ": ");
    int shown = 0;
    for (String name : known) {
      if (shown == 8) {
        out.append(", ...");
        break;
      }
      out.append(shown == 0 ? "" : ", ").append(name);
      shown++;
    }
    return out.append(')').toString();
  }

  static int distance(String a, String b) {
    // Names in a config are short; a long string is nobody's typo and would cost a big table.
    if (a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE / 2;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
