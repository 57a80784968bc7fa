package dev.bulwark.gateway.pipeline;

import dev.bulwark.model.App;
import java.net.URI;
import java.util.Locale;

/**
 * An app compiled for forwarding: where its API lives, parsed once at load time rather than per
 * request.
 *
 * @param app the configured app
 * @param tls whether the base URL is https
 * @param host upstream host name (also the Host header and the TLS server name)
 * @param port upstream port
 * @param basePath the base URL's path without a trailing slash ({@code ""} for none), already in
 *     its encoded form
 */
public record Upstream(App app, boolean tls, String host, int port, String basePath) {

  /** Compiles an app's base URL. */
  public static Upstream of(App app) {
    URI base = app.baseUrl();
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("https");
    if (!tls && !scheme.equals("http")) {
      throw new IllegalArgumentException("app " + app.id() + ": base URL must be http or https");
    }
    int port = base.getPort() > 0 ? base.getPort() : (tls ? 443 : 80);
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Upstream(app, tls, base.getHost(), port, path);
  }

  public String appId() {
    return app.id();
  }
}
