package dev.bulwark.model;

import java.time.Instant;
import java.util.List;

/**
 * One request through the gateway, as recorded. Holds no credential and no payload value.
 *
 * @param time when the request arrived
 * @param requestId the X-Request-Id sent upstream
 * @param integration integration id, or null when authentication failed
 * @param app app id, or null when the path named none
 * @param method HTTP method
 * @param path canonical path (after normalization), without the query string
 * @param routeRule id of the rule that allowed or denied, or null
 * @param decision allow, deny or error
 * @param reason stable reason code ({@code ok}, {@code auth.missing}, {@code
 *     authz.route_denied}...)
 * @param status HTTP status returned to the caller
 * @param bytesIn request body bytes
 * @param bytesOut response body bytes
 * @param latencyMicros time from arrival to the last response byte
 * @param sourceAddress caller's IP address
 * @param findings DLP findings, class/path/action only
 */
public record AuditEvent(
    Instant time,
    String requestId,
    String integration,
    String app,
    String method,
    String path,
    String routeRule,
    Decision decision,
    String reason,
    int status,
    long bytesIn,
    long bytesOut,
    long latencyMicros,
    String sourceAddress,
    List<FlowFinding> findings) {
  public AuditEvent {
    findings = findings == null ? List.of() : List.copyOf(findings);
  }
}
