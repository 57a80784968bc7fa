package dev.bulwark.server.run;

import dev.bulwark.console.AdminApi;
import dev.bulwark.console.AdminApiOptions;
import dev.bulwark.console.AdminSources;
import dev.bulwark.console.AdminToken;
import dev.bulwark.gateway.Gateway;
import dev.bulwark.gateway.GatewayServices;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.identity.oauth.SigningKeys;
import dev.bulwark.identity.oauth.TokenEndpoint;
import dev.bulwark.identity.oauth.TokenIssuer;
import dev.bulwark.identity.oauth.TokenVerifier;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.config.ConfigWatcher;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.store.Store;
import dev.bulwark.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Bulwark node: the perimeter.yaml watcher, the store, the identity services, the
 * gateway and the admin API. A bad config file at start stops the start ({@link InvalidConfig}); a
 * bad file later is logged and shown on the admin API while the running config stays.
 */
public final class PerimeterNode implements AutoCloseable {
  /** The {@code iss} and {@code aud} context of access tokens this node issues and accepts. */
  public static final String TOKEN_ISSUER = "bulwark";

  private static final Logger LOG = LoggerFactory.getLogger(PerimeterNode.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final NodeSettings settings;
  private Vertx vertx;
  private Store store;
  private ConfigWatcher watcher;
  private ExecutorService storeWorkers;
  private volatile Gateway gateway;
  private volatile List<ConfigError> reloadRejections = List.of();
  private AdminApi admin;

  private PerimeterNode(NodeSettings settings) {
    this.settings = settings;
  }

  /**
   * Starts everything and returns once the gateway and the admin API listen. Blocking.
   *
   * @throws InvalidConfig when the config file has errors
   */
  public static PerimeterNode start(NodeSettings settings) {
    PerimeterNode node = new PerimeterNode(settings);
    try {
      node.startAll();
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startAll() {
    watcher = new ConfigWatcher(settings.config(), this::onGoodConfig, this::onBadConfig);
    LoadResult first = watcher.start();
    if (!first.ok()) {
      throw new InvalidConfig(first.errors());
    }
    store = Stores.open(settings.store());
    vertx = Vertx.vertx(Gateway.vertxOptions(settings.gateway()));
    AtomicInteger n = new AtomicInteger();
    storeWorkers =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "bulwark-store-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    Clock clock = Clock.systemUTC();
    ApiKeyAuthenticator apiKeys = new ApiKeyAuthenticator(store.credentials(), clock, storeWorkers);
    int keys = apiKeys.preload();
    SigningKeys signingKeys = SigningKeys.loadOrCreate(store.vault());
    TokenIssuer issuer = new TokenIssuer(signingKeys, clock, TOKEN_ISSUER);
    TokenVerifier verifier = new TokenVerifier(signingKeys, clock, TOKEN_ISSUER);
    TokenEndpoint tokenEndpoint =
        new TokenEndpoint(
            new ClientSecrets(store.credentials(), clock),
            issuer,
            id -> perimeter().integration(id));
    GatewayServices services =
        new GatewayServices(
            apiKeys, verifier, tokenEndpoint, signingKeys, store.vault(), store.audit());
    gateway =
        await(Gateway.start(vertx, settings.gateway(), first.perimeter(), services), "gateway");
    AdminToken token = AdminToken.loadOrCreate(settings.dataDir().resolve("admin-token"));
    admin =
        await(
            AdminApi.start(
                vertx,
                new AdminApiOptions(settings.adminHost(), settings.adminPort(), token),
                new AdminSources(
                    this::perimeter, this::configErrors, store.credentials(), store.audit())),
            "admin API");
    LOG.info(
        "node up: gateway port {}, admin API port {}, {} API keys loaded, store {}",
        gateway.port(),
        admin.port(),
        keys,
        settings.store().engine());
  }

  private void onGoodConfig(Perimeter perimeter) {
    Gateway running = gateway;
    if (running == null) {
      return; // the first load: the gateway starts with it
    }
    try {
      running.reload(perimeter);
      reloadRejections = List.of();
    } catch (RuntimeException e) {
      // The file was valid but the gateway could not compile it: keep the running config.
      reloadRejections =
          List.of(
              new ConfigError(
                  settings.config().toString(),
                  1,
                  1,
                  "rejected by the gateway: " + e.getMessage()));
      LOG.error(
          "config reload rejected by the gateway, keeping the running config: {}", e.getMessage());
    }
  }

  private void onBadConfig(List<ConfigError> errors) {
    if (gateway == null) {
      return; // reported by start()
    }
    LOG.error(
        "config {} has {} error(s); keeping the running config", settings.config(), errors.size());
    for (ConfigError e : errors) {
      LOG.error("  {}", e);
    }
  }

  /** The perimeter the gateway runs now. */
  public Perimeter perimeter() {
    Gateway running = gateway;
    if (running != null) {
      return running.perimeter();
    }
    Optional<Perimeter> loaded = watcher.current();
    return loaded.orElse(null);
  }

  /** Errors of the last rejected config file, empty when the last load was clean. */
  public List<ConfigError> configErrors() {
    List<ConfigError> fromFile = watcher.lastErrors();
    return fromFile.isEmpty() ? reloadRejections : fromFile;
  }

  public int gatewayPort() {
    return gateway.port();
  }

  public int gatewayTlsPort() {
    return gateway.tlsPort();
  }

  public int adminPort() {
    return admin.port();
  }

  /** Where the admin API's bearer token is kept (mode 600). */
  public java.nio.file.Path adminTokenFile() {
    return settings.dataDir().resolve("admin-token");
  }

  public Store store() {
    return store;
  }

  public Vertx vertx() {
    return vertx;
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw new NodeStartFailed(what + " did not start: " + cause.getMessage(), cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new NodeStartFailed(what + " did not start within " + START_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartFailed(what + " start interrupted", e);
    }
  }

  /** Stops the watcher, the admin API and the gateway (flushing audit), then the store. */
  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (admin != null) {
      quietly(admin.close(), "admin API");
    }
    if (gateway != null) {
      quietly(gateway.close(), "gateway");
    }
    if (vertx != null) {
      quietly(vertx.close(), "vert.x");
    }
    if (storeWorkers != null) {
      storeWorkers.shutdownNow();
    }
    if (store != null) {
      store.close();
    }
  }

  private static void quietly(Future<?> closing, String what) {
    try {
      closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing the {} failed: {}", what, e.toString());
    }
  }
}
