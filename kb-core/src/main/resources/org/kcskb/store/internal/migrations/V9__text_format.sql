-- V9: the format an article's text is written in (TextFormat: PLAIN or MARKDOWN), per revision. Revisions written
-- before this version are plain text, which the default says.
--
-- Every statement is idempotent: see SchemaMigrations for the rules.
ALTER TABLE kb_revisions ADD COLUMN IF NOT EXISTS text_format VARCHAR(16) DEFAULT 'PLAIN' NOT NULL;
