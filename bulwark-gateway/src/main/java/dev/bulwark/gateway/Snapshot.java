package dev.bulwark.gateway;

import dev.bulwark.gateway.inspect.ResponseInspection;
import dev.bulwark.gateway.pipeline.Pipeline;
import dev.bulwark.gateway.pipeline.Stage;
import dev.bulwark.model.Perimeter;
import java.util.List;

/**
 * One configuration compiled for the data plane: the deciding stages (apps, route tables,
 * conditions, integrations all built into them) for one {@link Perimeter}. Immutable; a reload
 * builds a new one and swaps a single reference, so a request sees either the old or the new
 * configuration, never a mix.
 *
 * @param perimeter the configuration it was compiled from
 * @param decisions every stage before Forward, in order
 * @param responses the response half of DLP inspection, or null when no integration has rules
 */
record Snapshot(Perimeter perimeter, List<Stage> decisions, ResponseInspection responses) {
  Snapshot {
    decisions = List.copyOf(decisions);
  }

  /** The full pipeline of one event loop: the shared decisions, then that loop's forwarder. */
  Pipeline pipelineWith(Stage forward) {
    Pipeline.Builder builder = Pipeline.builder();
    decisions.forEach(builder::then);
    return builder.then(forward).build();
  }
}
