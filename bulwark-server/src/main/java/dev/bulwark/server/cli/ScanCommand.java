package dev.bulwark.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.dlp.ContentKind;
import dev.bulwark.dlp.Detector;
import dev.bulwark.dlp.Finding;
import dev.bulwark.dlp.Scanner;
import dev.bulwark.model.ConfigError;
import dev.bulwark.model.DlpDetector;
import dev.bulwark.model.config.LoadResult;
import dev.bulwark.model.config.PerimeterLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark scan [--format table|json] [--policy FILE] PATH|-}: runs the DLP scanner over a
 * file or stdin and lists what it finds — class, offsets, confidence and JSON path, never the value
 * itself. Exits like grep: 0 nothing found, 1 something found, 2 on error.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan a file (or - for stdin) for sensitive data: PII, card and bank numbers, secrets.",
      "JSON input (by .json extension or a leading { or [) reports JSON paths.",
      "Prints class, start and end (char offsets), confidence and path; never the value.",
      "Exit status: 0 nothing found, 1 something found, 2 error."
    })
public final class ScanCommand implements Callable<Integer> {
  static final int NOTHING_FOUND = 0;
  static final int FOUND = 1;
  static final int ERROR = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = {
        "A perimeter.yaml (its dlp.detectors are added to all built-ins), or a YAML choosing",
        "detectors: 'detectors: [pii.email, ...]' (default: all built-ins)",
        "and 'custom: [{id: acme.badge, pattern: \"BDG-[0-9]{6}\", confidence: 0.9}]' (RE2)."
      })
  Path policy;

  @Parameters(paramLabel = "PATH|-", description = "The file to scan, or - for stdin.")
  String path;

  private final InputStream stdin;

  /** A scan command reading stdin from System.in. */
  public ScanCommand() {
    this(System.in);
  }

  ScanCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    try {
      return scan();
    } catch (ConfigProblem e) {
      // file:line:column: message, one per line, like the config validator and compilers.
      for (ConfigError error : e.errors) {
        spec.commandLine().getErr().println(error);
      }
      spec.commandLine().getErr().flush();
      return ERROR;
    } catch (Problem e) {
      // Messages name the input and what is wrong with it, never its content.
      spec.commandLine().getErr().println("scan: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ERROR;
    }
  }

  private int scan() {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("table") && !fmt.equals("json")) {
      throw new Problem("--format must be table or json, not " + format);
    }
    Scanner scanner = Scanner.create(detectors());
    byte[] body = read();
    ContentKind kind = kindOf(body);
    PrintWriter out = spec.commandLine().getOut();
    if (kind == ContentKind.BINARY) {
      spec.commandLine().getErr().println("scan: " + path + ": binary input, skipped");
      spec.commandLine().getErr().flush();
      return NOTHING_FOUND;
    }
    List<Finding> findings = scanner.scan(body, kind);
    out.print(fmt.equals("json") ? json(findings) : table(findings));
    out.flush();
    return findings.isEmpty() ? NOTHING_FOUND : FOUND;
  }

  private byte[] read() {
    try {
      if (path.equals("-")) {
        return stdin.readAllBytes();
      }
      Path file = Path.of(path);
      if (!Files.isRegularFile(file)) {
        throw new Problem("no such file: " + path);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Problem("cannot read " + path + ": " + e.getMessage());
    }
  }

  /**
   * JSON by extension or first non-blank byte; binary when a NUL shows up early; text otherwise.
   */
  private ContentKind kindOf(byte[] body) {
    for (int i = 0; i < Math.min(body.length, 8192); i++) {
      if (body[i] == 0) {
        return ContentKind.BINARY;
      }
    }
    if (path.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return ContentKind.JSON;
    }
    for (byte c : body) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c == '{' || c == '[' ? ContentKind.JSON : ContentKind.TEXT;
      }
    }
    return ContentKind.TEXT;
  }

  private List<Detector> detectors() {
    if (policy == null) {
      return Detector.builtins();
    }
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(policy));
    } catch (IOException | RuntimeException e) {
      throw new Problem("cannot read policy " + policy + ": " + e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new Problem(policy + ": expected a mapping with detectors and/or custom");
    }
    if (PERIMETER_KEYS.stream().anyMatch(map::containsKey)) {
      return perimeterDetectors();
    }
    List<Detector> detectors = new ArrayList<>();
    try {
      Object ids = map.get("detectors");
      if (ids == null) {
        detectors.addAll(Detector.builtins());
      } else if (ids instanceof List<?> list) {
        for (Object id : list) {
          detectors.add(Detector.builtin(String.valueOf(id)));
        }
      } else {
        throw new Problem(policy + ": detectors must be a list of class ids");
      }
      Object custom = map.get("custom");
      if (custom instanceof List<?> list) {
        for (Object entry : list) {
          if (!(entry instanceof Map<?, ?> c) || c.get("id") == null || c.get("pattern") == null) {
            throw new Problem(policy + ": each custom detector needs id and pattern");
          }
          double confidence =
              c.get("confidence") == null
                  ? 0.8
                  : Double.parseDouble(c.get("confidence").toString());
          detectors.add(
              Detector.custom(c.get("id").toString(), c.get("pattern").toString(), confidence));
        }
      } else if (custom != null) {
        throw new Problem(policy + ": custom must be a list");
      }
    } catch (IllegalArgumentException | com.google.re2j.PatternSyntaxException e) {
      throw new Problem(policy + ": " + e.getMessage());
    }
    return detectors;
  }

  /** Top-level keys of perimeter.yaml; the simple policy format has only detectors and custom. */
  private static final List<String> PERIMETER_KEYS =
      List.of("apps", "classification", "integrations", "dlp");

  /**
   * All built-ins plus the perimeter's custom detectors, as the gateway's Inspect stage uses them;
   * a perimeter with errors is refused whole (exit 2), as the server would refuse it.
   */
  private List<Detector> perimeterDetectors() {
    LoadResult loaded = PerimeterLoader.load(policy);
    if (!loaded.ok()) {
      throw new ConfigProblem(loaded.errors());
    }
    List<Detector> detectors = new ArrayList<>(Detector.builtins());
    try {
      for (DlpDetector d : loaded.perimeter().dlp().detectors()) {
        detectors.add(Detector.custom(d.id(), d.pattern()));
      }
    } catch (IllegalArgumentException | com.google.re2j.PatternSyntaxException e) {
      throw new Problem(policy + ": " + e.getMessage());
    }
    return detectors;
  }

  private static String table(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-28s %8s %8s %6s  %s%n", "CLASS", "START", "END", "CONF", "PATH"));
    for (Finding f : findings) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-28s %8d %8d %6.2f  %s%n",
              f.dataClass(),
              f.start(),
              f.end(),
              f.confidence(),
              f.jsonPath() == null ? "-" : f.jsonPath()));
    }
    sb.append(findings.size()).append(findings.size() == 1 ? " finding" : " findings").append('\n');
    return sb.toString();
  }

  private static String json(List<Finding> findings) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartArray();
      for (Finding f : findings) {
        g.writeStartObject();
        g.writeStringField("dataClass", f.dataClass());
        g.writeNumberField("start", f.start());
        g.writeNumberField("end", f.end());
        g.writeNumberField("confidence", f.confidence());
        g.writeStringField("path", f.jsonPath());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w + "\n";
  }

  /** A perimeter.yaml that does not load: exit status 2 with its located errors. */
  private static final class ConfigProblem extends RuntimeException {
    private final transient List<ConfigError> errors;

    ConfigProblem(List<ConfigError> errors) {
      super(errors.size() + " config errors");
      this.errors = List.copyOf(errors);
    }
  }

  /** Input the user can fix: exit status 2 with the message. */
  private static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message);
    }
  }
}
