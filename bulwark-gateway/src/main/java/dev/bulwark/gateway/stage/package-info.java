/**
 * The deciding stages of the pipeline, one job each: {@link dev.bulwark.gateway.stage.Normalize}
 * (framing and canonical path), {@link dev.bulwark.gateway.stage.Route} (which app), {@link
 * dev.bulwark.gateway.stage.Authenticate} (who), {@link dev.bulwark.gateway.stage.Authorize} (may
 * they). Broker and Forward live in their own rooms.
 */
package dev.bulwark.gateway.stage;
