-- PostgreSQL: the same tables, keys and indexes as ../0006_period_counts.sql (see there), the fill of
-- an existing store, and the three triggers as PL/pgSQL functions running the same statements.
-- Text compares by code point (COLLATE "C"), as in SQLite, so that date bounds such as '2024-06~' and
-- keyset cursors compare as there. The indexes' columns sort NULLs first, the order SQLite gives
-- and the one every translated ORDER BY asks for (warta.store.postgres), so that a page or a first
-- and last event is read in index order, forwards or backwards, rather than sorted.
CREATE TABLE period_levels (
    plen INTEGER PRIMARY KEY                      -- a date prefix length: 0 (undated), 4, 7, 10
);
INSERT INTO period_levels (plen) VALUES (0), (4), (7), (10);

CREATE TABLE dyad_counts (
    source_actor  TEXT COLLATE "C" NOT NULL,
    target_actor  TEXT COLLATE "C" NOT NULL,
    plen          INTEGER NOT NULL,
    period        TEXT COLLATE "C" NOT NULL,
    date_len      INTEGER NOT NULL,
    cameo         TEXT COLLATE "C" NOT NULL,
    cameo_root    TEXT COLLATE "C" NOT NULL,
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo)
);

CREATE TABLE actor_counts (
    actor         TEXT COLLATE "C" NOT NULL,
    plen          INTEGER NOT NULL,
    period        TEXT COLLATE "C" NOT NULL,
    date_len      INTEGER NOT NULL,
    cameo         TEXT COLLATE "C" NOT NULL,
    cameo_root    TEXT COLLATE "C" NOT NULL,
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (actor, plen, period, cameo_root, quad_class, date_len, cameo)
);

INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root, quad_class, events,
                         goldstein_sum)
