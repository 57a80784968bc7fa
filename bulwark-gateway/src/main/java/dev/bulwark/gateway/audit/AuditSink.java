package dev.bulwark.gateway.audit;

import dev.bulwark.model.AuditEvent;
import dev.bulwark.store.AuditLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands audit events from the event loops to the {@link AuditLog} in batches, on one background
 * thread, so that a request never waits for the store.
 *
 * <p>Decides only when to write: a batch goes out when it holds {@link #MAX_BATCH} events or when
 * the oldest waiting event is {@link #FLUSH_EVERY} old, and everything queued is written on {@link
 * #close()}. The queue is bounded ({@code capacity}); when it is full {@link #offer} drops the
 * event rather than block the event loop, counts it, and the writer thread says so in the log (at
 * most once a second) — a silent gap in an audit log would be worse than a noisy one.
 *
 * <p>One thread, because the log is a hash chain: events must be appended in one order anyway.
 */
public final class AuditSink implements AutoCloseable {
  /** Largest batch written in one {@link AuditLog#append} call (one transaction). */
  public static final int MAX_BATCH = 512;

  /** Longest an event waits in memory before its batch is written. */
  public static final Duration FLUSH_EVERY = Duration.ofMillis(100);

  /** Default bound of the queue: about two seconds of traffic at a busy node's rate. */
  public static final int DEFAULT_CAPACITY = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(AuditSink.class);

  private final AuditLog log;
  private final ArrayBlockingQueue<AuditEvent> queue;
  private final Thread writer;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closing;

  public AuditSink(AuditLog log) {
    this(log, DEFAULT_CAPACITY);
  }

  public AuditSink(AuditLog log, int capacity) {
    this.log = Objects.requireNonNull(log, "log");
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::drainLoop, "bulwark-audit-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues one event; never blocks.
   *
   * @return false when the event was dropped (queue full or sink closed)
   */
  public boolean offer(AuditEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Events dropped so far because the queue was full or the sink closed. */
  public long dropped() {
    return dropped.get();
  }

  /** Events appended to the log so far. */
  public long written() {
    return written.get();
  }

  /** Events lost because {@link AuditLog#append} failed. */
  public long failed() {
    return failed.get();
  }

  /** Stops accepting events, writes everything queued, and waits (up to 10 s) for the writer. */
  @Override
  public void close() {
    // No interrupt: it could abort a JDBC append half way; the writer polls at most FLUSH_EVERY.
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.warn("audit writer did not finish within 10 s; {} events still queued", queue.size());
    }
  }

  private void drainLoop() {
    List<AuditEvent> batch = new ArrayList<>(MAX_BATCH);
    long reportedDrops = 0;
    long lastDropReport = 0;
    while (!closing || !queue.isEmpty()) {
      try {
        fill(batch);
      } catch (InterruptedException e) {
        // Nobody but the JVM interrupts this thread: write what we have and drain the rest.
        closing = true;
        queue.drainTo(batch, MAX_BATCH - batch.size());
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
      long drops = dropped.get();
      long now = System.nanoTime();
      if (drops != reportedDrops && now - lastDropReport > TimeUnit.SECONDS.toNanos(1)) {
        LOG.warn(
            "audit queue full: {} events dropped so far (capacity {})",
            drops,
            queue.remainingCapacity() + queue.size());
        reportedDrops = drops;
        lastDropReport = now;
      }
    }
  }

  /** Waits for the first event, then collects until the batch is full or FLUSH_EVERY passed. */
  private void fill(List<AuditEvent> batch) throws InterruptedException {
    if (closing) {
      queue.drainTo(batch, MAX_BATCH);
      return;
    }
    AuditEvent first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return;
    }
    batch.add(first);
    long deadline = System.nanoTime() + FLUSH_EVERY.toNanos();
    while (batch.size() < MAX_BATCH) {
      queue.drainTo(batch, MAX_BATCH - batch.size());
      long left = deadline - System.nanoTime();
      if (batch.size() >= MAX_BATCH || left <= 0 || closing) {
        return;
      }
      AuditEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        return;
      }
      batch.add(next);
    }
  }

  private void write(List<AuditEvent> batch) {
    try {
      log.append(batch);
      written.addAndGet(batch.size());
    } catch (RuntimeException e) {
      failed.addAndGet(batch.size());
      LOG.error("audit log append failed; {} events lost", batch.size(), e);
    }
  }
}
