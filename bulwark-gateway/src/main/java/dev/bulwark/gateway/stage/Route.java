package dev.bulwark.gateway.stage;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Upstream;
import dev.bulwark.gateway.pipeline.Verdict;
import java.util.Map;

/**
 * Decides which app a request addresses, from the first segment of its canonical path: one hash
 * lookup in the apps compiled at load time. An app the perimeter does not know is 404 {@code
 * route.unknown_app} — nothing about a request to nowhere is worth judging further.
 */
public final class Route implements Stage.Sync {
  private static final Verdict.Reject UNKNOWN =
      Verdict.reject(404, "route.unknown_app", "no app is configured under this path");

  private final Map<String, Upstream> apps;

  /**
   * @param apps upstreams by app id, built once per configuration
   */
  public Route(Map<String, Upstream> apps) {
    this.apps = Map.copyOf(apps);
  }

  @Override
  public String name() {
    return "route";
  }

  @Override
  public Verdict decide(Exchange exchange) {
    String appId = exchange.appId();
    Upstream upstream = appId == null ? null : apps.get(appId);
    if (upstream == null) {
      return UNKNOWN;
    }
    exchange.upstream(upstream);
    return Verdict.CONTINUE;
  }
}
