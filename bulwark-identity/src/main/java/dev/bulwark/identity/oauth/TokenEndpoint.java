package dev.bulwark.identity.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.identity.Authentication;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The token endpoint's logic for the client-credentials grant (RFC 6749 §4.4), without any HTTP
 * server: the gateway hands over the raw POST and writes back the {@link TokenResponse}.
 *
 * <p>Decides, in this order: the body is a well-formed {@code application/x-www-form-urlencoded}
 * form with no repeated parameter (else {@code invalid_request}, 400); the client authenticated
 * with {@code client_secret_basic} (RFC 6749 §2.3.1) and its secret is usable, and its integration
 * exists with credential kind {@code oauth2-client-credentials} (else {@code invalid_client}, 401
 * with {@code WWW-Authenticate: Basic realm="bulwark"}); {@code grant_type} is {@code
 * client_credentials} (else {@code unsupported_grant_type}, 400); the requested scope is a subset
 * of the integration's configured scopes (else {@code invalid_scope}, 400; no scope requested means
 * all of them, RFC 6749 §3.3). Errors follow §5.2; a success is §5.1 JSON with {@code
 * Cache-Control: no-store}. Client authentication is checked before the grant so that an
 * unauthenticated caller learns nothing about the rest of its request.
 *
 * <p>Blocking (the client secret is read from the store): the gateway runs it on a worker.
 */
public final class TokenEndpoint {

  /** The largest form body accepted; a client-credentials request is a few dozen bytes. */
  public static final int MAX_BODY_CHARS = 4096;

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Map<String, String> JSON_HEADERS =
      Map.of(
          "Content-Type", "application/json;charset=UTF-8",
          "Cache-Control", "no-store",
          "Pragma", "no-cache");

  private final ClientSecrets secrets;
  private final TokenIssuer issuer;
  private final Function<String, Optional<Integration>> integrations;

  /**
   * @param integrations looks up an integration by id in the current (reloadable) configuration
   */
  public TokenEndpoint(
      ClientSecrets secrets,
      TokenIssuer issuer,
      Function<String, Optional<Integration>> integrations) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.integrations = Objects.requireNonNull(integrations, "integrations");
  }

  /**
   * Answers one token request.
   *
   * @param authorizationHeader the {@code Authorization} header, or null
   * @param contentType the {@code Content-Type} header, or null
   * @param body the request body as text, or null
   */
  public TokenResponse handle(String authorizationHeader, String contentType, String body) {
    if (!isForm(contentType)) {
      return error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
    }
    if (body != null && body.length() > MAX_BODY_CHARS) {
      return error(400, "invalid_request", "the request body is too large");
    }
    Map<String, String> form = parseForm(body == null ? "" : body);
    if (form == null) {
      return error(400, "invalid_request", "the form is malformed or repeats a parameter");
    }
    if (form.containsKey("client_secret")) {
      // client_secret_post is not offered; a secret in the body is refused, never read.
      return error(400, "invalid_request", "use HTTP Basic client authentication");
    }
    BasicCredentials client = BasicCredentials.parse(authorizationHeader);
    if (client == null) {
      return invalidClient();
    }
    if (form.containsKey("client_id") && !form.get("client_id").equals(client.id())) {
      return error(400, "invalid_request", "client_id does not match the authenticated client");
    }
    Authentication who = secrets.authenticate(client.id(), client.secret());
    if (!(who instanceof Authentication.Authenticated)) {
      return invalidClient();
    }
    Optional<Integration> integration = integrations.apply(client.id());
    if (integration.isEmpty()
        || integration.get().credentialKind() != CredentialKind.OAUTH2_CLIENT_CREDENTIALS) {
      return invalidClient();
    }
    String grantType = form.get("grant_type");
    if (grantType == null) {
      return error(400, "invalid_request", "grant_type is required");
    }
    if (!grantType.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "only client_credentials is supported");
    }
    List<String> scopes = grantedScopes(form.get("scope"), integration.get().scopes());
    if (scopes == null) {
      return error(400, "invalid_scope", "the requested scope exceeds the client's scopes");
    }
    AccessToken token = issuer.issue(client.id(), scopes);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_token", token.token());
    json.put("token_type", "Bearer");
    json.put("expires_in", issuer.ttl().toSeconds());
    if (!scopes.isEmpty()) {
      // RFC 6749 §3.3: a scope value is one or more scope tokens; with none granted, omit it.
      json.put("scope", String.join(" ", scopes));
    }
    return new TokenResponse(200, JSONObjectUtils.toJSONString(json), JSON_HEADERS);
  }

  /** The scopes to grant, or null when the request asks for more than the client has. */
  private static List<String> grantedScopes(String requested, List<String> configured) {
    if (requested == null) {
      return List.copyOf(configured);
    }
    Set<String> asked = new LinkedHashSet<>();
    for (String token : requested.split(" ", -1)) {
      if (!validScopeToken(token)) {
        return null;
      }
      asked.add(token);
    }
    return Set.copyOf(configured).containsAll(asked) ? new ArrayList<>(asked) : null;
  }

  /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
  private static boolean validScopeToken(String token) {
    if (token.isEmpty()) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(FORM);
  }

  /** The form's parameters, or null when it is malformed or repeats a parameter (RFC 6749 §3.2). */
  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      String decodedName = formDecode(name);
      String decodedValue = formDecode(value);
      if (decodedName == null
          || decodedValue == null
          || form.putIfAbsent(decodedName, decodedValue) != null) {
        return null;
      }
    }
    return form;
  }

  static String formDecode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static TokenResponse invalidClient() {
    Map<String, String> headers = new HashMap<>(JSON_HEADERS);
    headers.put("WWW-Authenticate", "Basic realm=\"bulwark\"");
    return new TokenResponse(401, body("invalid_client", "client authentication failed"), headers);
  }

  private static TokenResponse error(int status, String code, String description) {
    return new TokenResponse(status, body(code, description), JSON_HEADERS);
  }

  private static String body(String code, String description) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", code);
    json.put("error_description", description);
    return JSONObjectUtils.toJSONString(json);
  }

  /** RFC 6749 §2.3.1: {@code Basic base64(urlencode(client_id) ":" urlencode(secret))}. */
  private record BasicCredentials(String id, String secret) {
    static BasicCredentials parse(String header) {
      if (header == null || header.length() < 6 || header.length() > MAX_BODY_CHARS) {
        return null;
      }
      if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String id = formDecode(decoded.substring(0, colon));
      String secret = formDecode(decoded.substring(colon + 1));
      return id == null || secret == null || id.isEmpty() ? null : new BasicCredentials(id, secret);
    }

    @Override
    public String toString() {
      return "BasicCredentials[id=" + id + ", secret=<redacted>]";
    }
  }
}
