package dev.bulwark.model;

/** Which way a body crosses the perimeter: from the caller to the app, or back. */
public enum DlpDirection {
  REQUEST,
  RESPONSE;

  /** {@code request} or {@code response}, as in perimeter.yaml and {@link FlowFinding}. */
  public String id() {
    return this == REQUEST ? "request" : "response";
  }
}
