/**
 * The Normalize stage's decision logic: one canonical path per request before any other decision
 * (RFC 3986 §5.2.4 and §6.2), and refusal of anything ambiguous. Pure functions, no Vert.x.
 */
package dev.bulwark.gateway.normalize;