SELECT c.source_actor, c.target_actor, l.plen, substr(coalesce(c.date, ''), 1, l.plen), length(coalesce(c.date, '')),
       c.cameo, c.cameo_root, c.quad_class, count(*), sum(coalesce(c.goldstein, 0))
  FROM canonical_events c
  JOIN period_levels l ON l.plen <= length(coalesce(c.date, '')) AND (l.plen > 0 OR coalesce(c.date, '') = '')
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events, goldstein_sum)
SELECT s.actor, l.plen, substr(coalesce(s.date, ''), 1, l.plen), length(coalesce(s.date, '')),
       s.cameo, s.cameo_root, s.quad_class, count(*), sum(coalesce(s.goldstein, 0))
  FROM (SELECT source_actor AS actor, date, cameo, cameo_root, quad_class, goldstein FROM canonical_events
        UNION ALL
        SELECT target_actor, date, cameo, cameo_root, quad_class, goldstein FROM canonical_events
         WHERE target_actor <> source_actor) s
  JOIN period_levels l ON l.plen <= length(coalesce(s.date, '')) AND (l.plen > 0 OR coalesce(s.date, '') = '')
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- The triggers (see ../0006_period_counts.sql): a fused event inserted adds 1 to its rows, one deleted
-- takes 1 away, one updated does both.
CREATE FUNCTION warta_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root, quad_class,
                             events, goldstein_sum)
    SELECT NEW.source_actor, NEW.target_actor, l.plen, substr(coalesce(NEW.date, ''), 1, l.plen),
           length(coalesce(NEW.date, '')), NEW.cameo, NEW.cameo_root, NEW.quad_class, 1, coalesce(NEW.goldstein, 0)
      FROM period_levels l
     WHERE l.plen <= length(coalesce(NEW.date, '')) AND (l.plen > 0 OR coalesce(NEW.date, '') = '')
    ON CONFLICT (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = dyad_counts.events + excluded.events,
           goldstein_sum = dyad_counts.goldstein_sum + excluded.goldstein_sum;
    INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events, goldstein_sum)
    SELECT s.actor, l.plen, substr(coalesce(NEW.date, ''), 1, l.plen), length(coalesce(NEW.date, '')), NEW.cameo,
           NEW.cameo_root, NEW.quad_class, 1, coalesce(NEW.goldstein, 0)
      FROM period_levels l, (SELECT NEW.source_actor AS actor UNION SELECT NEW.target_actor) s
     WHERE l.plen <= length(coalesce(NEW.date, '')) AND (l.plen > 0 OR coalesce(NEW.date, '') = '')
    ON CONFLICT (actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = actor_counts.events + excluded.events,
           goldstein_sum = actor_counts.goldstein_sum + excluded.goldstein_sum;
    RETURN NULL;
END
$$;

CREATE FUNCTION warta_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root, quad_class,
                             events, goldstein_sum)
    SELECT OLD.source_actor, OLD.target_actor, l.plen, substr(coalesce(OLD.date, ''), 1, l.plen),
           length(coalesce(OLD.date, '')), OLD.cameo, OLD.cameo_root, OLD.quad_class, -1, -coalesce(OLD.goldstein, 0)
      FROM period_levels l
     WHERE l.plen <= length(coalesce(OLD.date, '')) AND (l.plen > 0 OR coalesce(OLD.date, '') = '')
    ON CONFLICT (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = dyad_counts.events + excluded.events,
           goldstein_sum = dyad_counts.goldstein_sum + excluded.goldstein_sum;
    INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events, goldstein_sum)
    SELECT s.actor, l.plen, substr(coalesce(OLD.date, ''), 1, l.plen), length(coalesce(OLD.date, '')), OLD.cameo,
           OLD.cameo_root, OLD.quad_class, -1, -coalesce(OLD.goldstein, 0)
      FROM period_levels l, (SELECT OLD.source_actor AS actor UNION SELECT OLD.target_actor) s
     WHERE l.plen <= length(coalesce(OLD.date, '')) AND (l.plen > 0 OR coalesce(OLD.date, '') = '')
    ON CONFLICT (actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = actor_counts.events + excluded.events,
           goldstein_sum = actor_counts.goldstein_sum + excluded.goldstein_sum;
    RETURN NULL;
END
$$;

CREATE FUNCTION warta_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root, quad_class,
                             events, goldstein_sum)
    SELECT OLD.source_actor, OLD.target_actor, l.plen, substr(coalesce(OLD.date, ''), 1, l.plen),
           length(coalesce(OLD.date, '')), OLD.cameo, OLD.cameo_root, OLD.quad_class, -1, -coalesce(OLD.goldstein, 0)
      FROM period_levels l
     WHERE l.plen <= length(coalesce(OLD.date, '')) AND (l.plen > 0 OR coalesce(OLD.date, '') = '')
    ON CONFLICT (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = dyad_counts.events + excluded.events,
           goldstein_sum = dyad_counts.goldstein_sum + excluded.goldstein_sum;
    INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events, goldstein_sum)
    SELECT s.actor, l.plen, substr(coalesce(OLD.date, ''), 1, l.plen), length(coalesce(OLD.date, '')), OLD.cameo,
           OLD.cameo_root, OLD.quad_class, -1, -coalesce(OLD.goldstein, 0)
      FROM period_levels l, (SELECT OLD.source_actor AS actor UNION SELECT OLD.target_actor) s
     WHERE l.plen <= length(coalesce(OLD.date, '')) AND (l.plen > 0 OR coalesce(OLD.date, '') = '')
    ON CONFLICT (actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = actor_counts.events + excluded.events,
           goldstein_sum = actor_counts.goldstein_sum + excluded.goldstein_sum;
    INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root, quad_class,
                             events, goldstein_sum)
    SELECT NEW.source_actor, NEW.target_actor, l.plen, substr(coalesce(NEW.date, ''), 1, l.plen),
           length(coalesce(NEW.date, '')), NEW.cameo, NEW.cameo_root, NEW.quad_class, 1, coalesce(NEW.goldstein, 0)
      FROM period_levels l
     WHERE l.plen <= length(coalesce(NEW.date, '')) AND (l.plen > 0 OR coalesce(NEW.date, '') = '')
    ON CONFLICT (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = dyad_counts.events + excluded.events,
           goldstein_sum = dyad_counts.goldstein_sum + excluded.goldstein_sum;
    INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events, goldstein_sum)
    SELECT s.actor, l.plen, substr(coalesce(NEW.date, ''), 1, l.plen), length(coalesce(NEW.date, '')), NEW.cameo,
           NEW.cameo_root, NEW.quad_class, 1, coalesce(NEW.goldstein, 0)
      FROM period_levels l, (SELECT NEW.source_actor AS actor UNION SELECT NEW.target_actor) s
     WHERE l.plen <= length(coalesce(NEW.date, '')) AND (l.plen > 0 OR coalesce(NEW.date, '') = '')
    ON CONFLICT (actor, plen, period, cameo_root, quad_class, date_len, cameo) DO UPDATE
       SET events = actor_counts.events + excluded.events,
           goldstein_sum = actor_counts.goldstein_sum + excluded.goldstein_sum;
    RETURN NULL;
