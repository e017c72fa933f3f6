"""Benchmark: API latency on a store of at least 1,000,000 events, built by replaying coded records.

How the store is made: the corpus is ingested and coded once (about 1,000 events, 770 fused
events); then every event and fused event is copied K times in SQL, copy k moved by k mod 8 years
(so 2018-2025 news spreads over 2010-2033) and k days, with fresh ids, the copies' event records
rewritten to match (``json_set`` of ``event_id``, ``date``), and every copy of an event pointing at
the same copy of its fused event. Articles are not copied (the copies are reports in the same
articles), so per-article views stay small while the event tables, their indexes and the timelines
carry the full load. Then ``bench_api.py`` runs against it with 20 concurrent clients.

    python bench/bench_api_large.py [FEED.jsonl] [--events 1000000] [--requests 500] [--keep DB]
"""

from __future__ import annotations

import math
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import parse_feed

EVENT_COLUMNS = (
    "date_precision, source_actor, source_code, target_actor, target_code, cameo, cameo_root, quad_class, "
    "goldstein, symmetric, negated, hypothetical, modality, sentence_index, sentence, confidence, coder_version"
)
CANONICAL_COLUMNS = (
    "source_actor, target_actor, symmetric, cameo, cameo_root, quad_class, goldstein, date_precision, "
    "first_reported, last_reported, num_mentions, num_articles, num_sources, confidence"
)


def _shift(column: str, k: int) -> str:
    """SQL moving an ISO date prefix (year, month or day) by k mod 8 years and, for days, k days."""
    years = k % 8
    day = f"date({column}, '+{years} years', '+{k % 28} days')"
    month = f"strftime('%Y-%m', {column} || '-01', '+{years} years')"
    year = f"printf('%04d', CAST({column} AS INTEGER) + {years})"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL WHEN length({column}) = 10 THEN {day} "
        f"WHEN length({column}) = 7 THEN {month} ELSE {year} END"
    )


def replay(db: Path, target: int) -> tuple[int, int]:
    """Copy the events and fused events of ``db`` until it holds at least ``target`` events."""
    conn = sqlite3.connect(db)
    base = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    top = conn.execute("SELECT coalesce(max(canonical_id), 0) FROM canonical_events").fetchone()[0]
    copies = max(0, math.ceil(target / max(1, base)) - 1)
    with conn:
        for k in range(1, copies + 1):
            offset = k * (top + 1)
            conn.execute(
                f"""INSERT INTO canonical_events (canonical_id, date, {CANONICAL_COLUMNS})
                    SELECT canonical_id + {offset}, {_shift("date", k)}, {CANONICAL_COLUMNS}
                      FROM canonical_events WHERE canonical_id <= {top}"""
            )
            conn.execute(
                f"""INSERT INTO events (event_id, article_id, date, canonical_id, record, {EVENT_COLUMNS})
                    SELECT event_id || '-{k}', article_id, {_shift("date", k)},
                           CASE WHEN canonical_id IS NULL THEN NULL ELSE canonical_id + {offset} END,
                           json_set(record, '$.event_id', event_id || '-{k}', '$.date', {_shift("date", k)}),
                           {EVENT_COLUMNS}
                      FROM events WHERE instr(event_id, '-') = 0"""
            )
    conn.execute("ANALYZE")
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    fused = conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    conn.close()
    return events, fused


def main() -> int:
    args = parse_feed(
        __doc__,
        [(("--events",), {"type": int, "default": 1_000_000}), (("--requests",), {"type": int, "default": 500}),
         (("--keep",), {"type": Path, "help": "build the store here and keep it"})],
    )  # fmt: skip
    if args is None:
        return 2
    from warta.ingest import ingest
    from warta.store.db import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.keep or Path(tmp) / "large.db"
        t0 = time.perf_counter()
        with Store(db) as store:
            ingest([args.feed], store)
        coded = time.perf_counter() - t0
        t1 = time.perf_counter()
        events, fused = replay(db, args.events)
        replayed = time.perf_counter() - t1
        size = db.stat().st_size / 1e9
        print(
            f"large store       {events:,} events, {fused:,} fused events "
            f"(corpus coded in {coded:.0f} s, replayed in {replayed:.0f} s; {size:.2f} GB)"
        )
        sys.stdout.flush()
        here = Path(__file__).resolve().parent
        run = subprocess.run(
            [sys.executable, str(here / "bench_api.py"), "--db", str(db), "--requests", str(args.requests)], check=False
        )
        return run.returncode


if __name__ == "__main__":
    sys.exit(main())
