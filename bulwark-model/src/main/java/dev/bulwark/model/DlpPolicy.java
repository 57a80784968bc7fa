package dev.bulwark.model;

import java.util.Objects;

/**
 * A DLP policy: the rules for bodies going to the app ({@code request}) and coming back ({@code
 * response}). A direction with {@link DlpRules#NONE} is not inspected.
 *
 * @param request rules for request bodies
 * @param response rules for response bodies
 */
public record DlpPolicy(DlpRules request, DlpRules response) {
  /** Inspects nothing. */
  public static final DlpPolicy NONE = new DlpPolicy(DlpRules.NONE, DlpRules.NONE);

  public DlpPolicy {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
  }

  /** The rules of one direction. */
  public DlpRules rules(DlpDirection direction) {
    return direction == DlpDirection.REQUEST ? request : response;
  }
}
