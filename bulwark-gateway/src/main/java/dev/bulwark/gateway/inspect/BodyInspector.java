package dev.bulwark.gateway.inspect;

import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.Detector;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.FormBody;
import dev.bulwark.dlp.Scanner;
import dev.bulwark.dlp.action.Action;
import dev.bulwark.dlp.action.Applied;
import dev.bulwark.dlp.action.Redactor;
import dev.bulwark.dlp.action.Rewrite;
import dev.bulwark.model.Classification;
import dev.bulwark.model.DataClass;
import dev.bulwark.model.DlpAction;
import dev.bulwark.model.DlpDetector;
import dev.bulwark.model.DlpDirection;
import dev.bulwark.model.DlpPolicy;
import dev.bulwark.model.DlpRules;
import dev.bulwark.model.FlowFinding;
import dev.bulwark.model.Integration;
import dev.bulwark.model.Perimeter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what happens to one body crossing the perimeter, from the integration's DLP policy for
 * that direction, the body's content type and what the scanner finds in it: pass it, rewrite it
 * (redact, mask, tokenize), or block it. Pure and thread-safe: built once per {@link Perimeter}
 * (with the scanner for its detectors), then called from any event loop without I/O.
 *
 * <p>Fail-closed rules, each because the alternative would let a value through unseen:
 *
 * <ul>
 *   <li>a body larger than {@code dlp.maxBodyBytes} in an inspected direction is blocked ({@code
 *       dlp.body_too_large}) unless the perimeter says {@code oversize: pass};
 *   <li>a body with a {@code Content-Encoding} other than identity cannot be scanned and is blocked
 *       ({@code dlp.encoded_body}) — the forwarder should ask the app for identity encoding when it
 *       inspects responses;
 *   <li>a body with {@link Scanner#MAX_FINDINGS} findings or more may hold values past the cap, so
 *       it is blocked whenever the direction's rules could rewrite or block anything;
 *   <li>a TOKENIZE rule without a tokenization key is refused when the inspector is built.
 * </ul>
 *
 * <p>Binary content types (images, archives, octet streams) are passed without a scan and counted
 * by the scanner ({@link Scanner#binarySkipped()}): they are not where API payload data travels,
 * and scanning compressed bytes would find nothing but noise.
 */
public final class BodyInspector {
  /** Vault reference of the HMAC key for tokenize (32 random bytes). */
  public static final String TOKENIZE_KEY_REF = "bulwark/dlp-tokenize-key";

  /** Distinct audit findings kept per body: enough for a data map, bounded for a bulk export. */
  public static final int MAX_AUDIT_FINDINGS = 256;

  private static final int TOKENIZE_KEY_BYTES = 32;

  private final Scanner scanner;
  private final Redactor redactor;
  private final Map<String, Classification> levels;
  private final long maxBodyBytes;
  private final boolean passOversize;
  private final Set<String> silentClasses;

  /**
   * @param perimeter the taxonomy (class levels), custom detectors' levels and the buffer limit
   * @param scanner a scanner built for the built-ins plus the perimeter's custom detectors (see
   *     {@link #detectorsFor})
   * @param tokenizeKey the key read from {@link #TOKENIZE_KEY_REF} (at least 32 bytes), or null
   *     when no policy tokenizes
   * @throws IllegalArgumentException when a policy tokenizes and the key is missing or short
   */
  public BodyInspector(Perimeter perimeter, Scanner scanner, byte[] tokenizeKey) {
    this.scanner = scanner;
    boolean tokenizes = policies(perimeter).stream().anyMatch(BodyInspector::tokenizes);
    if (tokenizeKey == null || tokenizeKey.length < TOKENIZE_KEY_BYTES) {
      if (tokenizes) {
        throw new IllegalArgumentException(
            "a DLP policy tokenizes but the vault secret "
                + TOKENIZE_KEY_REF
                + " is missing or shorter than "
                + TOKENIZE_KEY_BYTES
                + " bytes");
      }
      this.redactor = null;
    } else {
      this.redactor = new Redactor(tokenizeKey);
    }
    Map<String, Classification> byClass = new HashMap<>();
    for (DlpDetector d : perimeter.dlp().detectors()) {
      if (d.level() != null) {
        byClass.put(d.id(), d.level());
      }
    }
    for (DataClass c : perimeter.dataClasses().values()) {
      byClass.put(c.id(), c.level());
    }
    this.levels = Map.copyOf(byClass);
    this.maxBodyBytes = perimeter.dlp().maxBodyBytes();
    this.passOversize = perimeter.dlp().oversize() == DlpAction.ALLOW;
    this.silentClasses = silent(perimeter, scanner);
  }

  /** An inspector with a scanner for every built-in detector plus the perimeter's own. */
  public static BodyInspector create(Perimeter perimeter, byte[] tokenizeKey) {
    return new BodyInspector(perimeter, Scanner.create(detectorsFor(perimeter)), tokenizeKey);
  }

  /** The built-in detectors followed by the perimeter's custom ones. */
  public static List<Detector> detectorsFor(Perimeter perimeter) {
    List<Detector> all = new ArrayList<>(Detector.builtins());
    for (DlpDetector d : perimeter.dlp().detectors()) {
      all.add(Detector.custom(d.id(), d.pattern()));
    }
    return all;
  }

  /**
   * True when bodies of this integration in this direction must be buffered and inspected; false
   * lets the gateway stream them untouched.
   */
  public boolean needsInspection(Integration integration, DlpDirection direction) {
    return !integration.dlp().rules(direction).isEmpty();
  }

  /**
   * The largest body buffered for inspection; stop buffering past it and call {@link #tooLarge}.
   */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Class ids the policies name that no detector of the scanner produces (declared in the taxonomy,
   * but nothing finds them): worth a warning at startup, harmless otherwise.
   */
  public Set<String> silentClasses() {
    return silentClasses;
  }

  /** Inspects an identity-encoded body. */
  public InspectOutcome inspect(
      Integration integration, DlpDirection direction, String contentType, byte[] body) {
    return inspect(integration, direction, contentType, null, body);
  }

  /**
   * Inspects one body.
   *
   * @param contentType the body's Content-Type header, or null
   * @param contentEncoding the body's Content-Encoding header, or null for identity
   */
  public InspectOutcome inspect(
      Integration integration,
      DlpDirection direction,
      String contentType,
      String contentEncoding,
      byte[] body) {
    DlpRules rules = integration.dlp().rules(direction);
    if (rules.isEmpty() || body.length == 0) {
      return InspectOutcome.skipped(body);
    }
    if (body.length > maxBodyBytes) {
      return tooLarge(integration, direction, body);
    }
    ContentKind kind = ContentKind.fromContentType(contentType);
    if (kind == ContentKind.BINARY) {
      scanner.scan(body, kind); // counts the skip
      return InspectOutcome.skipped(body);
    }
    if (!identity(contentEncoding)) {
      return blocked(
          direction,
          direction == DlpDirection.REQUEST ? 415 : 502,
          "dlp.encoded_body",
          direction.id() + " body is content-encoded and cannot be inspected",
          List.of());
    }
    List<Finding> findings = scanner.scan(body, kind);
    if (findings.isEmpty()) {
      return new InspectOutcome(body, false, null, false, true, List.of());
    }
    Rewrite rewrite = apply(body, kind, findings, rules);
    List<FlowFinding> audit = audit(direction, body, kind, rewrite.applied());
    if (findings.size() >= Scanner.MAX_FINDINGS && enforces(rules)) {
      return blocked(
          direction,
          direction == DlpDirection.REQUEST ? 403 : 502,
          "dlp.blocked",
          direction.id() + " body holds too many sensitive values to inspect",
          audit);
    }
    if (rewrite.blocked()) {
      return blocked(
          direction,
          direction == DlpDirection.REQUEST ? 403 : 502,
          "dlp.blocked",
          direction.id() + " body carries " + blockedClasses(rewrite) + ", which policy blocks",
          audit);
    }
    boolean alerted = rewrite.applied().stream().anyMatch(a -> a.action() == Action.ALERT);
    return new InspectOutcome(rewrite.body(), rewrite.changed(), null, alerted, true, audit);
  }

  /**
   * The outcome for a body over {@link #maxBodyBytes()} in an inspected direction, decided without
   * reading it (the gateway calls this as soon as Content-Length or the buffered size exceeds the
   * limit): blocked, or passed uninspected under {@code oversize: pass}.
   *
   * @param body what was buffered so far (passed on under {@code oversize: pass}), may be empty
   */
  public InspectOutcome tooLarge(Integration integration, DlpDirection direction, byte[] body) {
    if (passOversize || !needsInspection(integration, direction)) {
      return InspectOutcome.skipped(body);
    }
    return blocked(
        direction,
        direction == DlpDirection.REQUEST ? 413 : 502,
        "dlp.body_too_large",
        direction.id() + " body exceeds the " + maxBodyBytes + "-byte inspection limit",
        List.of());
  }

  private Rewrite apply(byte[] body, ContentKind kind, List<Finding> findings, DlpRules rules) {
    Map<String, Action> byClass = new HashMap<>();
    java.util.function.Function<Finding, Action> policy =
        f ->
            byClass.computeIfAbsent(
                f.dataClass(), c -> Action.valueOf(rules.actionFor(c, levels.get(c)).name()));
    if (redactor != null) {
      return redactor.apply(body, kind, findings, policy);
    }
    // Without a key no rule tokenizes (checked at construction); a keyless redactor suffices.
    return KEYLESS.apply(body, kind, findings, policy);
  }

  /** Never tokenizes (construction guarantees it); its key is a fixed placeholder. */
  private static final Redactor KEYLESS = new Redactor(new byte[TOKENIZE_KEY_BYTES]);

  private static InspectOutcome blocked(
      DlpDirection direction, int status, String reason, String message, List<FlowFinding> audit) {
    return new InspectOutcome(
        new byte[0], false, new InspectOutcome.Block(status, reason, message), false, true, audit);
  }

  private static String blockedClasses(Rewrite rewrite) {
    Set<String> classes = new TreeSet<>();
    for (Applied a : rewrite.applied()) {
      if (a.action() == Action.BLOCK) {
        classes.add(a.finding().dataClass());
      }
    }
    return String.join(", ", classes);
  }

  /**
   * The audit's view: class, direction, path, action, identical entries collapsed. A JSON path
   * names keys of the body, and a key may itself be a sensitive value ({@code {"bob@x.com": 1}}),
   * so every found value is scrubbed from every path.
   */
  private static List<FlowFinding> audit(
      DlpDirection direction, byte[] body, ContentKind kind, List<Applied> applied) {
    String text =
        kind == ContentKind.FORM
            ? FormBody.parse(body).text()
            : new String(body, StandardCharsets.UTF_8);
    Set<String> values = new LinkedHashSet<>();
    for (Applied a : applied) {
      Finding f = a.finding();
      if (f.start() >= 0 && f.end() <= text.length() && f.end() > f.start()) {
        values.add(text.substring(f.start(), f.end()));
      }
    }
    Scrubber scrubber = new Scrubber(values);
    Set<FlowFinding> out = new LinkedHashSet<>();
    for (Applied a : applied) {
      Finding f = a.finding();
      String path = scrubber.scrub(f.jsonPath(), f.dataClass());
      out.add(
          new FlowFinding(
              f.dataClass(), direction.id(), path, a.action().name().toLowerCase(Locale.ROOT)));
      if (out.size() == MAX_AUDIT_FINDINGS) {
        break;
      }
    }
    return List.copyOf(out);
  }

  /**
   * Removes found values from paths. Most paths hold none, so each path is first checked against
   * the values indexed by their leading chars (time linear in the path, not paths × values); only a
   * path that holds one is rewritten, value by value in the order found.
   */
  private static final class Scrubber {
    private static final int GRAM = 4;
    private final Set<String> values;
    private final int gram;
    private final Map<String, List<String>> byPrefix = new HashMap<>();

    /** values: distinct, non-empty, in the order found. */
    Scrubber(Set<String> values) {
      this.values = values;
      int g = GRAM;
      for (String v : values) {
        g = Math.min(g, v.length());
      }
      this.gram = Math.max(1, g);
      for (String v : values) {
        byPrefix.computeIfAbsent(v.substring(0, gram), k -> new ArrayList<>(1)).add(v);
      }
    }

    String scrub(String path, String dataClass) {
      if (path == null || !holdsAny(path)) {
        return path;
      }
      String out = path;
      for (String v : values) {
        if (out.contains(v)) {
          out = out.replace(v, "[REDACTED:" + dataClass + "]");
        }
      }
      return out;
    }

    private boolean holdsAny(String path) {
      for (int i = 0; i + gram <= path.length(); i++) {
        List<String> starting = byPrefix.get(path.substring(i, i + gram));
        if (starting != null) {
          for (String v : starting) {
            if (path.startsWith(v, i)) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }

  private static boolean identity(String contentEncoding) {
    return contentEncoding == null
        || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity");
  }

  private static boolean enforces(DlpRules rules) {
    List<DlpAction> all = new ArrayList<>(rules.classes().values());
    all.addAll(rules.prefixes().values());
    all.addAll(rules.levels().values());
    if (rules.fallback() != null) {
      all.add(rules.fallback());
    }
    return all.stream().anyMatch(a -> a == DlpAction.BLOCK || a.rewrites());
  }

  private static boolean tokenizes(DlpRules rules) {
    return rules.classes().containsValue(DlpAction.TOKENIZE)
        || rules.prefixes().containsValue(DlpAction.TOKENIZE)
        || rules.levels().containsValue(DlpAction.TOKENIZE)
        || rules.fallback() == DlpAction.TOKENIZE;
  }

  /** Every direction's rules in the perimeter: the default policy and each integration's. */
  private static List<DlpRules> policies(Perimeter perimeter) {
    List<DlpRules> all = new ArrayList<>();
    List<DlpPolicy> policies = new ArrayList<>();
    policies.add(perimeter.dlp().defaultPolicy());
    for (Integration i : perimeter.integrations().values()) {
      policies.add(i.dlp());
    }
    for (DlpPolicy p : policies) {
      all.add(p.request());
      all.add(p.response());
    }
    return all;
  }

  private static Set<String> silent(Perimeter perimeter, Scanner scanner) {
    Set<String> produced = new java.util.HashSet<>();
    for (Detector d : scanner.detectors()) {
      produced.add(d.id());
    }
    Set<String> silent = new TreeSet<>();
    for (DlpRules rules : policies(perimeter)) {
      for (String c : rules.classes().keySet()) {
        if (!produced.contains(c)) {
          silent.add(c);
        }
      }
    }
    return java.util.Collections.unmodifiableSet(silent);
  }
}
