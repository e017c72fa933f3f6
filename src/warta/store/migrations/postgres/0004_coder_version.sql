-- PostgreSQL: the same as ../0004_coder_version.sql (see there).
ALTER TABLE events ADD COLUMN coder_version TEXT COLLATE "C";
UPDATE events SET coder_version = record::jsonb ->> 'coder_version';  -- records are always JSON objects

ALTER TABLE articles ADD COLUMN coder_version TEXT COLLATE "C";
UPDATE articles SET coder_version = (
    SELECT CASE WHEN COUNT(DISTINCT e.coder_version) = 1 AND COUNT(e.coder_version) = COUNT(*)
                THEN MIN(e.coder_version) END
    FROM events e WHERE e.article_id = articles.article_id
);
CREATE INDEX articles_coder_version ON articles (coder_version);

CREATE TABLE recode_pending (
    article_id BIGINT PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE
);
