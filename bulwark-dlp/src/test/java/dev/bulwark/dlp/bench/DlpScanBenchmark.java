package dev.bulwark.dlp.bench;

import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.Detector;
import dev.bulwark.dlp.Engine;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scan throughput, one thread, over {@link BenchPayloads} (10 MiB of JSON payloads, each scanned as
 * its own body the way the gateway would). One operation scans all payloads; MB/s = ops/s × 10.49.
 *
 * <ul>
 *   <li>{@code candidates*}: candidate finding alone (literal engine + number/colon pass);
 *   <li>{@code endToEnd*}: full scan with validation, overlap resolution and JSON paths;
 *   <li>{@code regexBaseline}: java.util.regex running the built-in patterns ({@link
 *       Detector#pattern()}) as one alternation, finding every match.
 * </ul>
 *
 * Run: {@code bench/dlp.sh} (builds the test classes, then {@code java -cp ... org.openjdk.jmh.Main
 * DlpScanBenchmark}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 3)
public class DlpScanBenchmark {
  private List<byte[]> payloads;
  private Scanner hyperscan;
  private Scanner java;
  private Pattern alternation;

  @Setup(Level.Trial)
  public void setUp() {
    payloads = BenchPayloads.generate();
    hyperscan = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
    java = Scanner.create(Detector.builtins(), Engine.JAVA);
    StringBuilder sb = new StringBuilder();
    for (Detector d : Detector.builtins()) {
      sb.append(sb.length() == 0 ? "" : "|").append("(?:").append(d.pattern()).append(')');
    }
    alternation = Pattern.compile(sb.toString());
    long bytes = payloads.stream().mapToLong(p -> p.length).sum();
    int findings = 0;
    for (byte[] p : payloads) {
      findings += hyperscan.scan(p, ContentKind.JSON).size();
    }
    System.out.println("payloads=" + payloads.size() + " bytes=" + bytes + " findings=" + findings);
  }

  @Benchmark
  public int candidatesHyperscan() {
    int n = 0;
    for (byte[] p : payloads) {
      n += hyperscan.countCandidates(p);
    }
    return n;
  }

  @Benchmark
  public int candidatesJava() {
    int n = 0;
    for (byte[] p : payloads) {
      n += java.countCandidates(p);
    }
    return n;
  }

  @Benchmark
  public void endToEndHyperscan(Blackhole bh) {
    for (byte[] p : payloads) {
      List<Finding> f = hyperscan.scan(p, ContentKind.JSON);
      bh.consume(f);
    }
  }

  @Benchmark
  public void endToEndJava(Blackhole bh) {
    for (byte[] p : payloads) {
      bh.consume(java.scan(p, ContentKind.JSON));
    }
  }

  @Benchmark
  @Warmup(iterations = 1, time = 3)
  @Measurement(iterations = 2, time = 5)
  public int regexBaseline() {
    int n = 0;
    for (byte[] p : payloads) {
      Matcher m = alternation.matcher(new String(p, StandardCharsets.UTF_8));
      while (m.find()) {
        n++;
      }
    }
    return n;
  }
}
