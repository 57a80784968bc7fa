-- The (integration, id) index made every audit batch dirty one index page per distinct integration
-- (up to one per event with thousands of integrations), all rewritten to the WAL on commit: it
-- doubled the audit writer's CPU per request. The per-integration "recent events" view now walks
-- the table backwards by id instead (fast for active integrations, a scan for rare ones).
DROP INDEX IF EXISTS audit_event_by_integration;
