/**
 * Runtime state behind small interfaces: integration credentials, the secret vault and the
 * hash-chained audit log, on SQLite (the embedded default) or PostgreSQL.
 *
 * <p>Open one with {@link dev.bulwark.store.Stores#open Stores.open(StoreOptions)}: it pools
 * connections (HikariCP) and migrates the schema with Flyway from {@code db/migration/sqlite} or
 * {@code db/migration/postgresql} (one folder per dialect, same tables). SQLite runs in WAL mode
 * with a busy timeout, foreign keys on, and transactions that take the write lock when they begin.
 * Every time is stored as epoch microseconds in an integer column. On SQLite the audit table has no
 * per-integration index (it cost the audit writer an index page per integration per batch): the
 * filtered "recent events" view walks the table backwards by id.
 *
 * <p><b>Vault.</b> Each secret is encrypted with AES-256-GCM under its own random data key; the
 * data key is wrapped by the {@link dev.bulwark.store.KeyEncryptionKey} with AES-256-GCM. Both take
 * the reference as associated data, so a row moved to another reference fails. A row records the
 * KEK fingerprint, which tells "wrong key" apart from "altered row"; both raise {@link
 * dev.bulwark.store.VaultIntegrityException}, never garbage.
 *
 * <p><b>Audit chain.</b> Each event stores {@code prev_hash} and {@code hash = hex(SHA-256(prev +
 * "\n" + canonical))}, the canonical encoding being the length-prefixed field list documented on
 * {@code AuditChain}. A single head row (last id and hash) is locked by every append ({@code SELECT
 * ... FOR UPDATE} on PostgreSQL, the database write lock on SQLite), so concurrent writers, in one
 * process or several, extend one chain. {@link dev.bulwark.store.AuditLog#verify()} walks the chain
 * in pages and names the first event that was altered, deleted or re-hashed; a truncated tail is
 * caught against the head row. Like any unkeyed chain, it cannot catch someone who rewrites every
 * hash from the point of change and the head row too: export the head hash elsewhere to anchor it.
 */
package dev.bulwark.store;
