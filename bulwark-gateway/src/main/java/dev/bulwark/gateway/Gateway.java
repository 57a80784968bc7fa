package dev.bulwark.gateway;

import dev.bulwark.gateway.audit.AuditSink;
import dev.bulwark.gateway.broker.Broker;
import dev.bulwark.gateway.broker.UpstreamCredentials;
import dev.bulwark.gateway.inspect.BodyInspector;
import dev.bulwark.gateway.inspect.InspectStage;
import dev.bulwark.gateway.inspect.InspectedBody;
import dev.bulwark.gateway.inspect.ResponseInspection;
import dev.bulwark.gateway.normalize.PathNormalizer;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Upstream;
import dev.bulwark.gateway.stage.Authenticate;
import dev.bulwark.gateway.stage.Authorize;
import dev.bulwark.gateway.stage.Normalize;
import dev.bulwark.gateway.stage.Route;
import dev.bulwark.model.App;
import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.Perimeter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: Vert.x servers on every event loop running the request pipeline (Normalize →
 * Route → Authenticate → Authorize → Inspect, when any integration has DLP rules → Broker →
 * Forward; the response half of Inspect runs before the relay), plus {@code POST /oauth2/token} and
 * {@code GET /.well-known/jwks.json}.
 *
 * <p>The configuration lives in one immutable {@link Snapshot} behind a volatile reference: {@link
 * #reload} compiles the new perimeter completely, then swaps the reference, so requests in flight
 * finish under the configuration they started with.
 *
 * <p>Start it on a Vert.x built with {@link #vertxOptions(GatewayOptions)} to get the native
 * (epoll) transport and enough event loops; which transport is in use is logged at start.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final GatewayOptions options;
  private final GatewayServices services;
  private final AuditSink sink;
  private final HttpClientAgent brokerClient;
  private final UpstreamCredentials credentials;
  private final PathNormalizer normalizer = new PathNormalizer();
  private static final java.util.concurrent.atomic.AtomicInteger EPHEMERAL =
      new java.util.concurrent.atomic.AtomicInteger(1000);

  private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Snapshot snapshot;
  private int port = -1;
  private int tlsPort = -1;

  private Gateway(Vertx vertx, GatewayOptions options, GatewayServices services) {
    this.vertx = vertx;
    this.options = options;
    this.services = services;
    this.sink = new AuditSink(services.audit());
    this.brokerClient = vertx.createHttpClient(upstreamClientOptions(), new PoolOptions());
    this.credentials =
        new UpstreamCredentials(
            vertx,
            services.vault(),
            brokerClient,
            options.connectTimeout().plus(options.responseTimeout()));
  }

  /** Vert.x options the gateway is meant to run on: native transport preferred, its loop count. */
  public static VertxOptions vertxOptions(GatewayOptions options) {
    // No thread-context class loader swap around every event: nothing we call needs one.
    return new VertxOptions()
        .setPreferNativeTransport(true)
        .setDisableTCCL(true)
        .setEventLoopPoolSize(options.eventLoops());
  }

  /**
   * Compiles the perimeter, starts one listener per event loop, and completes once all listen.
   * Fails (and releases what it opened) when the perimeter cannot be compiled or a port is taken.
   */
  public static Future<Gateway> start(
      Vertx vertx, GatewayOptions options, Perimeter perimeter, GatewayServices services) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(perimeter, "perimeter");
    Objects.requireNonNull(services, "services");
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("gateway transport: native ({})", nativeName());
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.info(
          "gateway transport: NIO (native unavailable: {})",
          why == null ? "not requested" : why.toString());
    }
    Gateway gateway;
    try {
      gateway = new Gateway(vertx, options, services);
      gateway.snapshot = gateway.compile(perimeter);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return gateway
        .deployListeners()
        .transform(
            done -> {
              if (done.failed()) {
                return gateway.close().transform(ignored -> Future.failedFuture(done.cause()));
              }
              LOG.info(
                  "gateway listening on {}:{}{} with {} event loop(s), {} apps, {} integrations",
                  options.host(),
                  gateway.port,
                  gateway.tlsPort > 0 ? " (TLS " + gateway.tlsPort + ")" : "",
                  options.eventLoops(),
                  perimeter.apps().size(),
                  perimeter.integrations().size());
              return Future.succeededFuture(gateway);
            });
  }

  private static String nativeName() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    return os.contains("linux") ? "epoll" : os.contains("mac") ? "kqueue" : os;
  }

  /**
   * Compiles {@code perimeter} and makes it the configuration of every request that starts from now
   * on. Throws (and keeps the running configuration) when it cannot be compiled.
   */
  public void reload(Perimeter perimeter) {
    Snapshot next = compile(Objects.requireNonNull(perimeter, "perimeter"));
    snapshot = next;
    credentials.invalidateAll();
    LOG.info(
        "gateway configuration reloaded: {} apps, {} integrations",
        perimeter.apps().size(),
        perimeter.integrations().size());
  }

  /** The plain HTTP port actually bound. */
  public int port() {
    return port;
  }

  /** The HTTPS port actually bound, or -1 when TLS is not configured. */
  public int tlsPort() {
    return tlsPort;
  }

  /** The current configuration. */
  public Perimeter perimeter() {
    return snapshot.perimeter();
  }

  /** Audit events dropped because the queue was full (see {@link AuditSink}). */
  public long auditDropped() {
    return sink.dropped();
  }

  /** Stops listening, then writes the audit events still queued. */
  public Future<Void> close() {
    List<Future<?>> undeploying = new ArrayList<>();
    for (String id : deployments) {
      undeploying.add(vertx.undeploy(id));
    }
    return Future.join(undeploying)
        .transform(ignored -> brokerClient.close())
        .transform(
            ignored ->
                vertx.executeBlocking(
                    () -> {
                      sink.close();
                      return null;
                    }));
  }

  // --- for the listeners

  Snapshot snapshot() {
    return snapshot;
  }

  GatewayOptions options() {
    return options;
  }

  GatewayServices services() {
    return services;
  }

  void record(AuditEvent event) {
    sink.offer(event);
  }

  HttpClientOptions upstreamClientOptions() {
    HttpClientOptions client =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(60)
            .setVerifyHost(true)
            .setTrustAll(false)
            .setTcpNoDelay(true)
            .setDecompressionSupported(false)
            .setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
    if (options.upstreamTrust() != null) {
      client.setTrustOptions(new PemTrustOptions().addCertPath(options.upstreamTrust().toString()));
    }
    return client;
  }

  PoolOptions poolOptions() {
    return new PoolOptions().setHttp1MaxSize(options.maxUpstreamConnections());
  }

  HttpServerOptions serverOptions(boolean tls) {
    HttpServerOptions server =
        new HttpServerOptions()
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setDecompressionSupported(false)
            .setHandle100ContinueAutomatically(true)
            .setHttp2ClearTextEnabled(false)
            // Every response is written from its listener's event loop (async answers come back
            // to that context), so Vert.x may skip its cross-thread write queue.
            .setStrictThreadMode(true)
            .setIdleTimeout(120);
    if (tls) {
      server
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setCertPath(options.tlsCert().toString())
                  .setKeyPath(options.tlsKey().toString()));
    }
    return server;
  }

  // --- internals

  private Snapshot compile(Perimeter perimeter) {
    Map<String, Upstream> upstreams = new HashMap<>();
    for (App app : perimeter.apps().values()) {
      upstreams.put(app.id(), Upstream.of(app));
    }
    List<Stage> stages = new ArrayList<>();
    stages.add(new Normalize(normalizer));
    stages.add(new Route(upstreams));
    stages.add(new Authenticate(services.apiKeys(), services.tokens(), perimeter.integrations()));
    stages.add(Authorize.compile(perimeter));
    BodyInspector inspector = inspectorFor(perimeter);
    if (inspector != null) {
      // After Authorize, so only authorised requests are ever buffered.
      stages.add(new InspectStage(inspector, Gateway::keepInspected));
    }
    stages.add(new Broker(credentials));
    return new Snapshot(
        perimeter, stages, inspector == null ? null : new ResponseInspection(inspector));
  }

  /**
   * The DLP inspector for a perimeter, or null when no integration has rules in either direction
   * (then no body is ever buffered and the scanner is not even built).
   */
  private BodyInspector inspectorFor(Perimeter perimeter) {
    boolean any =
        perimeter.integrations().values().stream()
            .anyMatch(i -> !i.dlp().request().isEmpty() || !i.dlp().response().isEmpty());
    if (!any) {
      return null;
    }
    BodyInspector inspector = BodyInspector.create(perimeter, tokenizeKey());
    if (!inspector.silentClasses().isEmpty()) {
      LOG.warn(
          "DLP policies name classes no detector produces (they will never match): {}",
          inspector.silentClasses());
    }
    return inspector;
  }

  /** The vault key of deterministic tokens, made on first need so tokens stay stable after. */
  private byte[] tokenizeKey() {
    return services
        .vault()
        .get(BodyInspector.TOKENIZE_KEY_REF)
        .orElseGet(
            () -> {
              byte[] key = new byte[32];
              new java.security.SecureRandom().nextBytes(key);
              services.vault().put(BodyInspector.TOKENIZE_KEY_REF, key);
              return key;
            });
  }

  private static void keepInspected(Exchange exchange, InspectedBody inspected) {
    exchange.addFindings(inspected.findings());
    if (inspected.body() != null) {
      exchange.requestBody(inspected.body(), inspected.changed());
    }
  }

  private Future<Void> deployListeners() {
    // Every listener binds the same port so Vert.x shares one socket across the event loops. An
    // ephemeral port (0) is not shared by Vert.x; a negative port is "a random port shared by
    // all who ask for this same negative number", so each gateway draws its own.
    int plain = options.port() == 0 ? -EPHEMERAL.incrementAndGet() : options.port();
    int tls = options.tlsPort() == 0 ? -EPHEMERAL.incrementAndGet() : options.tlsPort();
    List<Listener> listeners = new ArrayList<>();
    List<Future<?>> deployed = new ArrayList<>();
    for (int i = 0; i < options.eventLoops(); i++) {
      Listener listener = new Listener(this, plain, tls);
      listeners.add(listener);
      deployed.add(
          vertx.deployVerticle(listener, new DeploymentOptions()).onSuccess(deployments::add));
    }
    return Future.all(deployed)
        .map(
            ignored -> {
              port = listeners.get(0).actualPort();
              tlsPort = listeners.get(0).actualTlsPort();
              return null;
            });
  }
}
