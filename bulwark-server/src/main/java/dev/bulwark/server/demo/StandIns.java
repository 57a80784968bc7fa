package dev.bulwark.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The six demo stand-ins (Salesforce, HubSpot, Slack, GitHub, Workday, Stripe), started together.
 */
public final class StandIns {
  private final Map<String, StandIn> byApp;

  private StandIns(Map<String, StandIn> byApp) {
    this.byApp = byApp;
  }

  /** The vendor APIs the demo stands in for. */
  public static List<StandInApi> apis() {
    return List.of(
        new SalesforceStandIn(),
        new HubSpotStandIn(),
        new SlackStandIn(),
        new GitHubStandIn(),
        new WorkdayStandIn(),
        new StripeStandIn());
  }

  /**
   * Starts every stand-in on its own ephemeral port.
   *
   * @param secrets the credentials each stand-in accepts
   * @param options server options shared by all (TLS or not)
   */
  public static Future<StandIns> start(
      Vertx vertx, DemoSecrets secrets, HttpServerOptions options) {
    List<Future<StandIn>> starting = new ArrayList<>();
    for (StandInApi api : apis()) {
      starting.add(StandIn.start(vertx, api, secrets.acceptedFor(api.appId()), options));
    }
    return Future.all(starting)
        .map(
            all -> {
              Map<String, StandIn> byApp = new LinkedHashMap<>();
              for (Future<StandIn> f : starting) {
                byApp.put(f.result().appId(), f.result());
              }
              return new StandIns(byApp);
            });
  }

  /** App id to base URL, for rewriting the perimeter. */
  public Map<String, URI> baseUrls() {
    Map<String, URI> urls = new LinkedHashMap<>();
    byApp.forEach((app, standIn) -> urls.put(app, standIn.baseUrl()));
    return urls;
  }

  public StandIn get(String app) {
    StandIn s = byApp.get(app);
    if (s == null) {
      throw new NoSuchElementException("no stand-in for app " + app);
    }
    return s;
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    byApp.values().forEach(s -> closing.add(s.close()));
    return Future.all(closing).mapEmpty();
  }
}
