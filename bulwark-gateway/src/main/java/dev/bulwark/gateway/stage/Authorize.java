package dev.bulwark.gateway.stage;

import dev.bulwark.gateway.authorize.Authorizer;
import dev.bulwark.gateway.authorize.AuthzResult;
import dev.bulwark.gateway.authorize.RouteMatch;
import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.policy.RequestAttributes;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides whether the authenticated integration may make this exact request, default deny, with the
 * compiled {@link Authorizer} (method + path template allowlist, then the optional CEL condition).
 * Allowed: the rule id and template variables are recorded on the exchange. Denied: 403 with the
 * authorizer's reason ({@code authz.app_denied}, {@code authz.route_denied}, {@code
 * authz.condition_false}) and the rule that decided, if any.
 *
 * <p>The CEL attributes (query, headers maps) are built only when a condition is evaluated, so an
 * integration without a condition costs one route-table lookup.
 */
public final class Authorize implements Stage.Sync {
  private final Authorizer authorizer;

  public Authorize(Authorizer authorizer) {
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  /** Compiles the perimeter's routes and conditions once, for one snapshot. */
  public static Authorize compile(Perimeter perimeter) {
    return new Authorize(Authorizer.compile(perimeter));
  }

  @Override
  public String name() {
    return "authorize";
  }

  @Override
  public Verdict decide(Exchange exchange) {
    Principal principal = exchange.principal();
    if (principal == null) {
      return Verdict.reject(500, "pipeline.stage_failed", "authorize ran before authenticate");
    }
    AuthzResult result =
        authorizer.decide(
            principal.integration(),
            exchange.appId(),
            exchange.method().name(),
            exchange.path(),
            attributes(exchange, principal));
    if (result instanceof AuthzResult.Allowed allowed) {
      exchange.route(allowed.rule().id(), allowed.vars());
      return Verdict.CONTINUE;
    }
    AuthzResult.Denied denied = (AuthzResult.Denied) result;
    if (denied.ruleId() != null) {
      exchange.route(denied.ruleId(), Map.of());
    }
    return new Verdict.Reject(403, denied.reason(), denied.message(), denied.ruleId());
  }

  private static Function<RouteMatch, RequestAttributes> attributes(
      Exchange exchange, Principal principal) {
    return match ->
        new RequestAttributes(
            exchange.method().name(),
            exchange.path(),
            match.vars(),
            query(exchange.query()),
            new HeaderView(exchange.headers()),
            exchange.sourceAddress(),
            Instant.now(),
            principal.integrationId(),
            principal.scopes());
  }

  static Map<String, String> query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> decoded = new QueryStringDecoder(rawQuery, false).parameters();
    Map<String, String> first = new HashMap<>(decoded.size() * 2);
    decoded.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
    return first;
  }
}
