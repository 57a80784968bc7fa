package dev.bulwark.model;

/** One problem in a config file, located to the character. Lines and columns count from 1. */
public record ConfigError(String file, int line, int column, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
