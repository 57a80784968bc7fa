-- Times are epoch microseconds (BIGINT) so that both dialects store identical values.

CREATE TABLE credential (
  id             TEXT    NOT NULL PRIMARY KEY,
  integration_id TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  secret_hash    TEXT    NOT NULL UNIQUE,
  hint           TEXT,
  created_at     BIGINT  NOT NULL,
  expires_at     BIGINT,
  revoked_at     BIGINT
);
CREATE INDEX credential_by_integration ON credential (integration_id, created_at);

-- Envelope-encrypted secrets: data key wrapped by the KEK, both AES-256-GCM bound to ref.
CREATE TABLE secret (
  ref         TEXT    NOT NULL PRIMARY KEY,
  kek_id      TEXT    NOT NULL,
  key_nonce   BYTEA   NOT NULL,
  wrapped_key BYTEA   NOT NULL,
  data_nonce  BYTEA   NOT NULL,
  ciphertext  BYTEA   NOT NULL,
  updated_at  BIGINT  NOT NULL
);

CREATE TABLE audit_event (
  id             BIGINT  NOT NULL PRIMARY KEY,
  time_micros    BIGINT  NOT NULL,
  request_id     TEXT,
  integration    TEXT,
  app            TEXT,
  method         TEXT,
  path           TEXT,
  route_rule     TEXT,
  decision       TEXT    NOT NULL,
  reason         TEXT,
  status         INTEGER NOT NULL,
  bytes_in       BIGINT  NOT NULL,
  bytes_out      BIGINT  NOT NULL,
  latency_micros BIGINT  NOT NULL,
  source_address TEXT,
  findings       TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL
);
CREATE INDEX audit_event_by_integration ON audit_event (integration, id);

-- The single chain head row: appends lock it, so writers cannot fork the chain.
CREATE TABLE audit_head (
  id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  last_id   BIGINT  NOT NULL,
  last_hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
