-- The coder version that produced each event, and the one that last coded each article (NULL: the
-- article was stored without coding, `warta ingest --no-code`), so `warta recode` can find what an
-- upgrade of Warta has to code again. `recode_pending` holds the articles of an interrupted
-- `warta recode --all` still to do.
ALTER TABLE events ADD COLUMN coder_version TEXT;
UPDATE events SET coder_version = json_extract(record, '$.coder_version') WHERE json_valid(record);

-- Back-fill: an article with events was coded by their version (NULL if they disagree, so that it
-- is coded again). A store written before this migration does not say whether an article without
-- events was coded, so those stay NULL and the next `warta recode` codes them.
ALTER TABLE articles ADD COLUMN coder_version TEXT;
UPDATE articles SET coder_version = (
    SELECT CASE WHEN COUNT(DISTINCT e.coder_version) = 1 AND COUNT(e.coder_version) = COUNT(*)
                THEN MIN(e.coder_version) END
    FROM events e WHERE e.article_id = articles.article_id
);
CREATE INDEX articles_coder_version ON articles (coder_version);

CREATE TABLE recode_pending (
    article_id INTEGER PRIMARY KEY REFERENCES articles (article_id) ON DELETE CASCADE
);
