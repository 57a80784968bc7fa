package dev.bulwark.server.demo;

import dev.bulwark.gateway.GatewayOptions;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import dev.bulwark.server.run.NodeSettings;
import dev.bulwark.server.run.PerimeterNode;
import dev.bulwark.store.StoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: stand-ins over TLS under a throwaway CA, the runtime perimeter pointing at
 * them, a node (gateway + admin API) trusting only that CA for upstreams, the demo upstream secrets
 * in the vault, API keys for the demo integrations, and the traffic generator.
 */
public final class DemoRun implements AutoCloseable {
  /** Demo API keys live a week: long enough to play, short enough not to linger. */
  static final Duration KEY_TTL = Duration.ofDays(7);

  /**
   * @param dataDir data directory (runtime perimeter, CA, curl lines, admin token)
   * @param store the store (SQLite in dataDir unless told otherwise)
   * @param host gateway bind address
   * @param port gateway port (0: ephemeral)
   * @param adminPort admin API port (0: ephemeral)
   * @param trafficPerSecond generated requests per second; 0 for none
   * @param example perimeter.yaml to start from, or null for examples/perimeter.yaml (the working
   *     directory's, else the copy packaged in the jar)
   */
  public record Settings(
      Path dataDir,
      StoreOptions store,
      String host,
      int port,
      int adminPort,
      double trafficPerSecond,
      Path example) {}

  private final Vertx standInVertx;
  private DemoSecrets secrets;
  private StandIns standIns;
  private PerimeterNode node;
  private TrafficGenerator traffic;
  private String demoKey;
  private List<String> curlLines;
  private URI gatewayUrl;
  private URI adminUrl;
  private Path runtimeConfig;

  private DemoRun() {
    this.standInVertx = Vertx.vertx();
  }

