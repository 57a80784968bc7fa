package dev.bulwark.console;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import dev.bulwark.store.AuditLog;
import dev.bulwark.store.CredentialStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the admin API reads from. The suppliers are asked on every request, so a config reload is
 * visible at once.
 *
 * @param perimeter the perimeter the gateway runs now
 * @param configErrors the errors of the last rejected config file (empty when the last load was
 *     clean)
 * @param credentials integration credentials (hashes are never rendered)
 * @param audit the audit log
 */
public record AdminSources(
    Supplier<Perimeter> perimeter,
    Supplier<List<ConfigError>> configErrors,
    CredentialStore credentials,
    AuditLog audit) {
  public AdminSources {
    Objects.requireNonNull(perimeter, "perimeter");
    Objects.requireNonNull(configErrors, "configErrors");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(audit, "audit");
  }
}
