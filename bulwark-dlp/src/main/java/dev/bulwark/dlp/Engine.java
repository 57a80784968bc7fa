package dev.bulwark.dlp;

/**
 * The candidate-finding engine. AUTO takes Hyperscan when its native library loads and the
 * pure-Java matcher otherwise; both give identical findings. The system property {@code
 * bulwark.dlp.engine} ({@code auto}, {@code hyperscan}, {@code java}) sets the default.
 */
public enum Engine {
  AUTO,
  HYPERSCAN,
  JAVA;

  /** The engine named by the system property {@code bulwark.dlp.engine}, AUTO when unset. */
  public static Engine fromSystemProperty() {
    String v = System.getProperty("bulwark.dlp.engine", "auto").trim();
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "hyperscan" -> HYPERSCAN;
      case "java" -> JAVA;
      case "auto", "" -> AUTO;
      default -> throw new IllegalArgumentException("bulwark.dlp.engine: unknown engine " + v);
    };
  }
}
