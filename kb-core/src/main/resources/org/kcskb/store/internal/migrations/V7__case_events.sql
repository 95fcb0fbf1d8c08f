-- V7: case events for content health (KnowledgeBase.caseClosed): one row per closed case, replaced when the case is
-- closed again. linked_articles and captured_articles are encoded lists of article ids (SqlCodec, as tags): the
-- articles linked to the case when it closed, and of those the ones captured while it was open ("new").
-- Article ids are not references: a purged article leaves its id here, and reports skip ids the store no longer
-- holds.
--
-- Every statement is idempotent: see SchemaMigrations for the rules.
CREATE TABLE IF NOT EXISTS kb_case_closures (
    case_id VARCHAR(128) PRIMARY KEY,
    closed_by VARCHAR NOT NULL,
    opened_seconds BIGINT NOT NULL,
    opened_nanos INTEGER NOT NULL,
    closed_seconds BIGINT NOT NULL,
    closed_nanos INTEGER NOT NULL,
    linked_articles VARCHAR NOT NULL,
    captured_articles VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS kb_case_closures_closed ON kb_case_closures (closed_seconds, closed_nanos);
