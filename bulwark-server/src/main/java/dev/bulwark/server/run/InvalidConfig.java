package dev.bulwark.server.run;

import dev.bulwark.model.ConfigError;
import java.util.List;

/** The config file a node was asked to start with has errors; nothing was started. */
public final class InvalidConfig extends RuntimeException {
  private final List<ConfigError> errors;

  public InvalidConfig(List<ConfigError> errors) {
    super(errors.size() + " config error(s), first: " + errors.get(0));
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }
}
