package dev.bulwark.gateway.authorize;

import dev.bulwark.model.RouteRule;
import java.util.Map;

/** The decision of {@link Authorizer#decide}: allowed by one rule, or denied with a reason. */
public sealed interface AuthzResult {
  String APP_DENIED = "authz.app_denied";
  String ROUTE_DENIED = "authz.route_denied";
  String CONDITION_FALSE = "authz.condition_false";

  /** True for {@link Allowed}. */
  boolean allowed();

  /**
   * The request may pass.
   *
   * @param rule the route rule that allowed it
   * @param vars its template variables
   */
  record Allowed(RouteRule rule, Map<String, String> vars) implements AuthzResult {
    @Override
    public boolean allowed() {
      return true;
    }
  }

  /**
   * The request is refused (403).
   *
   * @param reason {@link #APP_DENIED}, {@link #ROUTE_DENIED} or {@link #CONDITION_FALSE}
   * @param ruleId the rule that matched before its condition failed, or null
   * @param message safe for the response body: names the integration and rule, never request data
   * @param diagnostic for the operator's log or audit only, or null: the CEL evaluation error,
   *     which may quote request data
   */
  record Denied(String reason, String ruleId, String message, String diagnostic)
      implements AuthzResult {
    @Override
    public boolean allowed() {
      return false;
    }
  }
}
