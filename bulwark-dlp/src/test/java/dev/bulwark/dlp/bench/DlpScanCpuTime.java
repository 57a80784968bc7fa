package dev.bulwark.dlp.bench;

import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.Detector;
import dev.bulwark.dlp.Engine;
import dev.bulwark.dlp.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same five measurements as {@link DlpScanBenchmark}, reported per CPU second of the scanning
 * thread instead of per wall second: on a shared machine wall-clock throughput swings with whatever
 * else runs, thread CPU time much less. Run by {@code bench/dlp.sh} after JMH.
 */
public final class DlpScanCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long WARMUP_NANOS = 6_000_000_000L;

  private DlpScanCpuTime() {}

  public static void main(String[] args) {
    List<byte[]> payloads = BenchPayloads.generate();
    Scanner hyperscan = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
    Scanner java = Scanner.create(Detector.builtins(), Engine.JAVA);
    StringBuilder sb = new StringBuilder();
    for (Detector d : Detector.builtins()) {
      sb.append(sb.length() == 0 ? "" : "|").append("(?:").append(d.pattern()).append(')');
    }
    Pattern alternation = Pattern.compile(sb.toString());
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    System.out.printf("%-22s %12s%n", "benchmark (cpu time)", "MB/cpu-s");
    double base =
        run(
            "regexBaseline",
            payloads,
            bytes,
            1,
            p -> {
              Matcher m = alternation.matcher(new String(p, StandardCharsets.UTF_8));
              long n = 0;
              while (m.find()) {
                n++;
              }
              return n;
            });
    report("candidatesHyperscan", run("", payloads, bytes, 10, hyperscan::countCandidates), base);
    report("candidatesJava", run("", payloads, bytes, 5, java::countCandidates), base);
    report(
        "endToEndHyperscan",
        run("", payloads, bytes, 5, p -> hyperscan.scan(p, ContentKind.JSON).size()),
        base);
    report(
        "endToEndJava",
        run("", payloads, bytes, 5, p -> java.scan(p, ContentKind.JSON).size()),
        base);
  }

  private static void report(String name, double rate, double base) {
    System.out.printf("%-22s %12.1f  (%.0fx regex)%n", name, rate, rate / base);
  }

  /**
   * Warms up for at least {@link #WARMUP_NANOS} of wall time (on two shared cores the JIT's
   * compiler threads need seconds, not a fixed number of passes: a short warmup measured the
   * interpreter and C1 code, 4× slower), then measures {@code reps} passes three times and returns
   * the median rate.
   */
  private static double run(
      String name, List<byte[]> payloads, long bytes, int reps, ToLongFunction<byte[]> op) {
    long sink = 0;
    long warmStart = System.nanoTime();
    int warm = 0;
    while (warm < Math.max(1, reps / 2) || System.nanoTime() - warmStart < WARMUP_NANOS) {
      for (byte[] p : payloads) {
        sink += op.applyAsLong(p);
      }
      warm++;
    }
    double[] rates = new double[3];
    for (int round = 0; round < rates.length; round++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        for (byte[] p : payloads) {
          sink += op.applyAsLong(p);
        }
      }
      double seconds = (THREADS.getCurrentThreadCpuTime() - t0) / 1e9;
      rates[round] = bytes * reps / 1e6 / seconds;
    }
    java.util.Arrays.sort(rates);
    double rate = rates[1];
    if (!name.isEmpty()) {
      System.out.printf("%-22s %12.1f  (sink %d)%n", name, rate, sink);
    }
    return rate;
  }
}
