package dev.bulwark.model.route;

/** A path template that does not follow the grammar of {@link PathTemplate}. */
public final class TemplateException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int index;

  /**
   * @param message what is wrong, without the position
   * @param template the template as written
   * @param index 0-based char offset in the template where the problem is
   */
  public TemplateException(String message, String template, int index) {
    super(message + " at index " + index + " of path template \"" + template + "\"");
    this.index = index;
  }

  /** 0-based char offset in the template where the problem is. */
  public int index() {
    return index;
  }
}
