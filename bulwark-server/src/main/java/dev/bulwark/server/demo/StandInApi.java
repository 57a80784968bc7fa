package dev.bulwark.server.demo;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * What one vendor's stand-in answers: a few of the vendor's real endpoint paths with bodies shaped
 * as its public API reference shows, and the vendor's own reply to a bad credential.
 */
public interface StandInApi {
  /** The app id in perimeter.yaml this stand-in serves (salesforce, hubspot...). */
  String appId();

  /** Mounts the vendor's endpoints; the credential check has already passed when they run. */
  void mount(Router router);

  /** HTTP status the vendor returns for a missing or wrong credential. */
  default int unauthorizedStatus() {
    return 401;
  }

  /** The vendor's body for a missing or wrong credential; never echoes what was presented. */
  JsonObject unauthorizedBody();
}
