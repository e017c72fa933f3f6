-- Coded events: one row an event record (the ontology's shape, kept whole in `record`), with the
-- columns queries filter on. An actor is its state (ISO alpha-3) or, for an organisation, its code.
CREATE TABLE events (
    event_id         TEXT PRIMARY KEY,                -- stable for the same article, sentence, actors, code
    article_id       INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    date             TEXT,                            -- ISO prefix at its precision
    date_precision   TEXT CHECK (date_precision IN ('day', 'month', 'year')),
    source_actor     TEXT NOT NULL,                   -- country or organisation code
    source_code      TEXT,                            -- with the sector: KORGOV
    target_actor     TEXT NOT NULL,
    target_code      TEXT,
    cameo            TEXT NOT NULL,
    cameo_root       TEXT NOT NULL,
    quad_class       INTEGER NOT NULL,                -- common convention (1..4)
    goldstein        REAL,
    symmetric        INTEGER NOT NULL DEFAULT 0,
    negated          INTEGER NOT NULL DEFAULT 0,
    hypothetical     INTEGER NOT NULL DEFAULT 0,
    modality         TEXT,
    sentence_index   INTEGER,
    sentence         TEXT NOT NULL,
    confidence       REAL,
    record           TEXT NOT NULL                    -- the whole event record as JSON
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_source ON events (source_actor, date);
CREATE INDEX events_target ON events (target_actor, date);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_root ON events (cameo_root);
