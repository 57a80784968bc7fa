package dev.bulwark.dlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One scanner shared by several threads gives each the same findings as a lone thread. */
class ConcurrentScanTest {
  @Test
  void aSharedHyperscanScannerIsThreadSafe() throws Exception {
    Scanner scanner = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      bodies.add(
          ("{\"n\":"
                  + i
                  + ",\"email\":\"user"
                  + i
                  + "@example.com\",\"card\":\"4111 1111 1111 1111\","
                  + "\"token\":\"ghp_"
                  + "abcdefghijklmnopqrstuvwxyz01234567"
                  + (10 + i % 90)
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8));
    }
    List<List<Finding>> expected = new ArrayList<>();
    for (byte[] b : bodies) {
      expected.add(scanner.scan(b, ContentKind.JSON));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < bodies.size(); i++) {
                      if (!scanner.scan(bodies.get(i), ContentKind.JSON).equals(expected.get(i))) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected.get(7))
        .extracting(Finding::dataClass)
        .containsExactly(DataClasses.EMAIL, DataClasses.PAYMENT_CARD, DataClasses.GITHUB_TOKEN);
  }
}
