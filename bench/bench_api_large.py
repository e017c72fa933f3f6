"""Benchmark: API latency on a store of at least 1,000,000 events, built by replaying coded records.

How the store is made: the corpus is ingested and coded once (3,423 IndoSum articles: about 1,000
events, 780 fused events; cached, keyed on the feed and the coder version). Then, in one transaction
with the journal and syncing off and every index and trigger of the event tables dropped, every
event and fused event is copied K times by two set-based ``WITH RECURSIVE copies(k) … INSERT … SELECT``
statements (the recursive CTE of copy numbers is standard SQL; the date arithmetic is SQLite's
``date()``): copy k is moved 3·k days later (a month or a year date by as much: 1,000 copies spread
the corpus over eight more years), with fresh ids (``event_id-k``; fused ids shifted by k times the
largest), its event record rewritten to match (``json_set`` of ``event_id`` and ``date``), and every
copy of an event pointing at the same copy of its fused event, whose counts (reports, articles,
sources) and first and last report dates are copied and moved alike. The indexes and triggers are
then created again, the period counts rebuilt from the fused events
(``warta.store.aggregates.rebuild_period_counts``) and the store analysed. Dyads and outlets are
the corpus's: articles are not copied (the copies are further reports in the same articles, so an
article's own event list grows K-fold), and the actors keep their share (Indonesia is in about 80%
of the events). The built store is cached under ``--cache`` (default ``$XDG_CACHE_HOME/warta-bench``
or ``~/.cache/warta-bench``), keyed on the event count, the feed, the migrations' text and the coder
version, so that a second run reuses it; ``--rebuild`` builds it again. Then ``bench_api.py`` runs
against it with 20 concurrent clients and two server processes (``--workers``, one per core of the
development machine), twice: with the server's cache of read answers off (every request computed
from the store) and on.

    python bench/bench_api_large.py [FEED.jsonl] [--events 1000000] [--requests 500] [--rebuild] [--cache DIR]
                                    [--workers 2] [--build-only]
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import parse_feed

BUILD = 3
"""The version of the replay below: a change to it invalidates the cached stores."""
DAYS_PER_COPY = 3
EVENT_COLUMNS = (
    "article_id, date_precision, source_actor, source_code, target_actor, target_code, cameo, cameo_root, quad_class, "
    "goldstein, symmetric, negated, hypothetical, modality, sentence_index, sentence, confidence, coder_version"
)
CANONICAL_COLUMNS = (
    "source_actor, target_actor, symmetric, cameo, cameo_root, quad_class, goldstein, date_precision, "
    "num_mentions, num_articles, num_sources, confidence"
)


def _shift(column: str) -> str:
    """SQL moving an ISO date prefix (year, month or day) ``copies.k`` × DAYS_PER_COPY days later."""
    days = f"'+' || (copies.k * {DAYS_PER_COPY}) || ' days'"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL WHEN length({column}) = 10 THEN date({column}, {days}) "
        f"WHEN length({column}) = 7 THEN strftime('%Y-%m', {column} || '-01', {days}) "
        f"WHEN length({column}) = 4 THEN strftime('%Y', {column} || '-01-01', {days}) ELSE {column} END"
    )


def _copies(n: int) -> str:
    return f"WITH RECURSIVE copies(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM copies WHERE k < {n}) "


def replay(db: Path, target: int) -> tuple[int, int, dict[str, float]]:
    """Copy the events and fused events of ``db`` until it holds at least ``target`` events; returns the
    counts of events and fused events, and the seconds each step took."""
    from warta.store.aggregates import rebuild_period_counts

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")  # 1 GB
    conn.execute("PRAGMA temp_store = MEMORY")
    base = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    top = conn.execute("SELECT coalesce(max(canonical_id), 0) FROM canonical_events").fetchone()[0]
    copies = max(0, math.ceil(target / max(1, base)) - 1)
    saved = conn.execute(
        """SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
           AND tbl_name IN ('events', 'canonical_events')"""
    ).fetchall()
    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for kind, name, _ in saved:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    conn.execute("CREATE TEMP TABLE base_canonical AS SELECT * FROM canonical_events")
    conn.execute("CREATE TEMP TABLE base_events AS SELECT * FROM events")
    if copies:
        conn.execute(
            f"""{_copies(copies)}
                INSERT INTO canonical_events (canonical_id, date, first_reported, last_reported, {CANONICAL_COLUMNS})
                SELECT c.canonical_id + copies.k * {top + 1}, {_shift("c.date")}, {_shift("c.first_reported")},
                       {_shift("c.last_reported")}, {", ".join("c." + x.strip() for x in CANONICAL_COLUMNS.split(","))}
                  FROM copies CROSS JOIN base_canonical c"""
        )
        conn.execute(
            f"""{_copies(copies)}
                INSERT INTO events (event_id, date, canonical_id, record, {EVENT_COLUMNS})
                SELECT e.event_id || '-' || copies.k, {_shift("e.date")},
                       e.canonical_id + copies.k * {top + 1},
                       json_set(e.record, '$.event_id', e.event_id || '-' || copies.k, '$.date', {_shift("e.date")}),
                       {", ".join("e." + x.strip() for x in EVENT_COLUMNS.split(","))}
                  FROM copies CROSS JOIN base_events e"""
        )
    steps["copy"], t0 = time.perf_counter() - t0, time.perf_counter()
    for _, _, sql in saved:
        conn.execute(sql)
    steps["indexes"], t0 = time.perf_counter() - t0, time.perf_counter()
    rebuild_period_counts(conn)
    conn.execute("COMMIT")
    steps["period counts"], t0 = time.perf_counter() - t0, time.perf_counter()
    conn.execute("PRAGMA analysis_limit = 1000")  # statistics from a sample of each index: seconds, not minutes
    conn.execute("ANALYZE")
    steps["analyze"] = time.perf_counter() - t0
    conn.execute("PRAGMA journal_mode = WAL")
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    fused = conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    conn.close()
    return events, fused, steps


def _key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:12]


def _schema() -> str:
    """The schema's fingerprint: the text of every migration (a changed index makes a new store)."""
    from importlib import resources

    folder = resources.files("warta.store").joinpath("migrations")
    texts = sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".sql"))
    return _key(*texts)


