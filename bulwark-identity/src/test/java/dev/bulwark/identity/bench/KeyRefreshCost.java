package dev.bulwark.identity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.identity.CountingCredentialStore;
import dev.bulwark.identity.MutableClock;
import dev.bulwark.identity.TestStores;
import dev.bulwark.identity.apikey.ApiKeyAuthenticator;
import dev.bulwark.identity.apikey.ApiKeys;
import dev.bulwark.store.Store;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in cost probe of keeping 10,000 cached API keys current (the large benchmark config): each
 * key is used once per simulated second, in random order, for 20 seconds, with the store executor
 * being the calling thread, so the thread's CPU time includes every store read. Per-key 5 s
 * re-reads (a store without change tracking) and the one-poll-per-second bulk refresh alternate in
 * one JVM. Run: {@code ./mvnw -B -o -pl bulwark-identity test -Dtest=KeyRefreshCost
 * -Dbulwark.cost=true}
 */
@EnabledIfSystemProperty(named = "bulwark.cost", matches = "true")
class KeyRefreshCost {
  private static final int KEYS = 10_000;
  private static final int SECONDS = 20;

  @TempDir Path dir;

  @Test
  void tenThousandKeysPerKeyVersusBulkRefresh() {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    try (Store store = TestStores.sqlite(dir)) {
      MutableClock clock = MutableClock.at("2026-11-24T12:00:00Z");
      ApiKeys keys = new ApiKeys(store.credentials(), clock);
      List<String> secrets = new ArrayList<>(KEYS);
      for (int i = 0; i < KEYS; i++) {
        secrets.add(keys.create("integration-" + i, null).secret());
      }
      for (int round = 0; round < 3; round++) { // round 0 warms up
        for (boolean tracked : new boolean[] {false, true}) {
          CountingCredentialStore counting =
              new CountingCredentialStore(store.credentials(), tracked);
          ApiKeyAuthenticator auth = new ApiKeyAuthenticator(counting, clock);
          auth.preload();
          Random random = new Random(round);
          long c0 = cpu.getCurrentThreadCpuTime();
          for (int s = 0; s < SECONDS; s++) {
            Collections.shuffle(secrets, random);
            for (int i = 0; i < KEYS; i++) {
              if (i % 1_000 == 0) {
                clock.advance(Duration.ofMillis(100)); // ten steps per simulated second
              }
              assertThat(auth.authenticate(secrets.get(i)).ok()).isTrue();
            }
          }
          long c1 = cpu.getCurrentThreadCpuTime();
          if (round > 0) {
            System.out.printf(
                "round %d, %s: %.2f µs CPU/authentication, %d per-key reads, %d polls%n",
                round,
                tracked ? "bulk refresh (changedSince)" : "per-key 5 s re-read",
                (c1 - c0) / 1e3 / (SECONDS * KEYS),
                counting.lookups(),
                counting.polls());
          }
        }
      }
    }
  }
}
