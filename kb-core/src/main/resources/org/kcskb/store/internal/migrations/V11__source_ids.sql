-- V11: source ids of imported articles. A bulk import maps each record's id in the system it came from to the article
-- it created, so that importing the same record again revises that article instead of creating another. One row per
-- imported article; purging the article removes its row (ON DELETE CASCADE), so the store forgets it as it forgets
-- the article. Written in the commit that creates the article; not announced on kb_changes (the revision is).
--
-- Every statement is idempotent: see SchemaMigrations for the rules.
CREATE TABLE IF NOT EXISTS kb_source_ids (
    source_id VARCHAR(256) PRIMARY KEY,
    article_id VARCHAR(64) ${ascii} NOT NULL UNIQUE REFERENCES kb_articles (id) ON DELETE CASCADE
);
