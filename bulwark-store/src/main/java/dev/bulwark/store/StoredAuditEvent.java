package dev.bulwark.store;

import dev.bulwark.model.AuditEvent;

/**
 * An audit event as chained in the log.
 *
 * @param id position in the chain, from 1
 * @param event what happened
 * @param prevHash hex SHA-256 of the previous event ({@code 64 zeros} for the first)
 * @param hash hex SHA-256 over {@code prevHash} and the canonical encoding of this event
 */
public record StoredAuditEvent(long id, AuditEvent event, String prevHash, String hash) {}
