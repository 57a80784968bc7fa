package dev.bulwark.model.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.model.ConfigError;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random damage to a file with every kind of {@code dlp} section (detectors, default policy, own
 * policies, an empty direction) never makes the loader throw, and every error points inside the
 * file. Seeded: the round and the input are in the failure message.
 */
class DlpConfigFuzzTest {
  private static final long SEED = 20261124L;
  private static final int ROUNDS = 500;

  @Test
  void damagedDlpSectionsNeverThrowAndErrorsAreLocated() {
    Random random = new Random(SEED);
    int rejected = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String damaged = DlpConfigTest.BASE;
      int hits = 1 + random.nextInt(3);
      for (int h = 0; h < hits; h++) {
        damaged = PerimeterLoaderFuzzTest.damage(damaged, random);
      }
      LoadResult result;
      try {
        result = PerimeterLoader.parse("f.yaml", damaged);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("round " + round + " threw on:\n" + damaged, e);
      }
      long lines = damaged.lines().count() + 1;
      for (ConfigError error : result.errors()) {
        assertThat(error.line()).as("round %d: %s", round, error).isBetween(1, (int) lines);
        assertThat(error.column()).as("round %d: %s", round, error).isGreaterThanOrEqualTo(1);
        assertThat(error.message()).doesNotStartWith("internal error");
      }
      if (result.ok()) {
        // whatever survived is a whole perimeter: every integration has a policy object
        result.perimeter().integrations().values().forEach(i -> assertThat(i.dlp()).isNotNull());
      }
      rejected += result.ok() ? 0 : 1;
    }
    assertThat(rejected).isGreaterThan(ROUNDS / 2);
  }
}
