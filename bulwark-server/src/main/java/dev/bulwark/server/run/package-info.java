/**
 * Wiring of a running perimeter node: config watcher, store, identity services, gateway and admin
 * API, started in that order and closed in reverse.
 */
package dev.bulwark.server.run;
