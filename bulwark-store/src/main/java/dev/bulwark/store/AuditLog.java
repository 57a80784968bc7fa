package dev.bulwark.store;

import dev.bulwark.model.AuditEvent;
import java.util.List;

/** The tamper-evident audit log: each event carries the hash of the one before it. */
public interface AuditLog {
  /** Appends in order, in one transaction, extending the chain. */
  void append(List<AuditEvent> events);

  /**
   * Newest first.
   *
   * @param integration only this integration's events, or null for all
   * @param limit at most this many
   */
  List<StoredAuditEvent> recent(String integration, int limit);

  /** Walks the whole chain from the first event. */
  Verification verify();

  /** The outcome of {@link #verify()}. */
  record Verification(boolean ok, long events, Long firstBrokenId, String problem) {}
}
