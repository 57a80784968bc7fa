/**
 * The gateway's side of the audit trail: {@link dev.bulwark.gateway.audit.AuditSink} batches one
 * event per request off the event loops into the store's hash-chained {@code AuditLog}.
 */
package dev.bulwark.gateway.audit;
