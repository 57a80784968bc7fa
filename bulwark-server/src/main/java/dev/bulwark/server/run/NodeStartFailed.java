package dev.bulwark.server.run;

/** A server of the node could not start (port taken, bad certificate...); nothing stays running. */
public final class NodeStartFailed extends RuntimeException {
  public NodeStartFailed(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether the root cause is an address already in use. */
  public boolean portInUse() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }
}
