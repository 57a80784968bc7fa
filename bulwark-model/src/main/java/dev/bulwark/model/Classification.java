package dev.bulwark.model;

/** Sensitivity levels, lowest first; a data class sits under exactly one of them. */
public enum Classification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  /** The lower-case name used in perimeter.yaml. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
