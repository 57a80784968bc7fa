package dev.bulwark.console;

import java.util.Objects;

/**
 * Where the admin API listens and which token it wants.
 *
 * @param host bind address (127.0.0.1 unless the operator opens it up)
 * @param port TCP port, 0 for an ephemeral one
 * @param token the bearer token every {@code /api/} request must present
 */
public record AdminApiOptions(String host, int port, AdminToken token) {
  public AdminApiOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(token, "token");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("admin port out of range: " + port);
    }
  }
}
