package dev.bulwark.model.config;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import java.util.List;

/**
 * The outcome of reading one perimeter.yaml: either a perimeter and no errors, or errors and no
 * perimeter. Never both: a config with any error is not used at all.
 *
 * @param perimeter the validated perimeter, or null when {@link #errors} is not empty
 * @param errors every problem found, ordered by line and column; empty when the file is clean
 */
public record LoadResult(Perimeter perimeter, List<ConfigError> errors) {
  public LoadResult {
    errors = List.copyOf(errors);
    if (errors.isEmpty() == (perimeter == null)) {
      throw new IllegalArgumentException("a load result holds a perimeter or errors, not both");
    }
  }

  /** True when the file was clean and {@link #perimeter} is set. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
