-- V12: the product of each article's head revision beside the article, indexed, so that a listing of one product
-- (browse, work queues) reads that product's articles only instead of matching every head's encoded environment
-- (kb_revisions.environment_attributes, one "key=value" line per attribute, see SqlCodec) with LIKE. The value is the
-- product line's value as encoded there (backslash and line feed escaped); NULL when the head names no product or when
-- the encoded value is longer than 200 characters (a listing of such a product matches the lines instead). Written
-- with the head by every commit that appends a revision (JdbcCommit); filled here for the existing articles.
--
-- The fill finds the line "product=..." in the attributes framed by line feeds, with functions H2 2.x and PostgreSQL
-- both have (CHR, CONCAT, POSITION, SUBSTRING, LENGTH). Every statement is idempotent: see SchemaMigrations.
ALTER TABLE kb_articles ADD COLUMN IF NOT EXISTS product VARCHAR(200);
CREATE INDEX IF NOT EXISTS kb_articles_product ON kb_articles (product);
UPDATE kb_articles SET product = (
    SELECT CASE
        WHEN POSITION(CONCAT(CHR(10), 'product=') IN CONCAT(CHR(10), r.environment_attributes, CHR(10))) = 0 THEN NULL
        WHEN LENGTH(SUBSTRING(CONCAT(CHR(10), r.environment_attributes, CHR(10)) FROM POSITION(CONCAT(CHR(10), 'product=') IN CONCAT(CHR(10), r.environment_attributes, CHR(10))) + 9 FOR POSITION(CHR(10) IN SUBSTRING(CONCAT(CHR(10), r.environment_attributes, CHR(10)) FROM POSITION(CONCAT(CHR(10), 'product=') IN CONCAT(CHR(10), r.environment_attributes, CHR(10))) + 9)) - 1)) > 200 THEN NULL
        ELSE SUBSTRING(CONCAT(CHR(10), r.environment_attributes, CHR(10)) FROM POSITION(CONCAT(CHR(10), 'product=') IN CONCAT(CHR(10), r.environment_attributes, CHR(10))) + 9 FOR POSITION(CHR(10) IN SUBSTRING(CONCAT(CHR(10), r.environment_attributes, CHR(10)) FROM POSITION(CONCAT(CHR(10), 'product=') IN CONCAT(CHR(10), r.environment_attributes, CHR(10))) + 9)) - 1)
        END
    FROM kb_revisions r
    WHERE r.article_id = kb_articles.id AND r.number = kb_articles.head);
