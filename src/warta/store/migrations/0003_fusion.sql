-- Fusion: the same act reported by many articles is one canonical event; every stored event
-- (one article's report of an act, with its in-article mentions) points to its canonical event.
CREATE TABLE canonical_events (
    canonical_id    INTEGER PRIMARY KEY,
    source_actor    TEXT NOT NULL,
    target_actor    TEXT NOT NULL,
    symmetric       INTEGER NOT NULL DEFAULT 0,
    cameo           TEXT NOT NULL,                  -- the code of the first report
    cameo_root      TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL,
    date            TEXT,                           -- the finest date the reports agree on
    date_precision  TEXT CHECK (date_precision IN ('day', 'month', 'year')),
    first_reported  TEXT,                           -- earliest publication date of a report
    last_reported   TEXT,
    num_mentions    INTEGER NOT NULL DEFAULT 0,     -- sentences reporting it, all articles
    num_articles    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,     -- independent sources (near-duplicates count once)
    confidence      REAL
);
CREATE INDEX canonical_actors ON canonical_events (source_actor, target_actor, cameo_root);
CREATE INDEX canonical_date ON canonical_events (date);

ALTER TABLE events ADD COLUMN canonical_id INTEGER REFERENCES canonical_events (canonical_id);
CREATE INDEX events_canonical ON events (canonical_id);
