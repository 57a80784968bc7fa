/**
 * Route templates: the path shapes an integration may call, parsed and checked once at config load.
 * Matching a request against many templates happens in the gateway's route table, which builds on
 * {@link dev.bulwark.model.route.PathTemplate#segments()}.
 */
package dev.bulwark.model.route;
