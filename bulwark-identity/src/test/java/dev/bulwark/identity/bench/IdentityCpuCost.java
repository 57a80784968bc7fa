package dev.bulwark.identity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The same paths as {@link IdentityBench}, measured as CPU time of the measuring thread per
 * operation (ThreadMXBean), the figure that stays meaningful on a shared two-core machine where
 * wall-clock averages swing with whatever else runs. Prints the median of 5 rounds.
 *
 * <pre>
 * java -cp bulwark-identity/target/test-classes:bulwark-identity/target/classes:$(cat bulwark-identity/target/test.cp) \
 *     dev.bulwark.identity.bench.IdentityCpuCost
 * </pre>
 */
public final class IdentityCpuCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long sink;

  private IdentityCpuCost() {}

  public static void main(String[] args) {
    IdentityBench bench = new IdentityBench();
    bench.setUp();
    report("apiKeyCachedHit", 2_000_000, () -> bench.apiKeyCachedHit().hashCode());
    report("apiKeyCachedHitAsync", 2_000_000, () -> bench.apiKeyCachedHitAsync().hashCode());
    report("apiKeyMalformed", 2_000_000, () -> bench.apiKeyMalformed().hashCode());
    report("tokenCachedHit", 2_000_000, () -> bench.tokenCachedHit().hashCode());
    report("tokenFullVerification", 3_000, () -> bench.tokenFullVerification().hashCode());
    report("tokenIssue", 3_000, () -> bench.tokenIssue().hashCode());
    System.out.println("(sink " + (sink & 1) + ")");
  }

  private static void report(String name, int ops, LongSupplier op) {
    for (int i = 0; i < ops; i++) {
      sink += op.getAsLong(); // warm-up: the same count again before measuring
    }
    double[] perOp = new double[5];
    for (int round = 0; round < perOp.length; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink += op.getAsLong();
      }
      perOp[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }
    Arrays.sort(perOp);
    System.out.printf(
        "%-24s %12.0f ns CPU/op (median of 5; min %.0f, max %.0f)%n",
        name, perOp[2], perOp[0], perOp[4]);
  }
}
