package dev.bulwark.gateway.pipeline;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs stages in order until one rejects: the result is the first enforced {@link Verdict.Reject},
 * or {@link Verdict#CONTINUE} when every stage let the exchange through.
 *
 * <p>Immutable; built once per configuration and shared by all event loops. While every stage
 * answers synchronously (or with an already completed future) the run stays on the calling thread
 * and allocates nothing but a rejection; only a stage that really waits costs a continuation.
 *
 * <p>The runner checks the stage contract and fails closed when it is broken: a stage that throws,
 * returns null, returns a failed future, or rejects with a status outside 400–599 yields 500 {@code
 * pipeline.stage_failed}, and the log names the stage.
 *
 * <p>A stage added with {@link Builder#shadow} decides as usual, but its rejections are recorded on
 * the exchange ({@link Exchange#shadowedRejections()}) and counted instead of enforced — a stricter
 * policy can meet live traffic before it bites (Envoy's shadow rules).
 */
public final class Pipeline {
  /** Reason code when a stage breaks its contract. */
  public static final String STAGE_FAILED = "pipeline.stage_failed";

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Future<Verdict> CONTINUED = Future.succeededFuture(Verdict.CONTINUE);

  private final Stage[] stages;
  private final boolean[] shadow;
  private final LongAdder[] shadowRejections;

  private Pipeline(List<Stage> stages, Set<Stage> shadowed) {
    this.stages = stages.toArray(new Stage[0]);
    this.shadow = new boolean[this.stages.length];
    this.shadowRejections = new LongAdder[this.stages.length];
    for (int i = 0; i < this.stages.length; i++) {
      shadow[i] = shadowed.contains(this.stages[i]);
      shadowRejections[i] = new LongAdder();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Stage names in order, for logs and tests. */
  public List<String> stageNames() {
    List<String> names = new ArrayList<>(stages.length);
    for (Stage s : stages) {
      names.add(s.name());
    }
    return names;
  }

  /** How many rejections the shadow stage {@code name} recorded without enforcing. */
  public long shadowRejections(String name) {
    for (int i = 0; i < stages.length; i++) {
      if (stages[i].name().equals(name)) {
        return shadowRejections[i].sum();
      }
    }
    return 0;
  }

  /**
   * Runs the exchange through the stages. The future is already complete when no stage had to wait;
   * it never fails (a broken stage becomes a 500 rejection).
   */
  public Future<Verdict> run(Exchange exchange) {
    return runFrom(exchange, 0);
  }

  private Future<Verdict> runFrom(Exchange exchange, int first) {
    for (int i = first; i < stages.length; i++) {
      Stage stage = stages[i];
      Verdict verdict;
      if (stage instanceof Stage.Sync sync) {
        verdict = decideNow(sync, exchange);
      } else {
        Future<Verdict> pending = start((Stage.Async) stage, exchange);
        if (pending == null) {
          verdict = broken(stage, "returned a null future", null);
        } else if (pending.isComplete()) {
          verdict = settled(stage, pending);
        } else {
          int at = i;
          return pending.transform(done -> resume(exchange, at, settled(stage, done)));
        }
      }
      if (verdict instanceof Verdict.Reject reject) {
        if (!shadow[i]) {
          return Future.succeededFuture(reject);
        }
        shadowRejections[i].increment();
        exchange.shadowed(stage.name(), reject);
      }
    }
    return CONTINUED;
  }

  private Future<Verdict> resume(Exchange exchange, int at, Verdict verdict) {
    if (verdict instanceof Verdict.Reject reject) {
      if (!shadow[at]) {
        return Future.succeededFuture(reject);
      }
      shadowRejections[at].increment();
      exchange.shadowed(stages[at].name(), reject);
    }
    return runFrom(exchange, at + 1);
  }

  private static Verdict decideNow(Stage.Sync stage, Exchange exchange) {
    try {
      return checked(stage, stage.decide(exchange));
    } catch (RuntimeException e) {
      return broken(stage, "threw", e);
    }
  }

  private static Future<Verdict> start(Stage.Async stage, Exchange exchange) {
    try {
      return stage.decide(exchange);
    } catch (RuntimeException e) {
      return Future.succeededFuture(broken(stage, "threw", e));
    }
  }

  private static Verdict settled(Stage stage, io.vertx.core.AsyncResult<Verdict> result) {
    if (result.failed()) {
      return broken(stage, "failed its future", result.cause());
    }
    return checked(stage, result.result());
  }

  private static Verdict checked(Stage stage, Verdict verdict) {
    if (verdict == null) {
      return broken(stage, "returned no verdict", null);
    }
    if (verdict instanceof Verdict.Reject r && (r.status() < 400 || r.status() > 599)) {
      return broken(stage, "rejected with status " + r.status(), null);
    }
    return verdict;
  }

  private static Verdict.Reject broken(Stage stage, String what, Throwable cause) {
    LOG.error("pipeline stage '{}' broke its contract: {}", stage.name(), what, cause);
    return Verdict.reject(500, STAGE_FAILED, "stage '" + stage.name() + "' failed");
  }

  /** Collects stages in order; a stage may be added once. */
  public static final class Builder {
    private final List<Stage> stages = new ArrayList<>();
    private final Set<Stage> shadowed = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    /** Adds an enforcing stage. */
    public Builder then(Stage stage) {
      Objects.requireNonNull(stage, "stage");
      if (!names.add(stage.name())) {
        throw new IllegalArgumentException("duplicate stage name: " + stage.name());
      }
      stages.add(stage);
      return this;
    }

    /** Adds a stage whose rejections are recorded and counted but not enforced. */
    public Builder shadow(Stage stage) {
      then(stage);
      shadowed.add(stage);
      return this;
    }

    public Pipeline build() {
      return new Pipeline(stages, shadowed);
    }
  }
}
