-- Scale: pre-aggregated period counts of the fused events, and indexes in the order the API reads.
--
-- `dyad_counts` counts the fused events per directed dyad, `actor_counts` per actor (an event counts
-- for its source and for its target, once when they are the same), by date prefix, CAMEO code, root
-- and QuadClass, with their Goldstein sum. An event dated to the day is counted at three levels
-- (`plen` 4, 7 and 10: its year, month and day prefixes), one dated to the month at two, one dated
-- to the year at one; an undated event at level 0 (period ''). `date_len` is the length of the event's
-- own date (its precision), so that a query at level N reads each event exactly once: the rows of
-- level N, and those of the events dated more coarsely than N at their own level. The key's order lets
-- a timeline group by period, root and QuadClass as it reads. Timelines read these
-- tables (warta.analysis.timeline); warta.store.aggregates.rebuild_period_counts fills them again.
-- The triggers keep them exact through every write to canonical_events (fusion, re-fusion, deletion).
CREATE TABLE period_levels (
    plen INTEGER PRIMARY KEY                      -- a date prefix length: 0 (undated), 4, 7, 10
);
INSERT INTO period_levels (plen) VALUES (0), (4), (7), (10);

CREATE TABLE dyad_counts (
    source_actor  TEXT NOT NULL,
    target_actor  TEXT NOT NULL,
    plen          INTEGER NOT NULL,               -- the level: 0, 4 (year), 7 (month), 10 (day)
    period        TEXT NOT NULL,                  -- the first plen characters of the date
    date_len      INTEGER NOT NULL,               -- the length of the events' own date (0: undated)
    cameo         TEXT NOT NULL,
    cameo_root    TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    PRIMARY KEY (source_actor, target_actor, plen, period, cameo_root, quad_class, date_len, cameo)
) WITHOUT ROWID;

CREATE TABLE actor_counts (
    actor         TEXT NOT NULL,
    plen          INTEGER NOT NULL,
    period        TEXT NOT NULL,
    date_len      INTEGER NOT NULL,
    cameo         TEXT NOT NULL,
    cameo_root    TEXT NOT NULL,
    quad_class    INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    PRIMARY KEY (actor, plen, period, cameo_root, quad_class, date_len, cameo)
) WITHOUT ROWID;

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

-- The triggers: a fused event inserted adds 1 to its rows, one deleted takes 1 away, one updated
-- (a finer date, other actors or code) does both. Rows that fall to 0 stay (readers skip them) until
-- the next rebuild.
CREATE TRIGGER canonical_counts_insert AFTER INSERT ON canonical_events
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
END;

CREATE TRIGGER canonical_counts_delete AFTER DELETE ON canonical_events
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
END;

CREATE TRIGGER canonical_counts_update
AFTER UPDATE OF source_actor, target_actor, cameo, cameo_root, quad_class, goldstein, date ON canonical_events
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
END;

-- Indexes in the order the API reads: an actor's or a dyad's events and fused events by date, with
-- the id that breaks ties (keyset pagination, first and last event), and the flags every list filters
-- on (negated, hypothetical), so that a capped count reads the index alone. They supersede the indexes of
-- 0002 on (source_actor, date), (target_actor, date) and (date).
DROP INDEX events_source;
DROP INDEX events_target;
DROP INDEX events_date;
CREATE INDEX events_source_date ON events (source_actor, date, event_id, negated, hypothetical);
CREATE INDEX events_target_date ON events (target_actor, date, event_id, negated, hypothetical);
CREATE INDEX events_dyad_date ON events (source_actor, target_actor, date, event_id, negated, hypothetical);
CREATE INDEX events_date_id ON events (date, event_id, negated, hypothetical);
CREATE INDEX canonical_source_date ON canonical_events (source_actor, date, canonical_id);
CREATE INDEX canonical_target_date ON canonical_events (target_actor, date, canonical_id);
CREATE INDEX canonical_dyad_date ON canonical_events (source_actor, target_actor, date, canonical_id);