def corpus_store(feed: Path, cache: Path, rebuild: bool) -> tuple[Path, float | None]:
    """The corpus ingested and coded into a store (cached); the seconds it took, None when cached."""
    from warta.ingest import ingest
    from warta.record import CODER_VERSION
    from warta.store.db import Store

    stat = feed.stat()
    path = cache / f"corpus-{_key(str(feed.resolve()), stat.st_size, stat.st_mtime, CODER_VERSION, _schema())}.db"
    if path.exists() and not rebuild:
        return path, None
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    with Store(tmp) as store:
        ingest([feed], store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.replace(path)
    return path, time.perf_counter() - t0


def main() -> int:
    default_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "warta-bench"
    args = parse_feed(
        __doc__,
        [(("--events",), {"type": int, "default": 1_000_000}), (("--requests",), {"type": int, "default": 500}),
         (("--clients",), {"type": int, "default": 20}),
         (("--workers",), {"type": int, "default": 2, "help": "server processes (warta serve --workers)"}),
         (("--cache",), {"type": Path, "default": default_cache, "help": "where the built stores are kept"}),
         (("--rebuild",), {"action": "store_true", "help": "build the stores again, even when cached"}),
         (("--build-only",), {"action": "store_true", "help": "build (or find) the store and stop"})],
    )  # fmt: skip
    if args is None:
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    corpus, coded = corpus_store(args.feed, args.cache, args.rebuild)
    db = args.cache / f"large-{args.events}-{_key(corpus.name, args.events, BUILD, _schema())}.db"
    if db.exists() and not args.rebuild:
        conn = sqlite3.connect(db)
        events, fused = (
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "canonical_events")
        )
        conn.close()
        print(f"large store       {events:,} events, {fused:,} fused events (cached: {db}; --rebuild to build again)")
    else:
        tmp = db.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        shutil.copyfile(corpus, tmp)
        t0 = time.perf_counter()
        events, fused, steps = replay(tmp, args.events)
        took = time.perf_counter() - t0
        tmp.replace(db)
        size = db.stat().st_size / 1e9
        corpus_note = f"corpus coded in {coded:.0f} s" if coded is not None else "coded corpus cached"
        print(
            f"large store       {events:,} events, {fused:,} fused events built in {took:.0f} s "
            f"({corpus_note}; {size:.2f} GB: {db})"
        )
        print("  build steps     " + ", ".join(f"{k} {v:.0f} s" for k, v in steps.items()))
    sys.stdout.flush()
    if args.build_only:
        return 0
    here = Path(__file__).resolve().parent
    code = 0
    for extra in (["--no-cache"], []):  # every request computed; then with the server's cache of answers
        run = subprocess.run(
            [sys.executable, str(here / "bench_api.py"), "--db", str(db), "--requests", str(args.requests),
             "--clients", str(args.clients), "--workers", str(args.workers), *extra],
            check=False,
        )  # fmt: skip
        code = code or run.returncode
    return code


if __name__ == "__main__":
    sys.exit(main())
