-- When a credential row last changed (insert or revocation), in epoch microseconds of the writer's
-- wall clock: authenticators poll "changed since" instead of re-reading every cached key.
ALTER TABLE credential ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE credential SET updated_at = created_at;
CREATE INDEX credential_by_update ON credential (updated_at);