END
$$;

CREATE TRIGGER canonical_counts_insert AFTER INSERT ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION warta_counts_add();
CREATE TRIGGER canonical_counts_delete AFTER DELETE ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION warta_counts_remove();
CREATE TRIGGER canonical_counts_update
    AFTER UPDATE OF source_actor, target_actor, cameo, cameo_root, quad_class, goldstein, date ON canonical_events
    FOR EACH ROW EXECUTE FUNCTION warta_counts_move();

-- Indexes in the order the API reads (see ../0006_period_counts.sql), NULLs first.
DROP INDEX events_source;
DROP INDEX events_target;
DROP INDEX events_date;
CREATE INDEX events_source_date ON events (source_actor, date NULLS FIRST, event_id NULLS FIRST, negated, hypothetical);
CREATE INDEX events_target_date ON events (target_actor, date NULLS FIRST, event_id NULLS FIRST, negated, hypothetical);
CREATE INDEX events_dyad_date ON events (source_actor, target_actor, date NULLS FIRST, event_id NULLS FIRST, negated, hypothetical);
CREATE INDEX events_date_id ON events (date NULLS FIRST, event_id NULLS FIRST, negated, hypothetical);
CREATE INDEX canonical_source_date ON canonical_events (source_actor, date NULLS FIRST, canonical_id NULLS FIRST);
CREATE INDEX canonical_target_date ON canonical_events (target_actor, date NULLS FIRST, canonical_id NULLS FIRST);
CREATE INDEX canonical_dyad_date ON canonical_events (source_actor, target_actor, date NULLS FIRST, canonical_id NULLS FIRST);

-- PostgreSQL has no PRAGMA data_version: `warta_changes` is its stand-in (warta.store.db.data_version),
-- a one-row counter that every transaction writing to one of Warta's tables adds 1 to, once, when it
-- first writes (statement-level triggers; a transaction-local setting remembers that it has). The
-- API's read cache is emptied when the counter it reads differs from the one it read before. The
-- counter moves with the writer's commit, never before it, so an answer computed after reading it
-- holds data at least as new.
CREATE TABLE warta_changes (changes BIGINT NOT NULL);
INSERT INTO warta_changes (changes) VALUES (0);
CREATE FUNCTION warta_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('warta.changed', true) IS DISTINCT FROM 'yes' THEN
        UPDATE warta_changes SET changes = changes + 1;
        PERFORM set_config('warta.changed', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['articles', 'dropped_lines', 'article_problems', 'near_duplicates', 'events',
                             'canonical_events', 'recode_pending', 'dyad_counts', 'actor_counts'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION warta_count_change()', t || '_changes', t);
    END LOOP;
END
$$;
