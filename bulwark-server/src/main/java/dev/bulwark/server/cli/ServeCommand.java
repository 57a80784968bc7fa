package dev.bulwark.server.cli;

import dev.bulwark.gateway.GatewayOptions;
import dev.bulwark.model.ConfigError;
import dev.bulwark.server.run.InvalidConfig;
import dev.bulwark.server.run.NodeSettings;
import dev.bulwark.server.run.NodeStartFailed;
import dev.bulwark.server.run.PerimeterNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark serve}: run the gateway and the admin API on a perimeter.yaml. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run the gateway and the admin API.",
      "The config file is watched: a valid change is applied, an invalid one is logged and",
      "shown on GET /api/v1/config/errors while the running config stays."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreSelection store;

  @Option(
      names = "--config",
      defaultValue = "perimeter.yaml",
      paramLabel = "FILE",
      description = "The perimeter.yaml to run (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Gateway bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Gateway HTTP port, 0 for any (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--tls-port",
      defaultValue = "8443",
      description =
          "Gateway HTTPS port, used with --tls-cert/--tls-key (default: ${DEFAULT-VALUE}).")
  int tlsPort;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Certificate chain of the gateway's TLS listener.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "Private key of the gateway's TLS listener.")
  Path tlsKey;

  @Option(
      names = "--upstream-trust",
      paramLabel = "PEM",
      description =
          "CA certificates trusted for upstreams instead of the JDK's (verification stays on).")
  Path upstreamTrust;

  @Option(
      names = "--admin-host",
      defaultValue = "127.0.0.1",
      description = "Admin API bind address (default: ${DEFAULT-VALUE}).")
  String adminHost;

  @Option(
      names = "--admin-port",
      defaultValue = "9090",
      description = "Admin API port, 0 for any (default: ${DEFAULT-VALUE}).")
  int adminPort;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(config)) {
      throw new BadInput("--config: no such file: " + config);
    }
    checkPort("--port", port);
    checkPort("--tls-port", tlsPort);
    checkPort("--admin-port", adminPort);
    GatewayOptions gateway = GatewayOptions.defaults().withHost(host).withPort(port);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new BadInput("--tls-cert and --tls-key go together");
    }
    if (tlsCert != null) {
      requireFile("--tls-cert", tlsCert);
      requireFile("--tls-key", tlsKey);
      gateway = gateway.withTls(tlsPort, tlsCert, tlsKey);
    }
    if (upstreamTrust != null) {
      requireFile("--upstream-trust", upstreamTrust);
      gateway = gateway.withUpstreamTrust(upstreamTrust);
    }
    PrintWriter out = spec.commandLine().getOut();
    PerimeterNode node;
    try {
      node =
          PerimeterNode.start(
              new NodeSettings(
                  config, store.options(false), store.dataDir(), gateway, adminHost, adminPort));
    } catch (InvalidConfig e) {
      PrintWriter err = spec.commandLine().getErr();
      for (ConfigError error : e.errors()) {
        err.println(error);
      }
      err.println("serve: " + config + " is not valid; nothing started");
      err.flush();
      return RootCommand.EXIT_FINDING;
    } catch (NodeStartFailed e) {
      throw NodeFailures.explain(e, "--port, --tls-port and --admin-port");
    }
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "bulwark-shutdown"));
    out.println(
        "Bulwark serving "
            + config
            + ": gateway on "
            + host
            + ":"
            + node.gatewayPort()
            + (node.gatewayTlsPort() > 0 ? " (TLS " + node.gatewayTlsPort() + ")" : "")
            + ", admin API on "
            + adminHost
            + ":"
            + node.adminPort()
            + " (token in "
            + node.adminTokenFile()
            + ")");
    out.flush();
    return RootCommand.KEEP_RUNNING;
  }

  static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new BadInput(option + ": " + port + " is not a TCP port (0-65535)");
    }
  }

  private static void requireFile(String option, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInput(option + ": no such file: " + file);
    }
  }
}
