package dev.bulwark.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway listens and forwards. Immutable; {@link #defaults()} then the {@code withX}
 * methods.
 *
 * @param host address to bind, for example {@code 0.0.0.0}
 * @param port plain HTTP port ({@code 0}: an ephemeral port, see {@link Gateway#port()})
 * @param tlsPort HTTPS port, used only when {@code tlsCert} and {@code tlsKey} are set
 * @param tlsCert PEM certificate chain of the gateway's TLS listener, or null
 * @param tlsKey PEM private key of the gateway's TLS listener, or null
 * @param upstreamTrust PEM file of CA certificates trusted for upstreams, or null for the JDK's
 *     default trust store; certificate and host name verification are always on
 * @param connectTimeout longest wait for an upstream connection
 * @param responseTimeout longest upstream silence once a request is sent (504 after it)
 * @param eventLoops how many event loops serve requests (one server and client per loop)
 * @param maxUpstreamConnections keep-alive connections per upstream and event loop
 */
public record GatewayOptions(
    String host,
    int port,
    int tlsPort,
    Path tlsCert,
    Path tlsKey,
    Path upstreamTrust,
    Duration connectTimeout,
    Duration responseTimeout,
    int eventLoops,
    int maxUpstreamConnections) {

  public GatewayOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("tlsCert and tlsKey go together");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1");
    }
    if (maxUpstreamConnections < 1) {
      throw new IllegalArgumentException("maxUpstreamConnections must be at least 1");
    }
  }

  /**
   * 0.0.0.0:8080, TLS on 8443 once a certificate is set, JDK trust, 5 s / 30 s, a loop per core.
   */
  public static GatewayOptions defaults() {
    return new GatewayOptions(
        "0.0.0.0",
        8080,
        8443,
        null,
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        256);
  }

  public boolean tlsEnabled() {
    return tlsCert != null;
  }

  public GatewayOptions withHost(String host) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        upstreamTrust,
        connectTimeout,
        responseTimeout,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withPort(int port) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        upstreamTrust,
        connectTimeout,
        responseTimeout,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withTls(int tlsPort, Path cert, Path key) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        cert,
        key,
        upstreamTrust,
        connectTimeout,
        responseTimeout,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withUpstreamTrust(Path pem) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        pem,
        connectTimeout,
        responseTimeout,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withTimeouts(Duration connect, Duration response) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        upstreamTrust,
        connect,
        response,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withEventLoops(int eventLoops) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        upstreamTrust,
        connectTimeout,
        responseTimeout,
        eventLoops,
        maxUpstreamConnections);
  }

  public GatewayOptions withMaxUpstreamConnections(int max) {
    return new GatewayOptions(
        host,
        port,
        tlsPort,
        tlsCert,
        tlsKey,
        upstreamTrust,
        connectTimeout,
        responseTimeout,
        eventLoops,
        max);
  }
}