  /** Starts the whole demo; blocking until everything listens. */
  public static DemoRun start(Settings settings) {
    DemoRun run = new DemoRun();
    try {
      run.startAll(settings);
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private void startAll(Settings s) {
    String exampleText = exampleText(s.example());
    LoadResult example = PerimeterLoader.parse("examples/perimeter.yaml", exampleText);
    if (!example.ok()) {
      throw new IllegalStateException(
          "examples/perimeter.yaml does not validate: " + example.errors().get(0));
    }
    Perimeter perimeter = example.perimeter();
    secrets = DemoSecrets.generate(perimeter, appIds());
    DemoCertificates certificates = DemoCertificates.generate();
    standIns =
        await(
            StandIns.start(
                standInVertx,
                secrets,
                new HttpServerOptions()
                    .setSsl(true)
                    .setKeyCertOptions(certificates.serverKeyCert())));
    Path caFile = certificates.writeCa(s.dataDir().resolve("demo-ca.pem"));
    runtimeConfig = s.dataDir().resolve("demo-perimeter.yaml");
    write(runtimeConfig, DemoPerimeter.rewrite(exampleText, standIns.baseUrls()));

    GatewayOptions gateway =
        GatewayOptions.defaults()
            .withHost(s.host())
            .withPort(s.port())
            .withUpstreamTrust(caFile)
            // One loop on an ephemeral port: further listeners cannot share a port 0 bind yet.
            .withEventLoops(
                s.port() == 0 ? 1 : Math.min(2, Runtime.getRuntime().availableProcessors()));
    node =
        PerimeterNode.start(
            new NodeSettings(
                runtimeConfig, s.store(), s.dataDir(), gateway, "127.0.0.1", s.adminPort()));
    secrets
        .byRef()
        .forEach(
            (ref, secret) ->
                node.store().vault().put(ref, secret.getBytes(StandardCharsets.UTF_8)));
    ApiKeys apiKeys = new ApiKeys(node.store().credentials(), Clock.systemUTC());
    Map<String, String> keys = new LinkedHashMap<>();
    for (String integration : DemoTraffic.integrations()) {
      keys.put(integration, apiKeys.create(integration, KEY_TTL).secret());
    }
    demoKey = keys.get(DemoTraffic.DEMO_INTEGRATION);
    String host = s.host().equals("0.0.0.0") || s.host().equals("::") ? "127.0.0.1" : s.host();
    gatewayUrl = URI.create("http://" + host + ":" + node.gatewayPort());
    adminUrl = URI.create("http://127.0.0.1:" + node.adminPort());
    curlLines = curlLines(gatewayUrl, demoKey);
    write(s.dataDir().resolve("demo-curl.txt"), String.join("\n", curlLines) + "\n");
    traffic = new TrafficGenerator(gatewayUrl, keys, DemoTraffic.requests());
    if (s.trafficPerSecond() > 0) {
      traffic.start(s.trafficPerSecond());
    }
  }

  /** The three curl lines: allowed (200), denied (403), unauthenticated (401), in that order. */
  static List<String> curlLines(URI gateway, String key) {
    String url = gateway + DemoTraffic.CONTACT_PATH;
    String auth = "-H 'Authorization: Bearer " + key + "' ";
    return List.of(
        "curl -sS -i " + auth + url, "curl -sS -i -X DELETE " + auth + url, "curl -sS -i " + url);
  }

  /** What the demo prints once it is up. */
  public String banner() {
    String token = "$(cat " + node.adminTokenFile() + ")";
    StringBuilder b = new StringBuilder();
    b.append("\nBulwark demo is running.\n\n");
    b.append("  gateway     ").append(gatewayUrl).append('\n');
    b.append("  admin API   ")
        .append(adminUrl)
        .append("   (token in ")
        .append(node.adminTokenFile())
        .append(")\n");
    b.append("  config      ").append(runtimeConfig).append("   (edit it: the gateway reloads)\n");
    b.append("  stand-ins   ");
    standIns.baseUrls().forEach((app, url) -> b.append(app).append('=').append(url).append(' '));
    b.append("\n              (TLS under a throwaway demo CA the gateway trusts)\n\n");
    b.append("  demo API key (integration ")
        .append(DemoTraffic.DEMO_INTEGRATION)
        .append("):\n    ");
    b.append(demoKey).append("\n\n");
    b.append("Try it (also in ")
        .append(runtimeConfig.resolveSibling("demo-curl.txt"))
        .append("):\n");
    b.append("  # allowed -> 200 from the Salesforce stand-in, credential injected by Bulwark\n  ");
    b.append(curlLines.get(0)).append('\n');
    b.append(
        "  # denied -> 403 authz.route_denied (DELETE is not in the integration's routes)\n  ");
    b.append(curlLines.get(1)).append('\n');
    b.append("  # no key -> 401 auth.missing\n  ");
    b.append(curlLines.get(2)).append("\n\n");
    b.append("Audit log:\n  curl -sS -H \"Authorization: Bearer ")
        .append(token)
        .append("\" '")
        .append(adminUrl)
        .append("/api/v1/audit?limit=5'\n");
    b.append("  ./bulwark audit verify --data ").append(runtimeConfig.getParent()).append('\n');
    b.append("\nA few requests a second of demo traffic are flowing. Ctrl-C stops the demo.\n");
    return b.toString();
  }

  private static Set<String> appIds() {
    Set<String> ids = new java.util.HashSet<>();
    for (StandInApi api : StandIns.apis()) {
      ids.add(api.appId());
    }
    return ids;
  }

  static String exampleText(Path example) {
    try {
      if (example != null) {
        return Files.readString(example, StandardCharsets.UTF_8);
      }
      Path local = Path.of("examples", "perimeter.yaml");
      if (Files.isRegularFile(local)) {
        return Files.readString(local, StandardCharsets.UTF_8);
      }
      try (InputStream in = DemoRun.class.getResourceAsStream("/examples/perimeter.yaml")) {
        if (in == null) {
          throw new IllegalStateException("no examples/perimeter.yaml here nor in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the example perimeter", e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("demo stand-ins did not start: " + e.getMessage(), e);
    }
  }

  public URI gatewayUrl() {
    return gatewayUrl;
  }

  public URI adminUrl() {
    return adminUrl;
  }

  public String demoKey() {
    return demoKey;
  }

  public List<String> curlLines() {
    return curlLines;
  }

  public StandIns standIns() {
    return standIns;
  }

  public PerimeterNode node() {
    return node;
  }

  /** The demo upstream secrets (tests check they never leak). */
  DemoSecrets secrets() {
    return secrets;
  }

  public TrafficGenerator traffic() {
    return traffic;
  }

  @Override
  public void close() {
    if (traffic != null) {
      traffic.close();
    }
    if (node != null) {
      node.close();
    }
    try {
      standInVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing on the way out: nothing left to protect
    }
  }
}
