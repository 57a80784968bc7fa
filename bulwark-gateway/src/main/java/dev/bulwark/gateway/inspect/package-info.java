/**
 * The Inspect stage: DLP on request and response bodies by the integration's policy. {@link
 * dev.bulwark.gateway.inspect.BodyInspector} decides, without I/O, what happens to one body (pass,
 * rewrite, block) and what the audit records (class, path, action — never the value); {@link
 * dev.bulwark.gateway.inspect.InspectStage} runs it as a pipeline stage on a buffered request body.
 * The response direction is called by the forwarder once the upstream body is buffered.
 */
package dev.bulwark.gateway.inspect;
