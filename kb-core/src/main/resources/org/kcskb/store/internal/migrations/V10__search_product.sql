-- V10: the product a search was made for (its product environment filter, else the asker's product context), so
-- that the search reports (content gaps, top queries) can be read per product. Searches recorded before this
-- version have none, which the default says; clicks, picks and links never have one.
--
-- Every statement is idempotent: see SchemaMigrations for the rules.
ALTER TABLE kb_search_events ADD COLUMN IF NOT EXISTS product VARCHAR(200) DEFAULT '' NOT NULL;
