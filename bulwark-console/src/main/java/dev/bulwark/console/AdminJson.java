package dev.bulwark.console;

import dev.bulwark.model.App;
import dev.bulwark.model.AuditEvent;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.FlowFinding;
import dev.bulwark.model.Integration;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.StoredAuditEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Renders the admin API's JSON. Decides what leaves the process: credential hashes and secret
 * values never do; an upstream credential appears only as its kind and vault reference.
 */
final class AdminJson {
  private AdminJson() {}

  static JsonObject integration(Integration i, List<CredentialRecord> credentials, Instant now) {
    JsonArray routes = new JsonArray();
    for (RouteRule r : i.routes()) {
      routes.add(
          new JsonObject()
              .put("id", r.id())
              .put("method", r.method())
              .put("path", r.pathTemplate()));
    }
    JsonArray creds = new JsonArray();
    for (CredentialRecord c : credentials) {
      creds.add(credential(c, now));
    }
    return new JsonObject()
        .put("id", i.id())
        .put("owner", i.owner())
        .put("caller", i.caller())
        .put("app", i.app())
        .put("credentialKind", i.credentialKind() == null ? null : i.credentialKind().id())
        .put("routes", routes)
        .put("condition", i.condition())
        .put("dataClasses", new JsonArray(List.copyOf(i.dataClasses())))
        .put("scopes", new JsonArray(List.copyOf(i.scopes())))
        .put("upstream", upstream(i.upstream()))
        .put("credentials", creds);
  }

  static JsonObject upstream(UpstreamAuth u) {
    if (u == null) {
      return new JsonObject().put("kind", "none");
    }
    return new JsonObject()
        .put("kind", u.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .put("secretRef", u.secretRef())
        .put("header", u.headerName())
        .put("tokenUrl", u.tokenUrl() == null ? null : u.tokenUrl().toString())
        .put("clientId", u.clientId());
  }

  static JsonObject credential(CredentialRecord c, Instant now) {
    return new JsonObject()
        .put("id", c.id())
        .put("kind", c.kind() == CredentialRecord.Kind.API_KEY ? "api-key" : "client-secret")
        .put("hint", c.hint())
        .put("createdAt", text(c.createdAt()))
        .put("expiresAt", text(c.expiresAt()))
        .put("revokedAt", text(c.revokedAt()))
        .put("active", c.activeAt(now));
  }

  static JsonObject app(App a) {
    return new JsonObject()
        .put("id", a.id())
        .put("vendor", a.vendor())
        .put("baseUrl", a.baseUrl() == null ? null : a.baseUrl().toString())
        .put("sanctioned", a.sanctioned())
        .put("owner", a.owner())
        .put("dataClasses", new JsonArray(List.copyOf(a.dataClasses())))
        .put("insecureTransit", a.insecureTransit());
  }

  static JsonObject auditEvent(StoredAuditEvent stored) {
    AuditEvent e = stored.event();
    JsonArray findings = new JsonArray();
    for (FlowFinding f : e.findings()) {
      findings.add(
          new JsonObject()
              .put("dataClass", f.dataClass())
              .put("direction", f.direction())
              .put("path", f.path())
              .put("action", f.action()));
    }
    return new JsonObject()
        .put("id", stored.id())
        .put("time", text(e.time()))
        .put("requestId", e.requestId())
        .put("integration", e.integration())
        .put("app", e.app())
        .put("method", e.method())
        .put("path", e.path())
        .put("routeRule", e.routeRule())
        .put("decision", e.decision() == null ? null : e.decision().name())
        .put("reason", e.reason())
        .put("status", e.status())
        .put("bytesIn", e.bytesIn())
        .put("bytesOut", e.bytesOut())
        .put("latencyMicros", e.latencyMicros())
        .put("sourceAddress", e.sourceAddress())
        .put("findings", findings)
        .put("prevHash", stored.prevHash())
        .put("hash", stored.hash());
  }

  static JsonObject configError(ConfigError e) {
    return new JsonObject()
        .put("file", e.file())
        .put("line", e.line())
        .put("column", e.column())
        .put("message", e.message())
        .put("text", e.toString());
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
