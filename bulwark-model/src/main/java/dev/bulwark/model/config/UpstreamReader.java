package dev.bulwark.model.config;

import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.model.UpstreamAuth.Kind;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads an integration's {@code upstream}: how Bulwark authenticates to the SaaS. Each kind has the
 * keys it needs and refuses the others, so a half-configured credential (a header with no secret, a
 * token URL on a bearer token) is an error rather than a surprise at the first request.
 *
 * <p>The {@code secret} is a vault reference, never the secret; its value is never repeated in a
 * message, in case someone pasted the real token there.
 */
final class UpstreamReader {
  static final List<String> KEYS =
      List.of("kind", "secret", "header", "tokenUrl", "clientId", "scope");

  private static final Map<String, Kind> KINDS =
      Map.of(
          "none", Kind.NONE,
          "bearer", Kind.BEARER,
          "basic", Kind.BASIC,
          "api-key-header", Kind.API_KEY_HEADER,
          "oauth2-client-credentials", Kind.OAUTH2_CLIENT_CREDENTIALS);
  private static final List<String> KIND_NAMES =
      List.of("none", "bearer", "basic", "api-key-header", "oauth2-client-credentials");

  /** Per kind: required keys, then optional ones; anything else besides "kind" is refused. */
  private static final Map<Kind, List<String>> REQUIRED =
      Map.of(
          Kind.NONE, List.of(),
          Kind.BEARER, List.of("secret"),
          Kind.BASIC, List.of("secret"),
          Kind.API_KEY_HEADER, List.of("secret", "header"),
          Kind.OAUTH2_CLIENT_CREDENTIALS, List.of("secret", "tokenUrl", "clientId"));

  private static final Map<Kind, List<String>> OPTIONAL =
      Map.of(Kind.OAUTH2_CLIENT_CREDENTIALS, List.of("scope"));

  /** A vault path: letters, digits and . _ - / in segments, no empty or dot-only segments. */
  private static final Pattern VAULT_REFERENCE =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  /** RFC 9110 §5.6.2 token. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers that frame or route the request: injecting a secret there would break or smuggle. */
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "upgrade",
          "te",
          "trailer",
          "keep-alive",
          "proxy-connection",
          "proxy-authorization",
          "x-request-id");

  /** RFC 6749 §3.3 scope-token. */
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private final Problems problems;

  UpstreamReader(Problems problems) {
    this.problems = problems;
  }

  Optional<UpstreamAuth> read(Node node, String path) {
    Optional<MappingNode> mapping = Scalars.mapping(node, path, problems);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = new Fields(mapping.get(), path, KEYS, problems);
    Optional<Kind> kind = fields.required("kind").flatMap(n -> kind(n, fields.path("kind")));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String why = "for kind " + kindName(kind.get());
    List<String> required = REQUIRED.get(kind.get());
    List<String> optional = OPTIONAL.getOrDefault(kind.get(), List.of());
    boolean good = true;
    for (String key : KEYS) {
      if (!key.equals("kind") && !required.contains(key) && !optional.contains(key)) {
        Optional<Node> keyNode = fields.keyNode(key);
        if (keyNode.isPresent()) {
          problems.at(keyNode.get(), fields.path(key), "not allowed " + why + allowedFor(key));
          good = false;
        }
      }
    }
    Optional<String> secret = Optional.empty();
    Optional<String> header = Optional.empty();
    Optional<URI> tokenUrl = Optional.empty();
    Optional<String> clientId = Optional.empty();
    for (String key : required) {
      Optional<Node> value = fields.required(key, why);
      if (value.isEmpty()) {
        good = false;
        continue;
      }
      String keyPath = fields.path(key);
      switch (key) {
        case "secret" -> secret = secret(value.get(), keyPath);
        case "header" -> header = header(value.get(), keyPath);
        case "tokenUrl" -> tokenUrl = WebAddresses.tokenUrl(value.get(), keyPath, problems);
        case "clientId" -> clientId = Scalars.string(value.get(), keyPath, problems);
        default -> throw new IllegalStateException("no reader for upstream key " + key);
      }
    }
    Optional<Node> scopeNode =
        optional.contains("scope") ? fields.optional("scope") : Optional.empty();
    Optional<String> scope = scopeNode.flatMap(n -> scope(n, fields.path("scope")));
    good &= scopeNode.isEmpty() || scope.isPresent();
    good &= required.contains("secret") == secret.isPresent();
    good &= required.contains("header") == header.isPresent();
    good &= required.contains("tokenUrl") == tokenUrl.isPresent();
    good &= required.contains("clientId") == clientId.isPresent();
    if (!good) {
      return Optional.empty();
    }
    if (kind.get() == Kind.NONE) {
      return Optional.of(UpstreamAuth.NONE);
    }
    return Optional.of(
        new UpstreamAuth(
            kind.get(),
            secret.orElse(null),
            header.orElse(null),
            tokenUrl.orElse(null),
            clientId.orElse(null),
            scope.orElse(null)));
  }

  static String kindName(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String allowedFor(String key) {
    StringBuilder kinds = new StringBuilder();
    for (String name : KIND_NAMES) {
      Kind kind = KINDS.get(name);
      if (REQUIRED.get(kind).contains(key)
          || OPTIONAL.getOrDefault(kind, List.of()).contains(key)) {
        kinds.append(kinds.length() == 0 ? "" : ", ").append(name);
      }
    }
    return " (only for " + kinds + ")";
  }

  private Optional<Kind> kind(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Kind kind = KINDS.get(name.get());
    if (kind == null) {
      problems.at(
          node,
          path,
          "unknown upstream kind "
              + Scalars.quote(name.get())
              + NearestName.hint(name.get(), KIND_NAMES)
              + " (known: "
              + String.join(", ", KIND_NAMES)
              + ")");
    }
    return Optional.ofNullable(kind);
  }

  private Optional<String> secret(Node node, String path) {
    Optional<String> ref = Scalars.quietString(node, path, problems);
    if (ref.isEmpty()) {
      return ref;
    }
    if (ref.get().length() > 200 || !VAULT_REFERENCE.matcher(ref.get()).matches()) {
      problems.at(
          node,
          path,
          "expected a vault reference such as salesforce/lead-sync-token (letters, digits, '.', '_',"
              + " '-' in '/'-separated parts); the value is not shown in case it is a secret");
      return Optional.empty();
    }
    return ref;
  }

  private Optional<String> header(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return name;
    }
    if (!HEADER_NAME.matcher(name.get()).matches()) {
      problems.at(node, path, "invalid header name " + Scalars.quote(name.get()));
      return Optional.empty();
    }
    if (FORBIDDEN_HEADERS.contains(name.get().toLowerCase(Locale.ROOT))) {
      problems.at(
          node,
          path,
          "header " + Scalars.quote(name.get()) + " frames the request and cannot carry a secret");
      return Optional.empty();
    }
    return name;
  }

  private Optional<String> scope(Node node, String path) {
    Optional<String> scope = Scalars.string(node, path, problems);
    if (scope.isEmpty()) {
      return scope;
    }
    for (String token : scope.get().trim().split(" +")) {
      if (!SCOPE_TOKEN.matcher(token).matches()) {
        problems.at(
            node,
            path,
            "invalid scope "
                + Scalars.quote(token)
                + ", expected space-separated OAuth2 scope tokens");
        return Optional.empty();
      }
    }
    return scope;
  }
}
