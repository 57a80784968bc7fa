package dev.bulwark.model.config;

import dev.bulwark.model.ConfigError;
import dev.bulwark.model.Perimeter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads perimeter.yaml into a validated {@link Perimeter}, or into the complete list of what is
 * wrong with it. Never throws for bad input: a syntax error, an unreadable file or a bad value all
 * come back as {@link ConfigError}s located at {@code file:line:column}.
 *
 * <p>The YAML is composed into nodes rather than loaded into maps, so every value keeps its
 * position, and duplicate keys (which a map would silently collapse) can be reported.
 */
public final class PerimeterLoader {
  /**
   * Large enough for a generated perimeter of 10,000 integrations; small enough that a runaway file
   * fails fast instead of exhausting memory.
   */
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  /** Alias expansion is bounded so a "billion laughs" document cannot blow up. */
  private static final int MAX_ALIASES = 50;

  private PerimeterLoader() {}

  /** Reads and validates a file; the file name in errors is the path as given. */
  public static LoadResult load(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return failed(name, 1, 1, "file not found");
    } catch (IOException | SecurityException e) {
      return failed(name, 1, 1, "cannot read file: " + e.getClass().getSimpleName());
    }
    return parse(name, bytes);
  }

  /** Validates bytes read from a file, refusing anything that is not UTF-8. */
  static LoadResult parse(String fileName, byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return failed(fileName, 1, 1, "file is not valid UTF-8");
    }
    return parse(fileName, text);
  }

  /**
   * Validates YAML text.
   *
   * @param fileName the name errors are reported under
   * @param yamlText the whole document
   */
  public static LoadResult parse(String fileName, String yamlText) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(yamlText, "yamlText");
    String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText;
    Optional<Node> root;
    try {
      root = compose(fileName, text);
    } catch (MarkedYamlEngineException e) {
      return syntaxError(fileName, e);
    } catch (ReaderException e) {
      int[] at = position(text, e.getPosition());
      return failed(
          fileName,
          at[0],
          at[1],
          String.format(
              "YAML syntax error: special character U+%04X is not allowed", e.getCodePoint()));
    } catch (YamlEngineException e) {
      return failed(fileName, 1, 1, "YAML error: " + firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      // The composer recurses once per nesting level; no real perimeter nests this deep.
      return failed(fileName, 1, 1, "YAML document is nested too deeply");
    }
    if (root.isEmpty()) {
      return failed(
          fileName, 1, 1, "file is empty, expected classification, apps and integrations");
    }
    Problems problems = new Problems(fileName, text);
    Optional<Perimeter> perimeter;
    try {
      perimeter = new PerimeterReader(problems).read(root.get());
    } catch (RuntimeException e) {
      // A bug here must not take down a reload; it still refuses the file, loudly.
      problems.atPosition(1, 1, "internal error while validating: " + e);
      perimeter = Optional.empty();
    }
    if (perimeter.isEmpty() || !problems.isEmpty()) {
      if (problems.isEmpty()) {
        problems.atPosition(1, 1, "internal error: no perimeter and no error");
      }
      return new LoadResult(null, problems.sorted());
    }
    return new LoadResult(perimeter.get(), List.of());
  }

  private static Optional<Node> compose(String fileName, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(fileName)
            .setSchema(new CoreSchema())
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .setUseMarks(true)
            .build();
    return new Compose(settings).composeString(text);
  }

  private static LoadResult syntaxError(String fileName, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    int line = mark.map(m -> m.getLine() + 1).orElse(1);
    int column = mark.map(m -> m.getColumn() + 1).orElse(1);
    String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
    String context =
        e.getContext() == null || e.getContext().isBlank()
            ? ""
            : " (" + e.getContext().strip() + ")";
    return failed(fileName, line, column, "YAML syntax error: " + problem.strip() + context);
  }

  /** 1-based line and column of a code point index, counting the line breaks YAML counts. */
  private static int[] position(String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n' || (cp == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
        line++;
        column = 1;
      } else if (cp != '\r') {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static LoadResult failed(String fileName, int line, int column, String message) {
    return new LoadResult(null, List.of(new ConfigError(fileName, line, column, message)));
  }
}
