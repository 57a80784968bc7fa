package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.ConfigError;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to a clean file (a character deleted or inserted, lines swapped, duplicated or
 * dropped) must never make the loader throw: every outcome is a perimeter, or errors that point
 * inside the file. Seeded, so a failure reproduces; the seed and the input are in the message.
 */
class PerimeterLoaderFuzzTest {
  private static final long SEED = 20261124L;
  private static final int ROUNDS = 400;
  private static final String INSERTS = ":-{}[],'\"#&*!|> \t\n%@`?x0";

  @Test
  void damagedFilesNeverThrowAndErrorsAreLocated() throws IOException {
    String clean = Files.readString(PerimeterLoaderTest.resource("rich.yaml"));
    Random random = new Random(SEED);
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String damaged = clean;
      int hits = 1 + random.nextInt(3);
      for (int h = 0; h < hits; h++) {
        damaged = damage(damaged, random);
      }
      LoadResult result;
      try {
        result = PerimeterLoader.parse("f.yaml", damaged);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("round " + round + " threw on:\n" + damaged, e);
      }
      long lines = damaged.lines().count() + 1;
      assertThat(result.ok()).isEqualTo(result.perimeter() != null);
      for (ConfigError error : result.errors()) {
        assertThat(error.line()).as("round %d: %s", round, error).isBetween(1, (int) lines);
        assertThat(error.column()).as("round %d: %s", round, error).isGreaterThanOrEqualTo(1);
        assertThat(error.file()).isEqualTo("f.yaml");
        assertThat(error.message())
            .as("round %d on:%n%s", round, damaged)
            .doesNotStartWith("internal error");
      }
      rejected += result.ok() ? 0 : 1;
    }
    // Most damage must be caught; a loader that accepted everything would pass the rest.
    assertThat(rejected).isGreaterThan(ROUNDS / 2);
  }

  static String damage(String text, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    switch (random.nextInt(5)) {
      case 0 -> {
        if (text.isEmpty()) {
          return text;
        }
        int at = random.nextInt(text.length());
        return text.substring(0, at) + text.substring(at + 1);
      }
      case 1 -> {
        int at = random.nextInt(text.length() + 1);
        char c = INSERTS.charAt(random.nextInt(INSERTS.length()));
        return text.substring(0, at) + c + text.substring(at);
      }
      case 2 -> {
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
      }
      case 3 -> {
        int a = random.nextInt(lines.size());
        lines.add(a, lines.get(a));
      }
      default -> lines.remove(random.nextInt(lines.size()));
    }
    return String.join("\n", lines);
  }
}
