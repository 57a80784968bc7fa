package dev.bulwark.model.config;

import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.Integration;
import dev.bulwark.model.RouteRule;
import dev.bulwark.model.UpstreamAuth;
import dev.bulwark.model.policy.ConditionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the {@code integrations} section and checks each against what the rest of the file
 * declares: the app exists, the data classes are in the taxonomy and held by that app (an
 * integration cannot be allowed to move data its app does not hold), routes and the CEL condition
 * compile. Its {@code dlp} policy is resolved here against the top-level default, direction by
 * direction.
 */
final class IntegrationReader {
  static final List<String> KEYS =
      List.of(
          "id",
          "owner",
          "caller",
          "app",
          "credential",
          "routes",
          "condition",
          "dataClasses",
          "scopes",
          "upstream",
          "dlp");

  private static final Pattern CEL_PREFIX =
      Pattern.compile("ERROR: <input>:(\\d+):(\\d+): (.*)", Pattern.DOTALL);

  private static final List<String> CREDENTIALS = List.of("api-key", "oauth2-client-credentials");

  /** RFC 6749 §3.3 scope-token. */
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private final Problems problems;
  private final References references;
  private final Ids ids;
  private final RouteReader routes;
  private final UpstreamReader upstreams;
  private final Set<String> dataClasses;
  private final Map<String, Set<String>> appsHolding;
  private final DlpPolicyReader policies;
  private final DlpPolicy defaultPolicy;
  private final Map<String, Integration> integrations = new LinkedHashMap<>();

  /**
   * @param dataClasses the taxonomy's data class ids
   * @param appsHolding every app with a valid id, and the data classes it holds
   * @param policies reads an integration's {@code dlp} policy
   * @param defaultPolicy the top-level default, for the directions an integration leaves out
   */
  IntegrationReader(
      Problems problems,
      Set<String> dataClasses,
      Map<String, Set<String>> appsHolding,
      DlpPolicyReader policies,
      DlpPolicy defaultPolicy) {
    this.problems = problems;
    this.references = new References(problems);
    this.ids = new Ids("integration", problems);
    this.routes = new RouteReader(problems);
    this.upstreams = new UpstreamReader(problems);
    this.dataClasses = dataClasses;
    this.appsHolding = appsHolding;
    this.policies = policies;
    this.defaultPolicy = defaultPolicy;
  }

  Map<String, Integration> read(List<Node> entries, String path) {
    for (int i = 0; i < entries.size(); i++) {
      String entryPath = path + "[" + i + "]";
      Scalars.mapping(entries.get(i), entryPath, problems)
          .ifPresent(mapping -> readIntegration(mapping, entryPath));
    }
    return integrations;
  }

  private void readIntegration(MappingNode mapping, String path) {
    Fields fields = new Fields(mapping, path, KEYS, problems);
    Optional<String> id = fields.required("id").flatMap(n -> ids.claim(n, fields.path("id")));
    Optional<String> owner = fields.requiredString("owner");
    Optional<String> caller = fields.optionalString("caller");
    boolean callerBad = fields.optional("caller").isPresent() && caller.isEmpty();
    Optional<String> app =
        fields
            .required("app")
            .flatMap(n -> references.one(n, fields.path("app"), "app", appsHolding.keySet()));
    Optional<CredentialKind> credential =
        fields.required("credential").flatMap(n -> credential(n, fields.path("credential")));
    Optional<List<RouteRule>> rules = readRoutes(fields, id.orElse("?"));
    Optional<String> condition = fields.optional("condition").flatMap(n -> condition(n, fields));
    boolean conditionBad = fields.optional("condition").isPresent() && condition.isEmpty();
    Optional<List<String>> classes = readDataClasses(fields, app);
    Optional<List<String>> scopes = readScopes(fields);
    Optional<UpstreamAuth> upstream =
        fields.optional("upstream").isPresent()
            ? upstreams.read(fields.optional("upstream").get(), fields.path("upstream"))
            : Optional.of(UpstreamAuth.NONE);
    Optional<DlpPolicy> dlp =
        fields.optional("dlp").isPresent()
            ? policies.read(fields.optional("dlp").get(), fields.path("dlp"), defaultPolicy)
            : Optional.of(defaultPolicy);
    boolean complete =
        id.isPresent()
            && owner.isPresent()
            && !callerBad
            && app.isPresent()
            && credential.isPresent()
            && rules.isPresent()
            && !conditionBad
            && classes.isPresent()
            && scopes.isPresent()
            && upstream.isPresent()
            && dlp.isPresent();
    if (complete) {
      integrations.put(
          id.get(),
          new Integration(
              id.get(),
              owner.get(),
              caller.orElse(null),
              app.get(),
              credential.get(),
              rules.get(),
              condition.orElse(null),
              classes.get(),
              scopes.get(),
              upstream.get(),
              dlp.get()));
    }
  }

