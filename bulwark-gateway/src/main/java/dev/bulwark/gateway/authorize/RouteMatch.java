package dev.bulwark.gateway.authorize;

import dev.bulwark.model.RouteRule;
import java.util.Map;

/**
 * A request that fits one route rule.
 *
 * @param rule the rule that allowed it
 * @param vars template variables bound to decoded path values ({@code {rest*}} joined by '/')
 */
public record RouteMatch(RouteRule rule, Map<String, String> vars) {}
