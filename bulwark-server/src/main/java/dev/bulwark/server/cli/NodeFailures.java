package dev.bulwark.server.cli;

import dev.bulwark.server.run.NodeStartFailed;

/** Turns a failed node start the user can fix (a port in use) into {@link BadInput}. */
final class NodeFailures {
  private NodeFailures() {}

  static RuntimeException explain(NodeStartFailed e, String portOptions) {
    if (e.portInUse()) {
      return new BadInput(
          "address already in use ("
              + e.getMessage()
              + "): choose other ports with "
              + portOptions);
    }
    return e;
  }
}
