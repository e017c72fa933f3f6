-- PostgreSQL: the same tables, columns and indexes as ../0001_articles.sql. Text compares and sorts
-- by code point (COLLATE "C"), as in SQLite; REAL is double precision, as SQLite's. A key left out
-- (or NULL) is one more than the largest in the table, as SQLite's INTEGER PRIMARY KEY does, so both
-- stores number articles and fused events alike. Full-text search is a generated tsvector column
-- with a GIN index instead of an FTS5 table.
CREATE TABLE articles (
    article_id          BIGINT PRIMARY KEY,
    ref                 TEXT COLLATE "C" NOT NULL,  -- feed id, or file base name
    source              TEXT COLLATE "C" NOT NULL,  -- path it was read from (:LINE for feeds)
    format              TEXT COLLATE "C" NOT NULL,  -- text | html | feed | indosum
    url                 TEXT COLLATE "C",
    title               TEXT COLLATE "C",
    outlet              TEXT COLLATE "C",
    outlet_rule         TEXT COLLATE "C",
    dateline            TEXT COLLATE "C",
    published           TEXT COLLATE "C",           -- ISO prefix at its precision
    published_precision TEXT COLLATE "C" CHECK (published_precision IN ('day', 'month', 'year')),
    published_rule      TEXT COLLATE "C",
    language            TEXT COLLATE "C",
    text                TEXT COLLATE "C" NOT NULL,  -- the clean text, one paragraph a line
    paragraphs          TEXT COLLATE "C" NOT NULL,  -- JSON: [[start, end, raw line, is_title], …]
    content_hash        TEXT COLLATE "C" NOT NULL UNIQUE,  -- sha256 of the normalised clean text
    minhash             BYTEA,                      -- MinHash signature (uint64 × num_perm)
    ingested_at         TEXT COLLATE "C" NOT NULL
);
CREATE FUNCTION warta_next_article_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.article_id IS NULL THEN
        NEW.article_id := (SELECT coalesce(max(article_id), 0) + 1 FROM articles);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER articles_next_id BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION warta_next_article_id();
CREATE INDEX articles_ref ON articles (ref);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE dropped_lines (
    article_id BIGINT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    text       TEXT COLLATE "C" NOT NULL,
    rule       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, line_no)
);

CREATE TABLE article_problems (
    article_id BIGINT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    stage      TEXT COLLATE "C" NOT NULL,
    code       TEXT COLLATE "C" NOT NULL,
    message    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE near_duplicates (
    article_id   BIGINT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    duplicate_of BIGINT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    similarity   DOUBLE PRECISION NOT NULL,          -- estimated Jaccard of word 3-grams
    PRIMARY KEY (article_id, duplicate_of)
);

-- Full-text search: the configuration `warta` is the server's `indonesian` one (stemming and
-- stop words), or `simple` on a server without it; titles weigh more than the text.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'warta'
                      AND cfgnamespace = current_schema()::regnamespace) THEN
        IF EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian') THEN
            CREATE TEXT SEARCH CONFIGURATION warta (COPY = pg_catalog.indonesian);
        ELSE
            CREATE TEXT SEARCH CONFIGURATION warta (COPY = pg_catalog.simple);
        END IF;
    END IF;
END
$$;
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('warta', coalesce(title, '')), 'A') || setweight(to_tsvector('warta', text), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING gin (search);
