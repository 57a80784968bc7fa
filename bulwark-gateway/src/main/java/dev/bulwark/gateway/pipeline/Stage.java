package dev.bulwark.gateway.pipeline;

import io.vertx.core.Future;

/**
 * One step of the request pipeline: looks at the {@link Exchange}, may record typed state on it,
 * and returns its decision. A stage never writes the HTTP response, logs, counts or stores on the
 * side; the {@link Pipeline} records what it decided.
 *
 * <p>Two shapes, so that the common case costs nothing: a {@link Sync} stage decides on the spot
 * (normalizing a path, matching a route); an {@link Async} stage needs I/O now and then (a vault
 * read, a token fetch) and returns a future, ideally an already completed one on its fast path.
 */
public sealed interface Stage permits Stage.Sync, Stage.Async {

  /**
   * Short stable name, for example {@code authenticate}; used when the stage breaks its contract.
   */
  String name();

  /** A stage that decides without waiting. Must return a non-null verdict and not throw. */
  non-sealed interface Sync extends Stage {
    Verdict decide(Exchange exchange);
  }

  /**
   * A stage that may wait for I/O. Must return a non-null future that completes, exactly once, with
   * a non-null verdict; failures it can explain are rejections (for example 503 {@code
   * broker.secret_missing}), not failed futures.
   */
  non-sealed interface Async extends Stage {
    Future<Verdict> decide(Exchange exchange);
  }
}