  private Optional<CredentialKind> credential(Node node, String path) {
    Optional<String> name = Scalars.string(node, path, problems);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    for (CredentialKind kind : CredentialKind.values()) {
      if (kind.id().equals(name.get())) {
        return Optional.of(kind);
      }
    }
    problems.at(
        node,
        path,
        "unknown credential kind "
            + Scalars.quote(name.get())
            + NearestName.hint(name.get(), CREDENTIALS)
            + " (known: "
            + String.join(", ", CREDENTIALS)
            + ")");
    return Optional.empty();
  }

  private Optional<List<RouteRule>> readRoutes(Fields fields, String integrationId) {
    Optional<Node> node = fields.required("routes");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<List<Node>> entries = fields.list("routes");
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    if (entries.get().isEmpty()) {
      problems.at(
          node.get(),
          fields.path("routes"),
          "expected at least one route: an integration with none could never be used");
      return Optional.empty();
    }
    return routes.read(entries.get(), fields.path("routes"), integrationId);
  }

  /**
   * Compiles the condition in the gateway's own CEL environment. CEL reports a 1-based line and
   * column within the expression; on its first line that maps onto the YAML column.
   */
  private Optional<String> condition(Node node, Fields fields) {
    String path = fields.path("condition");
    Optional<String> expression = Scalars.string(node, path, problems);
    if (expression.isEmpty()) {
      return expression;
    }
    Optional<ConditionException> complaint;
    try {
      complaint = ConditionVerdicts.check(expression.get());
    } catch (RuntimeException e) {
      // The CEL library should report every bad expression as an issue; if it throws instead, the
      // expression is still bad and still located, and one file never breaks the loader.
      problems.at(
          node, path, "invalid CEL condition: " + firstLine(String.valueOf(e.getMessage())));
      return Optional.empty();
    }
    if (complaint.isEmpty()) {
      return expression;
    }
    ConditionException e = complaint.get();
    String message = "invalid CEL condition: " + celMessage(e);
    if (e.line() == 1 && e.column() >= 1 && node instanceof ScalarNode scalar) {
      problems.atChar(scalar, e.column() - 1, path, message);
    } else {
      problems.at(node, path, message);
    }
    return Optional.empty();
  }

  /**
   * CEL's first error line without its {@code ERROR: <input>:1:5:} prefix, the position restated in
   * the expression's own terms (the YAML position is already in front of the message).
   */
  private static String celMessage(ConditionException e) {
    String full = String.valueOf(e.getMessage());
    int known = full.indexOf("\nknown variables: ");
    String variables = known < 0 ? "" : "; " + firstLine(full.substring(known + 1));
    Matcher m = CEL_PREFIX.matcher(firstLine(full));
    if (!m.matches()) {
      return firstLine(full) + variables;
    }
    return m.group(3)
        + " (expression line "
        + m.group(1)
        + ", column "
        + m.group(2)
        + ")"
        + variables;
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  private Optional<List<String>> readDataClasses(Fields fields, Optional<String> app) {
    Optional<List<Node>> entries = fields.list("dataClasses");
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<References.Resolved> resolved =
        references.list(entries.get(), fields.path("dataClasses"), "data class", dataClasses);
    boolean good = resolved.size() == entries.get().size();
    List<String> ids = new ArrayList<>();
    Set<String> held = app.map(appsHolding::get).orElse(null);
    for (References.Resolved entry : resolved) {
      if (held != null && !held.contains(entry.name())) {
        problems.at(
            entry.node(),
            entry.path(),
            "data class "
                + Scalars.quote(entry.name())
                + " is not held by app "
                + Scalars.quote(app.get())
                + (held.isEmpty()
                    ? " (the app declares no dataClasses)"
                    : NearestName.listing("app holds", held)));
        good = false;
      }
      ids.add(entry.name());
    }
    return good ? Optional.of(ids) : Optional.empty();
  }

  private Optional<List<String>> readScopes(Fields fields) {
    Optional<List<Node>> entries = fields.list("scopes");
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<String> scopes = new ArrayList<>();
    Map<String, Node> seen = new HashMap<>();
    boolean good = true;
    for (int i = 0; i < entries.get().size(); i++) {
      Node entry = entries.get().get(i);
      String path = fields.path("scopes") + "[" + i + "]";
      Optional<String> scope = Scalars.string(entry, path, problems);
      if (scope.isEmpty()) {
        good = false;
      } else if (!SCOPE_TOKEN.matcher(scope.get()).matches()) {
        problems.at(
            entry,
            path,
            "invalid scope "
                + Scalars.quote(scope.get())
                + ", expected an OAuth2 scope token (printable ASCII, no spaces, quotes or"
                + " backslashes)");
        good = false;
      } else if (seen.putIfAbsent(scope.get(), entry) != null) {
        problems.at(
            entry,
            path,
            Scalars.quote(scope.get())
                + " is listed twice (first at line "
                + Fields.line(seen.get(scope.get()))
                + ")");
        good = false;
      } else {
        scopes.add(scope.get());
      }
    }
    return good ? Optional.of(scopes) : Optional.empty();
  }
}
