package dev.bulwark.server.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations people type: {@code 45s}, {@code 30m}, {@code 24h}, {@code 90d}. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

  private Durations() {}

  /**
   * @param option the option name, for the error message
   * @throws BadInput when the text is no positive duration
   */
  static Duration parse(String option, String text) {
    String t = text == null ? "" : text.strip();
    Matcher m = SHORT.matcher(t);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        d = Duration.parse(t); // ISO-8601, e.g. PT36H
      } catch (DateTimeParseException e) {
        throw new BadInput(
            option + ": '" + t + "' is not a duration (examples: 45s, 30m, 24h, 90d, PT36H)");
      }
    }
    if (d.isNegative()) {
      throw new BadInput(option + ": '" + t + "' is negative");
    }
    return d;
  }
}
