package dev.bulwark.gateway.pipeline;

import dev.bulwark.model.FlowFinding;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request on its way through the pipeline, with the typed state the stages establish: the
 * canonical path (Normalize), the target app (Route), the {@link Principal} (Authenticate), the
 * route rule (Authorize), the inspected body and DLP findings (Inspect), the upstream credential
 * (Broker) and the upstream response (Forward).
 *
 * <p>Confined to the event loop that received the request, so it needs no synchronisation. A setter
 * is called by the stage that owns that piece of state; the others only read it.
 */
public final class Exchange {
  private final HttpServerRequest request;
  private final HttpMethod method;
  private final String rawUri;
  private final MultiMap headers;
  private final String requestId;
  private final long startNanos;
  private final long startMillis;
  private String sourceAddress;

  private String appId;
  private String path;
  private String encodedPath;
  private String query;
  private Upstream upstream;
  private Principal principal;
  private String ruleId;
  private Map<String, String> routeVars = Map.of();
  private UpstreamCredential upstreamCredential;
  private HttpClientResponse upstreamResponse;
  private List<Shadowed> shadowed;
  private Buffer requestBody;
  private boolean requestBodyChanged;
  private boolean inspectResponse;
  private List<FlowFinding> findings;

  private Exchange(
      HttpServerRequest request,
      HttpMethod method,
      String rawUri,
      MultiMap headers,
      String sourceAddress,
      String requestId) {
    this.request = request;
    this.method = Objects.requireNonNull(method, "method");
    this.rawUri = Objects.requireNonNull(rawUri, "rawUri");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.sourceAddress = sourceAddress;
    this.requestId = Objects.requireNonNull(requestId, "requestId");
    this.startNanos = System.nanoTime();
    this.startMillis = System.currentTimeMillis();
  }

  /** An exchange for a live request received by the gateway. */
  public static Exchange of(HttpServerRequest request, String requestId) {
    return new Exchange(
        request, request.method(), request.uri(), request.headers(), null, requestId);
  }

  /**
   * An exchange with no live connection behind it, for deciding stages in isolation (tests, dry
   * runs). Stages that need the connection (Forward) cannot run on it.
   */
  public static Exchange detached(
      HttpMethod method, String rawUri, MultiMap headers, String sourceAddress, String requestId) {
    return new Exchange(null, method, rawUri, headers, sourceAddress, requestId);
  }

  /** The live request, or null for a {@link #detached} exchange. */
  public HttpServerRequest request() {
    return request;
  }

  public HttpMethod method() {
    return method;
  }

  /** The request-target exactly as received, before any normalization. */
  public String rawUri() {
    return rawUri;
  }

  /** The caller's request headers as Vert.x decoded them (no copy). */
  public MultiMap headers() {
    return headers;
  }

  public String requestId() {
    return requestId;
  }

  public long startNanos() {
    return startNanos;
  }

  public long startMillis() {
    return startMillis;
  }

  /** The caller's IP address, computed once on first use. */
  public String sourceAddress() {
    if (sourceAddress == null && request != null && request.remoteAddress() != null) {
      sourceAddress = request.remoteAddress().hostAddress();
    }
    return sourceAddress;
  }

  // --- Normalize

  /**
   * Records the canonical request target, split into the app id and the path below the app.
   *
   * @param appId first segment of the canonical path
   * @param path canonical path below the app, decoded, starting with {@code /}
   * @param encodedPath the same path re-encoded for the upstream request line
   * @param query the raw query string, or null
   */
  public void target(String appId, String path, String encodedPath, String query) {
    this.appId = appId;
    this.path = path;
    this.encodedPath = encodedPath;
    this.query = query;
  }

  /** App id from the path, or null before Normalize (or when the path named none). */
  public String appId() {
    return appId;
  }

  /** Canonical decoded path below the app, or null before Normalize. */
  public String path() {
    return path;
  }

  public String encodedPath() {
    return encodedPath;
  }

  public String query() {
    return query;
  }

  // --- Route

  public void upstream(Upstream upstream) {
    this.upstream = upstream;
  }

  public Upstream upstream() {
    return upstream;
  }

  // --- Authenticate

  public void principal(Principal principal) {
    this.principal = principal;
  }

  public Principal principal() {
    return principal;
  }

  // --- Authorize

  /** Records the rule that decided (allowed or denied) and the template variables it bound. */
  public void route(String ruleId, Map<String, String> vars) {
    this.ruleId = ruleId;
    this.routeVars = vars == null ? Map.of() : vars;
  }

  public String ruleId() {
    return ruleId;
  }

  public Map<String, String> routeVars() {
    return routeVars;
  }

  // --- Inspect

  /**
   * The request body to forward from memory instead of streaming the caller's: set by Inspect once
   * it has buffered (and perhaps rewritten) the body.
   *
   * @param changed true when the bytes differ from what the caller sent
   */
  public void requestBody(Buffer body, boolean changed) {
    this.requestBody = body;
    this.requestBodyChanged = changed;
  }

  /** The buffered request body to forward, or null to stream the caller's body. */
  public Buffer requestBody() {
    return requestBody;
  }

  /** Whether {@link #requestBody()} was rewritten (validators of the original are then stale). */
  public boolean requestBodyChanged() {
    return requestBodyChanged;
  }

  /** Marks the upstream response for inspection: Forward asks for an unencoded body. */
  public void inspectResponse(boolean inspect) {
    this.inspectResponse = inspect;
  }

  public boolean inspectResponse() {
    return inspectResponse;
  }

  /** Adds DLP findings (class, direction, path, action; never a value) for the audit event. */
  public void addFindings(List<FlowFinding> more) {
    if (more.isEmpty()) {
      return;
    }
    if (findings == null) {
      findings = new ArrayList<>(more.size());
    }
    findings.addAll(more);
  }

  /** The DLP findings of both directions so far; empty when none. */
  public List<FlowFinding> findings() {
    return findings == null ? List.of() : findings;
  }

  // --- Broker

  public void upstreamCredential(UpstreamCredential credential) {
    this.upstreamCredential = credential;
  }

  /** The header to inject upstream, or null when the integration's upstream needs none. */
  public UpstreamCredential upstreamCredential() {
    return upstreamCredential;
  }

  // --- Forward

  public void upstreamResponse(HttpClientResponse response) {
    this.upstreamResponse = response;
  }

  /** The upstream's response head, set by Forward when it continues; its body not yet read. */
  public HttpClientResponse upstreamResponse() {
    return upstreamResponse;
  }

  // --- shadow mode

  /** A rejection a stage in shadow mode decided but the pipeline did not enforce. */
  public record Shadowed(String stage, Verdict.Reject verdict) {}

  void shadowed(String stage, Verdict.Reject verdict) {
    if (shadowed == null) {
      shadowed = new ArrayList<>(2);
    }
    shadowed.add(new Shadowed(stage, verdict));
  }

  /** Rejections recorded but not enforced, in stage order; empty when none. */
  public List<Shadowed> shadowedRejections() {
    return shadowed == null ? List.of() : List.copyOf(shadowed);
  }
}
