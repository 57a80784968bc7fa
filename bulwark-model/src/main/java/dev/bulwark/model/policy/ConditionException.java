package dev.bulwark.model.policy;

/**
 * A CEL condition that does not parse, does not type-check, or is not of type bool. The message
 * carries CEL's own explanation with a caret under the position.
 */
public final class ConditionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  /**
   * @param message CEL's error text
   * @param line 1-based line in the expression, or -1 when CEL gave none
   * @param column 1-based column in that line, or -1 when CEL gave none
   */
  public ConditionException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the first error in the expression, or -1 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the first error in its line, or -1 when unknown. */
  public int column() {
    return column;
  }
}
