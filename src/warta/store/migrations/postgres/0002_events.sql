-- PostgreSQL: the same as ../0002_events.sql.
CREATE TABLE events (
    event_id         TEXT COLLATE "C" PRIMARY KEY,    -- stable for the same article, sentence, actors, code
    article_id       BIGINT NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    date             TEXT COLLATE "C",                -- ISO prefix at its precision
    date_precision   TEXT COLLATE "C" CHECK (date_precision IN ('day', 'month', 'year')),
    source_actor     TEXT COLLATE "C" NOT NULL,       -- country or organisation code
    source_code      TEXT COLLATE "C",                -- with the sector: KORGOV
    target_actor     TEXT COLLATE "C" NOT NULL,
    target_code      TEXT COLLATE "C",
    cameo            TEXT COLLATE "C" NOT NULL,
    cameo_root       TEXT COLLATE "C" NOT NULL,
    quad_class       INTEGER NOT NULL,                -- common convention (1..4)
    goldstein        DOUBLE PRECISION,
    "symmetric"      INTEGER NOT NULL DEFAULT 0,
    negated          INTEGER NOT NULL DEFAULT 0,
    hypothetical     INTEGER NOT NULL DEFAULT 0,
    modality         TEXT COLLATE "C",
    sentence_index   INTEGER,
    sentence         TEXT COLLATE "C" NOT NULL,
    confidence       DOUBLE PRECISION,
    record           TEXT COLLATE "C" NOT NULL        -- the whole event record as JSON
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_source ON events (source_actor, date);
CREATE INDEX events_target ON events (target_actor, date);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_root ON events (cameo_root);
