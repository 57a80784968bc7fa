package dev.bulwark.gateway.authorize;

import dev.bulwark.model.App;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small perimeters for tests without YAML. */
final class Perimeters {
  private Perimeters() {}

  /** Rules written as "METHOD /template", ids {@code <integration>#<index>}. */
  static Integration integration(String id, String app, String condition, String... routes) {
    List<RouteRule> rules = new ArrayList<>();
    for (int i = 0; i < routes.length; i++) {
      String[] parts = routes[i].split(" ", 2);
      rules.add(new RouteRule(id + "#" + i, parts[0], parts[1]));
    }
    return new Integration(
        id,
        "owner@example.test",
        "test caller",
        app,
        CredentialKind.API_KEY,
        rules,
        condition,
        List.of(),
        List.of("contacts.read"),
        UpstreamAuth.NONE);
  }

  static Perimeter perimeter(Integration... integrations) {
    Map<String, App> apps = new LinkedHashMap<>();
    Map<String, Integration> byId = new LinkedHashMap<>();
    for (Integration integration : integrations) {
      apps.computeIfAbsent(
          integration.app(),
          id ->
              new App(
                  id,
                  "Vendor",
                  URI.create("https://" + id + ".example.test"),
                  true,
                  "owner@example.test",
                  List.of(),
                  false));
      byId.put(integration.id(), integration);
    }
    return new Perimeter(Map.of(), apps, byId);
  }
}
