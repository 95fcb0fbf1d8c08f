-- V6: translation links. Articles linked as translations of each other form a group; each member has one row
-- naming its group. group_id is a label (the id of an article that was in the group when it formed, which may
-- since have left), not a reference: readers only compare it. A group of one is no group and has no row.
--
-- Every statement is idempotent: see SchemaMigrations for the rules.
CREATE TABLE IF NOT EXISTS kb_translations (
    article_id VARCHAR(64) ${ascii} PRIMARY KEY REFERENCES kb_articles (id),
    group_id VARCHAR(64) ${ascii} NOT NULL
);
CREATE INDEX IF NOT EXISTS kb_translations_group ON kb_translations (group_id);
