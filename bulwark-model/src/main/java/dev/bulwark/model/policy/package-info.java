/**
 * Policies over single requests: CEL conditions compiled once at config load and evaluated per
 * request against {@link dev.bulwark.model.policy.RequestAttributes}. Evaluation fails closed.
 */
package dev.bulwark.model.policy;
