package dev.bulwark.gateway.broker;

import dev.bulwark.gateway.pipeline.Exchange;
import dev.bulwark.gateway.pipeline.Principal;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.gateway.pipeline.Verdict;
import dev.bulwark.model.UpstreamAuth;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * Decides which credential Bulwark presents upstream for the calling integration, and puts it on
 * the exchange ({@link Exchange#upstreamCredential()}); the integration itself never holds it.
 *
 * <p>Reads the integration's {@link UpstreamAuth}: {@code none} adds nothing; the others come from
 * {@link UpstreamCredentials}, which answers from memory on the fast path. A secret missing from
 * the vault is 503 {@code broker.secret_missing}, an unreadable vault 503 {@code
 * broker.vault_unavailable}, a failed OAuth2 grant against the SaaS 503 {@code
 * broker.token_failed}: the dependency is down, the caller is not at fault.
 */
public final class Broker implements Stage.Async {
  private static final Future<Verdict> CONTINUED = Future.succeededFuture(Verdict.CONTINUE);

  private final UpstreamCredentials credentials;

  public Broker(UpstreamCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  @Override
  public String name() {
    return "broker";
  }

  @Override
  public Future<Verdict> decide(Exchange exchange) {
    Principal principal = exchange.principal();
    if (principal == null) {
      return Future.succeededFuture(
          Verdict.reject(500, "pipeline.stage_failed", "broker ran before authentication"));
    }
    UpstreamAuth auth = principal.integration().upstream();
    if (auth == null || auth.kind() == UpstreamAuth.Kind.NONE) {
      return CONTINUED;
    }
    UpstreamCredentials.Lookup cached = credentials.cached(principal.integration());
    if (cached != null) {
      exchange.upstreamCredential(cached.credential());
      return CONTINUED;
    }
    return credentials
        .load(principal.integration(), exchange.upstream())
        .transform(
            done -> {
              if (done.succeeded()) {
                exchange.upstreamCredential(done.result());
                return CONTINUED;
              }
              return Future.succeededFuture(rejection(done.cause()));
            });
  }

  private static Verdict rejection(Throwable cause) {
    if (cause instanceof BrokerException b) {
      return Verdict.reject(503, b.reason(), b.getMessage());
    }
    return Verdict.reject(
        503, BrokerException.VAULT_UNAVAILABLE, "the upstream credential could not be read");
  }
}
