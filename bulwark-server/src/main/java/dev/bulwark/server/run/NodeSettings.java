package dev.bulwark.server.run;

import dev.bulwark.gateway.GatewayOptions;
import dev.bulwark.store.StoreOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a node needs to start, checked by the command that built it.
 *
 * @param config the perimeter.yaml to run and follow
 * @param store where state lives
 * @param dataDir where the admin token lives ({@code admin-token})
 * @param gateway how the gateway listens and forwards
 * @param adminHost admin API bind address
 * @param adminPort admin API port (0: ephemeral)
 */
public record NodeSettings(
    Path config,
    StoreOptions store,
    Path dataDir,
    GatewayOptions gateway,
    String adminHost,
    int adminPort) {
  public NodeSettings {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(adminHost, "adminHost");
  }
}
