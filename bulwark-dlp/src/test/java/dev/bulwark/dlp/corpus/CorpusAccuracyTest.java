package dev.bulwark.dlp.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.DataClasses;
import dev.bulwark.dlp.Detector;
import dev.bulwark.dlp.Engine;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.Scanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per class on the labeled corpus, and engine parity on it. A finding counts
 * as a true positive when its class is the line's label and it overlaps the labeled value; any
 * other finding is a false positive of its class; a labeled value without such a finding is a false
 * negative.
 */
class CorpusAccuracyTest {
  private static final double FLOOR = 0.97;
  private static List<String[]> corpus;

  @BeforeAll
  static void load() throws IOException {
    corpus = new ArrayList<>();
    for (String line : read("/corpus/labeled.tsv").split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split("\t", 3);
      corpus.add(new String[] {p[0], CorpusGenerator.unesc(p[1]), CorpusGenerator.unesc(p[2])});
    }
  }

  static String read(String resource) throws IOException {
    try (InputStream in = CorpusAccuracyTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void committedCorpusIsWhatTheSeededGeneratorProduces() throws IOException {
    assertThat(read("/corpus/labeled.tsv")).isEqualTo(new CorpusGenerator().generate());
  }

  @Test
  void corpusHasTwoThousandLabeledValuesAcrossEveryBuiltInClass() {
    long positives = corpus.stream().filter(l -> !l[0].equals("-")).count();
    long negatives = corpus.size() - positives;
    assertThat(positives).isGreaterThanOrEqualTo(2000);
    assertThat(negatives).isGreaterThanOrEqualTo(500);
    assertThat(corpus.stream().map(l -> l[0]).distinct()).containsAll(DataClasses.BUILTIN);
  }

  @Test
  void precisionAndRecallPerClassAreAtLeast97PercentOnBothEngines() {
    for (Engine engine : List.of(Engine.HYPERSCAN, Engine.JAVA)) {
      Scanner scanner = Scanner.create(Detector.builtins(), engine);
      Map<String, int[]> counts = new TreeMap<>(); // tp, fp, fn
      for (String cls : DataClasses.BUILTIN) {
        counts.put(cls, new int[3]);
      }
      List<String> misses = new ArrayList<>();
      for (String[] line : corpus) {
        String label = line[0];
        String text = line[2];
        int vs = text.indexOf(line[1]);
        int ve = vs + line[1].length();
        boolean found = false;
        for (Finding f : scanner.scan(text.getBytes(StandardCharsets.UTF_8), ContentKind.TEXT)) {
          boolean hit = f.dataClass().equals(label) && f.start() < ve && f.end() > vs;
          if (hit && !found) {
            counts.get(label)[0]++;
            found = true;
          } else {
            counts.computeIfAbsent(f.dataClass(), k -> new int[3])[1]++;
            misses.add(
                "FP "
                    + f.dataClass()
                    + " in ["
                    + label
                    + "] "
                    + text.substring(f.start(), f.end())
                    + " | "
                    + text);
          }
        }
        if (!label.equals("-") && !found) {
          counts.get(label)[2]++;
          misses.add("FN " + label + ": " + line[1] + " | " + text);
        }
      }
      System.out.printf(
          "%n%s engine%n%-30s %6s %6s %6s %9s %7s%n",
          engine, "class", "tp", "fp", "fn", "precision", "recall");
      List<String> below = new ArrayList<>();
      for (Map.Entry<String, int[]> e : counts.entrySet()) {
        int[] c = e.getValue();
        double p = c[0] + c[1] == 0 ? 1 : (double) c[0] / (c[0] + c[1]);
        double r = c[0] + c[2] == 0 ? 1 : (double) c[0] / (c[0] + c[2]);
        System.out.printf("%-30s %6d %6d %6d %9.3f %7.3f%n", e.getKey(), c[0], c[1], c[2], p, r);
        if (p < FLOOR || r < FLOOR) {
          below.add(e.getKey());
        }
      }
      misses.stream().limit(40).forEach(System.out::println);
      assertThat(below).as("classes below %.2f precision or recall on %s", FLOOR, engine).isEmpty();
    }
  }

  @Test
  void hyperscanAndJavaEnginesGiveIdenticalFindingsOnTheCorpus() {
    Scanner hyperscan = Scanner.create(Detector.builtins(), Engine.HYPERSCAN);
    Scanner java = Scanner.create(Detector.builtins(), Engine.JAVA);
    assertThat(hyperscan.engine()).isEqualTo(Engine.HYPERSCAN);
    assertThat(java.engine()).isEqualTo(Engine.JAVA);
    StringBuilder all = new StringBuilder();
    int findings = 0;
    for (String[] line : corpus) {
      byte[] b = line[2].getBytes(StandardCharsets.UTF_8);
      List<Finding> h = hyperscan.scan(b, ContentKind.TEXT);
      assertThat(java.scan(b, ContentKind.TEXT)).as(line[2]).isEqualTo(h);
      findings += h.size();
      all.append(line[2]).append('\n');
    }
    // The whole corpus as one body too: chunking and hit order must not matter.
    byte[] whole = all.toString().getBytes(StandardCharsets.UTF_8);
    List<Finding> h = hyperscan.scan(whole, ContentKind.TEXT);
    assertThat(java.scan(whole, ContentKind.TEXT)).isEqualTo(h);
    assertThat(h.size()).isGreaterThan(2000);
    assertThat(findings).isGreaterThan(2000);
  }
}
