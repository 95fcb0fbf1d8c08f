-- V4: search analytics hardening: visitor hashes, blocked suggestions, the visitor hash key, retention.
--
-- (V3 is the store's; the numbers are kept in step across branches, and SchemaMigrations applies listed scripts
-- in order of their number.) Every statement is idempotent: see SchemaMigrations for the rules.

-- A keyed hash of the visitor key of a SEARCH event, never the key itself; NULL when unknown (every event
-- recorded before V4), so that such searches never count towards the distinct visitors of a learned query.
ALTER TABLE kb_search_events ADD COLUMN IF NOT EXISTS visitor_hash VARCHAR(64);

-- Suggestions a host blocked: never learned again, also after a restart.
CREATE TABLE IF NOT EXISTS kb_blocked_queries (
    normalized_query VARCHAR(200) ${ascii} PRIMARY KEY,
    blocked_at_micros BIGINT NOT NULL
);

-- The secret that visitor keys are hashed with, created on first use: stable across restarts so that one visitor
-- keeps one hash. A host that wants it outside the database passes its own (KnowledgeBaseBuilder).
CREATE TABLE IF NOT EXISTS kb_analytics_keys (
    name VARCHAR(64) PRIMARY KEY,
    key_hex VARCHAR(256) NOT NULL
);

-- Forgetting a purged article deletes its clicks, picks and links by article id.
CREATE INDEX IF NOT EXISTS kb_search_events_article ON kb_search_events (article_id);
