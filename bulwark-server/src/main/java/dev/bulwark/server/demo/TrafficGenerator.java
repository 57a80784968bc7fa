package dev.bulwark.server.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the {@link DemoTraffic} mix through the gateway at a low steady rate, round robin, so the
 * audit log and the admin API have something to show. Only ever talks to the local gateway.
 */
public final class TrafficGenerator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
  private static final String BOGUS_KEY = "bwk_0000000000000000000000000000000000000000000";

  private final URI gateway;
  private final Map<String, String> keys;
  private final List<DemoRequest> requests;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param gateway gateway base URL, e.g. http://127.0.0.1:8080
   * @param keys integration id to API key (kept in memory only, never logged)
   */
  public TrafficGenerator(URI gateway, Map<String, String> keys, List<DemoRequest> requests) {
    this.gateway = gateway;
    this.keys = Map.copyOf(keys);
    this.requests = List.copyOf(requests);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bulwark-demo-traffic");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts sending {@code perSecond} requests a second. */
  public void start(double perSecond) {
    long periodMicros = (long) (1_000_000 / perSecond);
    timer.scheduleAtFixedRate(this::sendNext, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** Sends one request synchronously and returns its status (tests, first pass). */
  public int send(DemoRequest r) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(gateway.resolve(r.path())).timeout(Duration.ofSeconds(15));
    if (r.badKey()) {
      b.header("Authorization", "Bearer " + BOGUS_KEY);
    } else if (r.integration() != null) {
      String key = keys.get(r.integration());
      if (key == null) {
        throw new IllegalStateException("no demo key for " + r.integration());
      }
      b.header("Authorization", "Bearer " + key);
    }
    if (r.body() != null) {
      b.header("Content-Type", "application/json");
      b.method(r.method(), HttpRequest.BodyPublishers.ofString(r.body()));
    } else {
      b.method(r.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<Void> response = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    sent.incrementAndGet();
    if (response.statusCode() != r.expected()) {
      unexpected.incrementAndGet();
      LOG.warn(
          "demo traffic: {} {} answered {} (expected {})",
          r.method(),
          r.path(),
          response.statusCode(),
          r.expected());
    }
    return response.statusCode();
  }

  private void sendNext() {
    DemoRequest r = requests.get((int) (sent.get() % requests.size()));
    try {
      send(r);
    } catch (Exception e) {
      if (closed) {
        return; // shutting down: the gateway went away under an in-flight request
      }
      sent.incrementAndGet();
      unexpected.incrementAndGet();
      LOG.warn("demo traffic: {} {} failed: {}", r.method(), r.path(), e.toString());
    }
  }

  public long sent() {
    return sent.get();
  }

  public long unexpected() {
    return unexpected.get();
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
