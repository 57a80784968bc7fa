package dev.bulwark.dlp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds sensitive values in a body for a fixed detector set. Built once (the literal database is
 * compiled here), then thread-safe and reusable.
 *
 * <p>A scan makes one engine pass for the literals that start the prefixed classes, one Java pass
 * for number tokens and IPv6, and one RE2/J pass per custom detector; each candidate is confirmed
 * by the same Java rules whichever engine found it. Overlapping findings keep the class of higher
 * priority ({@link DataClasses#BUILTIN} order, custom classes last), then the longer one.
 *
 * <p>Memory per scan beyond the body: the Hyperscan engine copies at most 1 MiB + 64 bytes at a
 * time into a per-thread native buffer; the candidate list and findings grow with what is found,
 * and findings stop at {@link #MAX_FINDINGS} per body; JSON paths come from a streaming parser
 * (memory ∝ nesting depth). A form body is decoded once (one copy of its size).
 */
public final class Scanner {
  /** Findings reported per body at most; a body with more is hostile or a bulk export. */
  public static final int MAX_FINDINGS = 10_000;

  /** Start, then priority, then longer first, then class id: a total order, engine-independent. */
  private static final Comparator<RawFinding> ORDER =
      (x, y) -> {
        if (x.start() != y.start()) {
          return Integer.compare(x.start(), y.start());
        }
        if (x.priority() != y.priority()) {
          return Integer.compare(x.priority(), y.priority());
        }
        if (x.end() != y.end()) {
          return Integer.compare(y.end(), x.end());
        }
        return x.dataClass().compareTo(y.dataClass());
      };

  private final List<Detector> detectors;
  private final List<Literal> literals;
  private final AnchorFinder anchors;
  private final NumberRules numbers;
  private final List<Detector> custom;
  private final LongAdder binarySkipped = new LongAdder();

  private Scanner(List<Detector> detectors, Engine engine) {
    this.detectors = List.copyOf(detectors);
    Set<String> enabled = new HashSet<>();
    List<Detector> customs = new ArrayList<>();
    for (Detector d : detectors) {
      if (d.isBuiltin()) {
        enabled.add(d.id());
      } else {
        customs.add(d);
      }
    }
    this.custom = List.copyOf(customs);
    this.literals = LiteralRules.literals(enabled);
    this.numbers = new NumberRules(enabled);
    this.anchors = literals.isEmpty() ? new JavaAnchorFinder(literals) : chooseEngine(engine);
  }

  /** A scanner for these detectors on the engine named by {@code bulwark.dlp.engine}. */
  public static Scanner create(Collection<Detector> detectors) {
    return create(detectors, Engine.fromSystemProperty());
  }

  /**
   * A scanner for these detectors on this engine. AUTO falls back to the Java engine when the
   * Hyperscan native library cannot load; HYPERSCAN fails instead.
   *
   * @throws IllegalStateException when HYPERSCAN is asked for and cannot run here
   */
  public static Scanner create(Collection<Detector> detectors, Engine engine) {
    return new Scanner(List.copyOf(detectors), engine);
  }

  /** A scanner with every built-in detector. */
  public static Scanner withBuiltins() {
    return create(Detector.builtins());
  }

  private AnchorFinder chooseEngine(Engine engine) {
    if (engine == Engine.JAVA) {
      return new JavaAnchorFinder(literals);
    }
    try {
      return HyperscanAnchorFinder.compile(literals);
    } catch (LinkageError | RuntimeException e) {
      if (engine == Engine.HYPERSCAN) {
        throw new IllegalStateException("Hyperscan engine unavailable: " + e, e);
      }
      return new JavaAnchorFinder(literals);
    }
  }

  /** The engine in use (never AUTO). */
  public Engine engine() {
    return anchors.engine();
  }

  /** The detectors this scanner was built with. */
  public List<Detector> detectors() {
    return detectors;
  }

  /** How many binary bodies were skipped without inspection. */
  public long binarySkipped() {
    return binarySkipped.sum();
  }

  /** Scans text; offsets are char offsets into it. */
  public List<Finding> scan(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return toFindings(b, findRaw(b), null);
  }

  /**
   * Scans a body. Offsets are char offsets into the body decoded as UTF-8 (for FORM: into {@link
   * FormBody#text()}); JSON findings carry their JSON path, form findings their field.
   */
  public List<Finding> scan(byte[] body, ContentKind kind) {
    switch (kind) {
      case BINARY -> {
        binarySkipped.increment();
        return List.of();
      }
      case FORM -> {
        FormBody form = FormBody.parse(body);
        byte[] b = form.text().getBytes(StandardCharsets.UTF_8);
        List<Finding> found = toFindings(b, findRaw(b), null);
        List<Finding> withPaths = new ArrayList<>(found.size());
        for (Finding f : found) {
          withPaths.add(
              new Finding(
                  f.dataClass(), f.confidence(), f.start(), f.end(), form.pathAt(f.start())));
        }
        return withPaths;
      }
      case JSON -> {
        List<RawFinding> raw = findRaw(body);
        return toFindings(body, raw, raw.isEmpty() ? null : JsonPaths.assign(body, raw));
      }
      default -> {
        return toFindings(body, findRaw(body), null);
      }
    }
  }

  /**
   * Candidate finding alone, for benchmarks and diagnostics: the literal hits plus the number and
   * colon candidates, without confirming any.
   */
  public int countCandidates(byte[] body) {
    Hits hits = new Hits();
    anchors.find(body, hits);
    return hits.size() + numbers.scan(body, null);
  }

  /** Confirmed findings in byte offsets, overlaps resolved, sorted by start. */
  List<RawFinding> findRaw(byte[] b) {
    // Sized for a dense body (a finding per ~100 bytes) so the list rarely grows, capped for huge
    // bodies that may hold nothing.
    List<RawFinding> out = new ArrayList<>(Math.min(16 + b.length / 96, 4096));
    if (!literals.isEmpty()) {
      Hits hits = new Hits();
      anchors.find(b, hits);
      hits.sortUnique();
      for (int i = 0; i < hits.size(); i++) {
        LiteralRules.confirm(literals.get(hits.literal(i)), b, hits.start(i), out::add);
      }
    }
    if (numbers.anyEnabled()) {
      numbers.scan(b, out::add);
    }
    for (Detector d : custom) {
      com.google.re2j.Matcher m = d.re2().matcher(b);
      while (m.find()) {
        if (m.end() > m.start()) {
          out.add(
              new RawFinding(
                  d.id(), DataClasses.priority(d.id()), m.start(), m.end(), d.confidence()));
        }
      }
    }
    return resolve(out);
  }

  /** Sorts, drops duplicates and resolves overlaps by priority, then length. */
  private static List<RawFinding> resolve(List<RawFinding> all) {
    all.sort(ORDER);
    List<RawFinding> kept = new ArrayList<>(all.size());
    for (RawFinding f : all) {
      if (!kept.isEmpty()) {
        RawFinding last = kept.get(kept.size() - 1);
        if (f.start() < last.end()) {
          boolean better =
              f.priority() < last.priority()
                  || (f.priority() == last.priority()
                      && f.end() - f.start() > last.end() - last.start());
          if (better) {
            kept.set(kept.size() - 1, f);
          }
          continue;
        }
      }
      kept.add(f);
      if (kept.size() > MAX_FINDINGS) {
        break;
      }
    }
    return kept.size() > MAX_FINDINGS ? kept.subList(0, MAX_FINDINGS) : kept;
  }

  private static List<Finding> toFindings(byte[] b, List<RawFinding> raw, String[] paths) {
    if (raw.isEmpty()) {
      return List.of();
    }
    int[] offsets = new int[raw.size() * 2];
    for (int i = 0; i < raw.size(); i++) {
      offsets[2 * i] = raw.get(i).start();
      offsets[2 * i + 1] = raw.get(i).end();
    }
    int[] chars = Utf8Offsets.toChars(b, offsets);
    List<Finding> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      RawFinding r = raw.get(i);
      out.add(
          new Finding(
              r.dataClass(),
              r.confidence(),
              chars[2 * i],
              chars[2 * i + 1],
              paths == null ? null : paths[i]));
    }
    return List.copyOf(out);
  }
}
