"""Pre-aggregated period counts of the fused events (tables of migration 0006).

``dyad_counts`` and ``actor_counts`` hold, per directed dyad or per actor, date prefix, CAMEO code
and QuadClass, how many fused events there are and their Goldstein sum; triggers on
``canonical_events`` keep them exact as fusion inserts, updates and deletes fused events. Timelines
(:func:`warta.analysis.timeline`) read them instead of the fused events themselves.
:func:`rebuild_period_counts` fills them again from ``canonical_events``: after a bulk load made
without the triggers, or to drop the rows that fell to zero.
"""

from __future__ import annotations

import sqlite3

_LEVEL_JOIN = (
    "JOIN period_levels l ON l.plen <= length(coalesce(s.date, '')) AND (l.plen > 0 OR coalesce(s.date, '') = '')"
)

FILL_DYADS = f"""INSERT INTO dyad_counts (source_actor, target_actor, plen, period, date_len, cameo, cameo_root,
                                          quad_class, events, goldstein_sum)
SELECT s.source_actor, s.target_actor, l.plen, substr(coalesce(s.date, ''), 1, l.plen), length(coalesce(s.date, '')),
       s.cameo, s.cameo_root, s.quad_class, count(*), sum(coalesce(s.goldstein, 0))
  FROM canonical_events s {_LEVEL_JOIN}
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"""

FILL_ACTORS = f"""INSERT INTO actor_counts (actor, plen, period, date_len, cameo, cameo_root, quad_class, events,
                                            goldstein_sum)
SELECT s.actor, l.plen, substr(coalesce(s.date, ''), 1, l.plen), length(coalesce(s.date, '')),
       s.cameo, s.cameo_root, s.quad_class, count(*), sum(coalesce(s.goldstein, 0))
  FROM (SELECT source_actor AS actor, date, cameo, cameo_root, quad_class, goldstein FROM canonical_events
        UNION ALL
        SELECT target_actor, date, cameo, cameo_root, quad_class, goldstein FROM canonical_events
         WHERE target_actor <> source_actor) s {_LEVEL_JOIN}
 GROUP BY 1, 2, 3, 4, 5, 6, 7"""


def rebuild_period_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """Fill ``dyad_counts`` and ``actor_counts`` again from ``canonical_events``; returns their row counts.

    Runs inside the caller's transaction when there is one, else in its own.
    """
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM dyad_counts")
        conn.execute("DELETE FROM actor_counts")
        conn.execute(FILL_DYADS)
        conn.execute(FILL_ACTORS)
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    dyads = conn.execute("SELECT count(*) FROM dyad_counts").fetchone()[0]
    actors = conn.execute("SELECT count(*) FROM actor_counts").fetchone()[0]
    return int(dyads), int(actors)
