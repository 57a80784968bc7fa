package dev.bulwark.gateway.authorize;

import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import dev.bulwark.model.policy.ConditionException;
import dev.bulwark.model.policy.RequestAttributes;
import dev.bulwark.model.policy.RequestCondition;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides whether an authenticated integration may make a request, default deny.
 *
 * <p>Inputs: the integration, the app and canonical path from the normalizer, the method, and a
 * function producing {@link RequestAttributes} — called only when the integration has a CEL
 * condition and a route matched, so the common case builds no attribute maps. In order: the
 * integration must belong to the compiled perimeter and target this app ({@code authz.app_denied});
 * a route rule must match method and path ({@code authz.route_denied}); its condition, if any, must
 * evaluate to true — false or an evaluation error both give {@code authz.condition_false} (fail
 * closed).
 *
 * <p>The compiled perimeter is authoritative: the integration is looked up by id, so a caller
 * holding an {@code Integration} from an older config is judged by the current rules.
 *
 * <p>Built once per perimeter (templates parsed, CEL compiled); immutable and thread-safe.
 */
public final class Authorizer {
  private final RouteTable routes;
  private final Map<String, Policy> policies;

  private Authorizer(RouteTable routes, Map<String, Policy> policies) {
    this.routes = routes;
    this.policies = policies;
  }

  /**
   * Compiles the routes and conditions of every integration.
   *
   * @throws IllegalArgumentException naming the integration when a template or condition is invalid
   *     (config validation should have refused the file before)
   */
  public static Authorizer compile(Perimeter perimeter) {
    Map<String, Policy> policies = new HashMap<>(perimeter.integrations().size() * 2);
    for (Integration integration : perimeter.integrations().values()) {
      RequestCondition condition = null;
      if (integration.condition() != null && !integration.condition().isBlank()) {
        try {
          condition = RequestCondition.compile(integration.condition());
        } catch (ConditionException e) {
          throw new IllegalArgumentException(
              "integration '" + integration.id() + "' condition: " + e.getMessage(), e);
        }
      }
      policies.put(integration.id(), new Policy(integration.app(), condition));
    }
    return new Authorizer(RouteTable.compile(perimeter), policies);
  }

  /** The route table this authorizer matches with. */
  public RouteTable routes() {
    return routes;
  }

  /**
   * Decides one request.
   *
   * @param integration who is calling (authenticated)
   * @param app the app segment of the request
   * @param method HTTP method as sent
   * @param canonicalPath path below the app from the normalizer
   * @param attributes builds the CEL attributes from the matched route; called at most once
   */
  public AuthzResult decide(
      Integration integration,
      String app,
      String method,
      String canonicalPath,
      Function<RouteMatch, RequestAttributes> attributes) {
    String id = integration.id();
    Policy policy = policies.get(id);
    if (policy == null) {
      return new AuthzResult.Denied(
          AuthzResult.ROUTE_DENIED,
          null,
          "integration '" + id + "' is not in the active perimeter",
          null);
    }
    if (policy.app == null || !policy.app.equals(app)) {
      return new AuthzResult.Denied(
          AuthzResult.APP_DENIED,
          null,
          "integration '" + id + "' may not call app '" + app + "'",
          null);
    }
    RouteMatch match = routes.find(id, method, canonicalPath);
    if (match == null) {
      return new AuthzResult.Denied(
          AuthzResult.ROUTE_DENIED,
          null,
          "no route of integration '" + id + "' allows this " + method + " request",
          null);
    }
    if (policy.condition != null) {
      RequestCondition.Outcome outcome = policy.condition.evaluate(attributes.apply(match));
      if (!outcome.passed()) {
        String ruleId = match.rule().id();
        return new AuthzResult.Denied(
            AuthzResult.CONDITION_FALSE,
            ruleId,
            outcome.error() == null
                ? "condition of integration '" + id + "' is false"
                : "condition of integration '" + id + "' could not be evaluated; denied",
            outcome.error());
      }
    }
    return new AuthzResult.Allowed(match.rule(), match.vars());
  }

  /** What an integration is bound by besides its routes. */
  private record Policy(String app, RequestCondition condition) {}
}
