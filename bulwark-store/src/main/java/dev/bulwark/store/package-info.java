/**
 * Runtime state behind small interfaces: integration credentials, the secret vault and the
 * hash-chained audit log, on SQLite (the embedded default) or PostgreSQL.
 */
package dev.bulwark.store;
