-- PostgreSQL: the same as ../0003_fusion.sql; a fused event's id is numbered as an article's (0001).
CREATE TABLE canonical_events (
    canonical_id    BIGINT PRIMARY KEY,
    source_actor    TEXT COLLATE "C" NOT NULL,
    target_actor    TEXT COLLATE "C" NOT NULL,
    "symmetric"     INTEGER NOT NULL DEFAULT 0,
    cameo           TEXT COLLATE "C" NOT NULL,      -- the code of the first report
    cameo_root      TEXT COLLATE "C" NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       DOUBLE PRECISION,
    date            TEXT COLLATE "C",               -- the finest date the reports agree on
    date_precision  TEXT COLLATE "C" CHECK (date_precision IN ('day', 'month', 'year')),
    first_reported  TEXT COLLATE "C",               -- earliest publication date of a report
    last_reported   TEXT COLLATE "C",
    num_mentions    INTEGER NOT NULL DEFAULT 0,     -- sentences reporting it, all articles
    num_articles    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,     -- independent sources (near-duplicates count once)
    confidence      DOUBLE PRECISION
);
CREATE FUNCTION warta_next_canonical_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.canonical_id IS NULL THEN
        NEW.canonical_id := (SELECT coalesce(max(canonical_id), 0) + 1 FROM canonical_events);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER canonical_next_id BEFORE INSERT ON canonical_events FOR EACH ROW
    EXECUTE FUNCTION warta_next_canonical_id();
CREATE INDEX canonical_actors ON canonical_events (source_actor, target_actor, cameo_root);
CREATE INDEX canonical_date ON canonical_events (date);

ALTER TABLE events ADD COLUMN canonical_id BIGINT REFERENCES canonical_events (canonical_id);
CREATE INDEX events_canonical ON events (canonical_id);
