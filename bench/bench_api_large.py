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
from the store), and on, where the same requests are sent a second time ("warm": the steady state of
a dashboard whose views are asked again; each server process keeps its own answers, so some of the
second pass's requests still reach a process that has not computed them).

The same store is built in PostgreSQL and served the same way: the coded corpus is copied into an
empty database (``COPY``; the same rows and ids), then the same copies are made by two ``INSERT …
SELECT … FROM generate_series(1, K)`` statements (PostgreSQL's ``date`` arithmetic and ``to_char``;
the record rewritten with ``jsonb ||``, so its keys come out in jsonb's order), with the indexes and
triggers of the event tables dropped during the copy and made again after it, the period counts
rebuilt, and ``VACUUM ANALYZE``. The database is ``$WARTA_BENCH_PG`` when set (a URL; it must be
empty, or hold a store this script built, recorded in its table ``bench_build``); else, when
``initdb`` and ``pg_ctl`` are installed, a server this script starts itself
(:mod:`warta.store.pg_server`, as the tests do; ``shared_buffers`` 512 MB, no syncing) with its data
kept under the cache folder, keyed on the build (event count, corpus, replay version, the
PostgreSQL migrations' text), so that a second run starts it again on the built store — when the
server runs as ``postgres`` under root and cannot enter root's home folder, under
``/var/tmp/warta-bench`` instead; else the PostgreSQL run is skipped, saying why. At the end, a
summary gives p50/p95 per endpoint for each store, cache off and on, and the load average.

    python bench/bench_api_large.py [FEED.jsonl] [--events 1000000] [--requests 1000] [--rebuild] [--cache DIR]
                                    [--workers 2] [--no-postgres] [--build-only]
"""

from __future__ import annotations

import argparse
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


def _pg_shift(column: str) -> str:
    """``_shift`` in PostgreSQL: date arithmetic on ``date`` values, formatted back by ``to_char``."""
    days = f"copies.k * {DAYS_PER_COPY}"
    return (
        f"CASE WHEN {column} IS NULL THEN NULL WHEN length({column}) = 10 THEN to_char({column}::date + {days}, "
        f"'YYYY-MM-DD') WHEN length({column}) = 7 THEN to_char(({column} || '-01')::date + {days}, 'YYYY-MM') "
        f"WHEN length({column}) = 4 THEN to_char(({column} || '-01-01')::date + {days}, 'YYYY') ELSE {column} END"
    )


def _quoted(columns: str, prefix: str) -> str:
    return ", ".join(f'{prefix}"{c.strip()}"' for c in columns.split(","))


COPIED = ("articles", "dropped_lines", "article_problems", "near_duplicates", "canonical_events", "events")
"""The tables of the coded corpus copied into a PostgreSQL store, in the order their keys need."""


def load_postgres(corpus: Path, url: str) -> None:
    """Copy the coded corpus (a SQLite store) into the empty PostgreSQL database at ``url``, migrated
    first: the same rows and ids (a search column and the period counts are the store's own)."""
    from warta.store.db import connect

    src = sqlite3.connect(corpus)
    conn = connect(url)
    try:
        raw = conn.raw
        conn.execute("BEGIN")
        for table in COPIED:
            names = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            columns = ", ".join(f'"{n}"' for n in names)
            with raw.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(names)} FROM {table}"):
                    copy.write_row(row)  # the triggers fill the period counts as the fused events come
        conn.execute("COMMIT")
    finally:
        conn.close()
        src.close()


def replay_postgres(url: str, target: int) -> tuple[int, int, dict[str, float]]:
    """:func:`replay` in PostgreSQL: the same copies, by ``INSERT … SELECT`` from ``generate_series``,
    with the indexes and triggers of the event tables dropped during the copy and made again after
    it; then the period counts rebuilt, and ``VACUUM ANALYZE`` (statistics, and the visibility map that
    lets an index-only scan skip the table, as autovacuum would set in time)."""
    from warta.store.aggregates import rebuild_period_counts
    from warta.store.db import connect

    conn = connect(url)
    raw = conn.raw
    raw.execute("SET maintenance_work_mem = '1GB'")
    raw.execute("SET work_mem = '256MB'")
    base = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    top = raw.execute("SELECT coalesce(max(canonical_id), 0) FROM canonical_events").fetchone()[0]
    copies = max(0, math.ceil(target / max(1, base)) - 1)
    tables = "('events'::regclass, 'canonical_events'::regclass)"
    indexes = raw.execute(
        f"""SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
             WHERE indrelid IN {tables} AND NOT indisprimary AND NOT indisunique"""
    ).fetchall()
    triggers = raw.execute(
        f"""SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger
             WHERE tgrelid IN {tables} AND NOT tgisinternal"""
    ).fetchall()
    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for name, _ in indexes:
        raw.execute(f"DROP INDEX {name}")
    for name, table, _ in triggers:
        raw.execute(f'DROP TRIGGER "{name}" ON {table}')
    raw.execute("CREATE TEMP TABLE base_canonical AS SELECT * FROM canonical_events")
    raw.execute("CREATE TEMP TABLE base_events AS SELECT * FROM events")
    if copies:
        raw.execute(
            f"""INSERT INTO canonical_events (canonical_id, date, first_reported, last_reported,
                                              {_quoted(CANONICAL_COLUMNS, "")})
                SELECT c.canonical_id + copies.k * {top + 1}, {_pg_shift("c.date")}, {_pg_shift("c.first_reported")},
                       {_pg_shift("c.last_reported")}, {_quoted(CANONICAL_COLUMNS, "c.")}
                  FROM generate_series(1, {copies}) AS copies(k) CROSS JOIN base_canonical c"""
        )
        raw.execute(
            f"""INSERT INTO events (event_id, date, canonical_id, record, {_quoted(EVENT_COLUMNS, "")})
                SELECT e.event_id || '-' || copies.k, {_pg_shift("e.date")}, e.canonical_id + copies.k * {top + 1},
                       (e.record::jsonb || jsonb_build_object('event_id', e.event_id || '-' || copies.k,
                                                              'date', {_pg_shift("e.date")}))::text,
                       {_quoted(EVENT_COLUMNS, "e.")}
                  FROM generate_series(1, {copies}) AS copies(k) CROSS JOIN base_events e"""
        )
    steps["copy"], t0 = time.perf_counter() - t0, time.perf_counter()
    for _, sql in indexes:
        raw.execute(sql)
    for _, _, sql in triggers:
        raw.execute(sql)
    steps["indexes"], t0 = time.perf_counter() - t0, time.perf_counter()
    rebuild_period_counts(conn)
    conn.execute("COMMIT")
    steps["period counts"], t0 = time.perf_counter() - t0, time.perf_counter()
    raw.execute("VACUUM ANALYZE")
    steps["vacuum analyze"] = time.perf_counter() - t0
    events = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    fused = raw.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
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


def _pg_schema() -> str:
    """The fingerprint of the PostgreSQL migrations' text."""
    from importlib import resources

    folder = resources.files("warta.store").joinpath("migrations").joinpath("postgres")
    return _key(*sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".sql")))


def _built(url: str) -> tuple[str, int, int] | None:
    """The build key, events and fused events of a large store this script built at ``url`` (None: not one)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('bench_build') IS NULL").fetchone()[0]:
            return None
        return tuple(conn.execute("SELECT key, events, fused FROM bench_build").fetchone())  # type: ignore[return-value]


def _empty(url: str) -> bool:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return not conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ).fetchone()[0]


def build_postgres(url: str, corpus: Path, events_wanted: int, key: str) -> tuple[int, int, float, dict[str, float]]:
    """Load the coded corpus into the empty database at ``url`` and replay it; records ``key`` and the
    counts in a table ``bench_build`` (read by a later run). Returns events, fused events, seconds, steps."""
    import psycopg

    t0 = time.perf_counter()
    load_postgres(corpus, url)
    loaded = time.perf_counter() - t0
    events, fused, steps = replay_postgres(url, events_wanted)
    steps = {"load corpus": loaded, **steps}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE bench_build (key TEXT, events BIGINT, fused BIGINT)")
        conn.execute("INSERT INTO bench_build VALUES (%s, %s, %s)", (key, events, fused))
    return events, fused, time.perf_counter() - t0, steps


def postgres_store(args: argparse.Namespace, corpus: Path) -> tuple[str | None, str, object | None]:
    """The URL of the large PostgreSQL store (built when needed), a line saying what it is, and the server
    this script started (to stop), or None and why the PostgreSQL run is skipped."""
    try:
        import psycopg
    except ImportError:
        return None, "PostgreSQL run skipped: psycopg is not installed (pip install 'warta[postgres]')", None
    from warta.store import pg_server

    key = _key(corpus.name, args.events, BUILD, _pg_schema())
    given = os.environ.get("WARTA_BENCH_PG")
    server = None
    if given:
        url = given
    elif pg_server.binaries() is None:
        return None, "PostgreSQL run skipped: WARTA_BENCH_PG is not set and initdb/pg_ctl are not installed", None
    else:
        folder = args.cache / f"pg-{args.events}-{key}"
        if not pg_server.reachable(args.cache):  # a server run as `postgres` cannot enter root's home folder
            folder = Path("/var/tmp/warta-bench") / folder.name
        if args.rebuild:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            server = pg_server.start(folder, SERVER_SETTINGS)
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            return None, f"PostgreSQL run skipped: {exc}", None
        url = server.url
    try:
        found = _built(url)
        if found is not None and found[0] == key and not args.rebuild:
            note = f"{found[1]:,} events, {found[2]:,} fused events (cached: {url}"
            note += f", data in {server.folder}; --rebuild to build again)" if server else ")"
            return url, "large store (PostgreSQL) " + note, server
        if server is not None and not _empty(url):  # a build cut short: start again from initdb
            server.stop()
            shutil.rmtree(server.folder / "data")
            server = pg_server.start(server.folder, SERVER_SETTINGS)
            url = server.url
        elif not _empty(url):
            what = "a large store of another build (or --rebuild)" if found else "not an empty database"
            return None, f"PostgreSQL run skipped: WARTA_BENCH_PG={url}: {what}; give an empty database", None
        events, fused, took, steps = build_postgres(url, corpus, args.events, key)
    except psycopg.OperationalError as exc:
        if server is not None:
            server.stop()
        return None, f"PostgreSQL run skipped: {url}: {str(exc).strip().splitlines()[0]}", None
    except BaseException:
        if server is not None:
            server.stop()
        raise
    where = f", data in {server.folder}" if server else ""
    line = (f"large store (PostgreSQL) {events:,} events, {fused:,} fused events built in {took:.0f} s ({url}{where})\n"
            "  build steps     " + ", ".join(f"{k} {v:.0f} s" for k, v in steps.items()))  # fmt: skip
    return url, line, server


def sqlite_store(args: argparse.Namespace, corpus: Path, coded: float | None) -> tuple[Path, str]:
    """The large SQLite store (built when needed) and a line saying what it is."""
    db = args.cache / f"large-{args.events}-{_key(corpus.name, args.events, BUILD, _schema())}.db"
    if db.exists() and not args.rebuild:
        conn = sqlite3.connect(db)
        events, fused = (
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "canonical_events")
        )
        conn.close()
        return (
            db,
            f"large store (SQLite) {events:,} events, {fused:,} fused events (cached: {db}; --rebuild to build again)",
        )
    tmp = db.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    shutil.copyfile(corpus, tmp)
    t0 = time.perf_counter()
    events, fused, steps = replay(tmp, args.events)
    took = time.perf_counter() - t0
    tmp.replace(db)
    size = db.stat().st_size / 1e9
    corpus_note = f"corpus coded in {coded:.0f} s" if coded is not None else "coded corpus cached"
    return db, (
        f"large store (SQLite) {events:,} events, {fused:,} fused events built in {took:.0f} s "
        f"({corpus_note}; {size:.2f} GB: {db})\n  build steps     "
        + ", ".join(f"{k} {v:.0f} s" for k, v in steps.items())
    )


def serve(db: str, args: argparse.Namespace, no_cache: bool) -> tuple[int, dict[str, str]]:
    """Run bench_api.py against ``db``; its exit code and its latency line per endpoint."""
    here = Path(__file__).resolve().parent
    run = subprocess.run(
        [sys.executable, str(here / "bench_api.py"), "--db", db, "--requests", str(args.requests),
         "--clients", str(args.clients), "--workers", str(args.workers), *(["--no-cache"] if no_cache else [])],
        check=False, capture_output=True, text=True,
    )  # fmt: skip
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr[-2000:])
    sys.stdout.flush()
    lines = {}
    for line in run.stdout.splitlines():
        if " p50 " in line:
            name, _, rest = line.partition(" p50 ")
            lines[name.strip()] = "p50 " + rest.split("   max")[0].strip()
    return run.returncode, lines


def warm_page_cache(paths: list[Path]) -> float:
    """Read every file under ``paths`` once (the store's data), so that the first endpoint measured does not
    pay for reading it from disk, which a server that has been serving has in memory; the seconds it took."""
    t0 = time.perf_counter()
    for path in paths:
        for f in [path] if path.is_file() else sorted(x for x in path.rglob("*") if x.is_file()):
            try:
                with f.open("rb") as fh:
                    while fh.read(1 << 22):
                        pass
            except OSError:
                continue  # a file the server removed meanwhile, or one we may not read
    return time.perf_counter() - t0


SERVER_SETTINGS = {"shared_buffers": "512MB", "max_connections": "100"}
"""Settings of the server this script starts: a buffer cache for the large store, left at 128 MB
by initdb; the rest as initdb chose for the machine."""


def main() -> int:
    default_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "warta-bench"
    args = parse_feed(
        __doc__,
        [(("--events",), {"type": int, "default": 1_000_000}), (("--requests",), {"type": int, "default": 1000}),
         (("--clients",), {"type": int, "default": 20}),
         (("--workers",), {"type": int, "default": 2, "help": "server processes (warta serve --workers)"}),
         (("--cache",), {"type": Path, "default": default_cache, "help": "where the built stores are kept"}),
         (("--rebuild",), {"action": "store_true", "help": "build the stores again, even when cached"}),
         (("--no-postgres",), {"action": "store_true", "help": "the SQLite store only"}),
         (("--build-only",), {"action": "store_true", "help": "build (or find) the stores and stop"})],
    )  # fmt: skip
    if args is None:
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    corpus, coded = corpus_store(args.feed, args.cache, args.rebuild)
    db, line = sqlite_store(args, corpus, coded)
    print(line)
    sys.stdout.flush()
    stores: list[tuple[str, str]] = [("SQLite", str(db))]
    server = None
    if args.no_postgres:
        print("PostgreSQL run skipped: --no-postgres")
    else:
        url, line, server = postgres_store(args, corpus)
        print(line)
        if url:
            stores.append(("PostgreSQL", url))
    sys.stdout.flush()
    code = 0
    summary: dict[tuple[str, str], dict[str, str]] = {}
    try:
        if not args.build_only:
            for kind, target in stores:
                folder = getattr(server, "folder", None)
                took = warm_page_cache([db] if kind == "SQLite" else [folder] if folder is not None else [])
                print(f"-- {kind}: its files read once ({took:.1f} s), as a server that has been serving has them")
                for no_cache in (True, False):  # every request computed; then with the server's cache of answers
                    print(f"-- {kind}")
                    rc, lines = serve(target, args, no_cache)
                    code = code or rc
                    summary[(kind, "cache off" if no_cache else "cache on")] = lines
    finally:
        if server is not None:
            server.stop()  # type: ignore[attr-defined]
    if summary:
        print(f"summary           {args.clients} clients, {args.workers} server processes; load average now "
              f"{os.getloadavg()[0]:.2f} (2-core machine figures are noisy)")  # fmt: skip
        for (kind, cache), lines in summary.items():
            for name, figures in lines.items():
                print(f"  {kind:<10} {cache:<9}  {name:<28} {figures}")
    return code


if __name__ == "__main__":
    sys.exit(main())
