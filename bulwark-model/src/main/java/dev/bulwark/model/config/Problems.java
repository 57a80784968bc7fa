package dev.bulwark.model.config;

import dev.bulwark.model.ConfigError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Collects the problems of one file, each placed at a YAML node. SnakeYAML counts lines and columns
 * from 0 (in code points); a {@link ConfigError} counts them from 1.
 */
final class Problems {
  private final String file;
  private final String source;
  private final List<ConfigError> errors = new ArrayList<>();
  private int[] codePoints;

  Problems(String file, String source) {
    this.file = file;
    this.source = source;
  }

  /** A problem with the node as a whole; {@code path} names it ({@code apps[0].baseUrl}). */
  void at(Node node, String path, String message) {
    Mark mark = node.getStartMark().orElse(null);
    if (mark == null) {
      atPosition(1, 1, path + ": " + message);
    } else {
      atPosition(mark.getLine() + 1, mark.getColumn() + 1, path + ": " + message);
    }
  }

  /**
   * A problem at a character of a scalar's value (a template's unclosed brace). The column points
   * at that character when the scalar sits on one line and reads the same in the source as its
   * value (no escapes, no folding); otherwise at the start of the scalar, which is still the right
   * node.
   */
  void atChar(ScalarNode node, int charOffset, String path, String message) {
    Mark mark = node.getStartMark().orElse(null);
    if (mark == null) {
      atPosition(1, 1, path + ": " + message);
      return;
    }
    int column = mark.getColumn();
    String value = node.getValue();
    int quote =
        node.getScalarStyle() == ScalarStyle.SINGLE_QUOTED
                || node.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED
            ? 1
            : 0;
    int offset = Math.max(0, Math.min(charOffset, value.length()));
    if (readsVerbatim(mark.getIndex() + quote, value)) {
      column += quote + value.codePointCount(0, offset);
    }
    atPosition(mark.getLine() + 1, column + 1, path + ": " + message);
  }

  void atPosition(int line, int column, String message) {
    errors.add(new ConfigError(file, Math.max(1, line), Math.max(1, column), message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** All problems, in the order a reader meets them in the file. */
  List<ConfigError> sorted() {
    List<ConfigError> copy = new ArrayList<>(errors);
    copy.sort(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
    return copy;
  }

  private boolean readsVerbatim(int codePointIndex, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return false;
    }
    if (codePoints == null) {
      codePoints = source.codePoints().toArray();
    }
    int[] wanted = value.codePoints().toArray();
    if (codePointIndex < 0 || codePointIndex + wanted.length > codePoints.length) {
      return false;
    }
    for (int i = 0; i < wanted.length; i++) {
      if (codePoints[codePointIndex + i] != wanted[i]) {
        return false;
      }
    }
    return true;
  }
}
