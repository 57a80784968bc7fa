package dev.bulwark.server.cli;

import dev.bulwark.identity.IssuedSecret;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.identity.oauth.ClientSecrets;
import dev.bulwark.model.CredentialKind;
import dev.bulwark.model.Integration;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import dev.bulwark.store.CredentialRecord;
import dev.bulwark.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark credentials}: the credentials integrations present to Bulwark. A secret is printed
 * exactly once, when it is created (or rotated in); listings show ids and hints only.
 */
@Command(
    name = "credentials",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create, rotate, revoke and list integration credentials.",
    subcommands = {
      CredentialsCommand.Create.class,
      CredentialsCommand.Rotate.class,
      CredentialsCommand.Revoke.class,
      CredentialsCommand.ListCredentials.class
    })
final class CredentialsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The credential kinds as typed on the command line. */
  enum Kind {
    API_KEY("api-key"),
    CLIENT_SECRET("client-secret");

    final String text;

    Kind(String text) {
      this.text = text;
    }

    static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.text.equals(text)) {
          return k;
        }
      }
      throw new BadInput("--kind: '" + text + "' is not one of api-key, client-secret");
    }
  }

  static void printSecret(PrintWriter out, String what, IssuedSecret issued) {
    out.println(
        what
            + " "
            + issued.credentialId()
            + " for integration "
            + issued.integrationId()
            + (issued.expiresAt() == null
                ? " (no expiry)"
                : " (expires " + issued.expiresAt() + ")"));
    out.println();
    out.println("    " + issued.secret());
    out.println();
    out.println("Store it now: this secret is not shown again (Bulwark keeps only its hash).");
  }

  /** {@code credentials create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Issue a new credential for an integration and print its secret once.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreSelection store;

    @Option(
        names = "--integration",
        required = true,
        paramLabel = "ID",
        description = "Integration id.")
    String integration;

    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description =
            "api-key or client-secret (default: what the integration's 'credential' says in --config, else api-key).")
    String kind;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "Lifetime, e.g. 90d, 24h (default: no expiry).")
    String expiresIn;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "perimeter.yaml to check the integration id against.")
    Path config;

    @Override
    public Integer call() {
      Duration ttl = expiresIn == null ? null : Durations.parse("--expires-in", expiresIn);
      if (ttl != null && ttl.isZero()) {
        throw new BadInput("--expires-in: must be longer than zero");
      }
      if (integration.isBlank()) {
        throw new BadInput("--integration: empty id");
      }
      Kind chosen = kind == null ? null : Kind.parse(kind);
      if (config != null) {
        Integration declared = declared(config, integration);
        Kind expected =
            declared.credentialKind() == CredentialKind.OAUTH2_CLIENT_CREDENTIALS
                ? Kind.CLIENT_SECRET
                : Kind.API_KEY;
        if (chosen != null && chosen != expected) {
          throw new BadInput(
              "--kind "
                  + chosen.text
                  + ": integration "
                  + integration
                  + " authenticates with "
                  + declared.credentialKind().id()
                  + " in "
                  + config
                  + ", which takes "
                  + expected.text);
        }
        chosen = expected;
      }
      if (chosen == null) {
        chosen = Kind.API_KEY;
      }
      try (Store opened = store.open()) {
        Clock clock = Clock.systemUTC();
        IssuedSecret issued =
            chosen == Kind.API_KEY
                ? new ApiKeys(opened.credentials(), clock).create(integration, ttl)
                : new ClientSecrets(opened.credentials(), clock).create(integration, ttl);
        PrintWriter out = spec.commandLine().getOut();
        printSecret(out, "Created " + chosen.text, issued);
        out.flush();
      }
      return RootCommand.EXIT_OK;
    }

    private static Integration declared(Path file, String id) {
      if (!Files.isRegularFile(file)) {
        throw new BadInput("--config: no such file: " + file);
      }
      LoadResult result = PerimeterLoader.load(file);
      if (!result.ok()) {
        throw new BadInput(
            "--config: "
                + file
                + " has "
                + result.errors().size()
                + " error(s), first: "
                + result.errors().get(0));
      }
      return result
          .perimeter()
          .integration(id)
          .orElseThrow(() -> new BadInput("--integration: no integration '" + id + "' in " + file));
    }
  }

  /** {@code credentials rotate}. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Issue a successor credential and print its secret once.",
        "The old secret keeps working for the overlap, then dies."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreSelection store;

    @Parameters(paramLabel = "CREDENTIAL_ID", description = "Credential id (ak_... or cs_...).")
    String credentialId;

    @Option(
        names = "--overlap",
        defaultValue = "24h",
        paramLabel = "DURATION",
        description = "How long the old secret keeps working (default: ${DEFAULT-VALUE}).")
    String overlap;

    @Override
    public Integer call() {
      Duration grace = Durations.parse("--overlap", overlap);
      try (Store opened = store.openExisting()) {
        CredentialRecord old = find(opened, credentialId);
        Clock clock = Clock.systemUTC();
        IssuedSecret issued;
        try {
          issued =
              old.kind() == CredentialRecord.Kind.API_KEY
                  ? new ApiKeys(opened.credentials(), clock).rotate(credentialId, grace)
                  : new ClientSecrets(opened.credentials(), clock).rotate(credentialId, grace);
        } catch (IllegalStateException e) {
          throw new BadInput(credentialId + " is revoked: issue a new credential with create");
        }
        PrintWriter out = spec.commandLine().getOut();
        printSecret(out, "Rotated in", issued);
        out.println(
            "The old credential "
                + credentialId
                + " keeps working until "
                + clock.instant().plus(grace)
                + ".");
        out.flush();
      }
      return RootCommand.EXIT_OK;
    }
  }

  /** {@code credentials revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Stop a credential now.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreSelection store;

    @Parameters(paramLabel = "CREDENTIAL_ID", description = "Credential id (ak_... or cs_...).")
    String credentialId;

    @Override
    public Integer call() {
      try (Store opened = store.openExisting()) {
        CredentialRecord old = find(opened, credentialId);
        Clock clock = Clock.systemUTC();
        boolean done =
            old.kind() == CredentialRecord.Kind.API_KEY
                ? new ApiKeys(opened.credentials(), clock).revoke(credentialId)
                : new ClientSecrets(opened.credentials(), clock).revoke(credentialId);
        if (!done) {
          throw new BadInput("no credential " + credentialId);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Revoked " + credentialId + " (integration " + old.integrationId() + ")");
        out.flush();
      }
      return RootCommand.EXIT_OK;
    }
  }

  /** {@code credentials list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "List credentials (ids, hints and dates; never secrets).")
  static final class ListCredentials implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreSelection store;

    @Option(names = "--integration", paramLabel = "ID", description = "Only this integration.")
    String integration;

    @Override
    public Integer call() {
      try (Store opened = store.openExisting()) {
        List<CredentialRecord> records =
            integration == null
                ? opened.credentials().list()
                : opened.credentials().listByIntegration(integration);
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(
            new String[] {"ID", "KIND", "INTEGRATION", "HINT", "CREATED", "EXPIRES", "STATUS"});
        for (CredentialRecord r : records) {
          rows.add(
              new String[] {
                r.id(),
                r.kind() == CredentialRecord.Kind.API_KEY ? "api-key" : "client-secret",
                r.integrationId(),
                r.hint(),
                String.valueOf(r.createdAt()),
                r.expiresAt() == null ? "never" : r.expiresAt().toString(),
                status(r, now)
              });
        }
        printTable(out, rows);
        out.println(records.size() + (records.size() == 1 ? " credential" : " credentials"));
        out.flush();
      }
      return RootCommand.EXIT_OK;
    }

    private static String status(CredentialRecord r, Instant now) {
      if (r.activeAt(now)) {
        return r.revokedAt() == null ? "active" : "active until " + r.revokedAt() + " (rotated)";
      }
      if (r.revokedAt() != null && !now.isBefore(r.revokedAt())) {
        return "revoked";
      }
      return "expired";
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], row[i] == null ? 4 : row[i].length());
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          String cell = row[i] == null ? "null" : row[i];
          line.append(cell);
          if (i < row.length - 1) {
            line.append(" ".repeat(widths[i] - cell.length() + 2));
          }
        }
        out.println(line);
      }
    }
  }

  private static CredentialRecord find(Store store, String id) {
    try {
      return store.credentials().findById(id).orElseThrow(() -> new NoSuchElementException(id));
    } catch (NoSuchElementException e) {
      throw new BadInput("no credential " + id + " (see `bulwark credentials list`)");
    }
  }
}
