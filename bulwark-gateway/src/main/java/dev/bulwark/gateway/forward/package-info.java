/**
 * Forwarding to the SaaS: the {@link dev.bulwark.gateway.forward.Forwarder} stage (pooled
 * keep-alive client, verified TLS, timeouts, hop-by-hop and caller-credential stripping), the
 * {@link dev.bulwark.gateway.forward.ResponseRelay} that pipes the answer back, and request ids.
 */
package dev.bulwark.gateway.forward;
