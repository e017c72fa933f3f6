"""The large benchmark's replay (bench/bench_api_large.py) makes the same store in SQLite and PostgreSQL:
the same events, fused events and period counts, the copies' dates moved alike by both dialects'
date functions, their records rewritten to match."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import sys
from datetime import date, timedelta

from tests.conftest import ROOT, seed_store
from warta.analysis import timeline

sys.path.insert(0, str(ROOT / "bench"))
import bench_api_large as large


def _events(conn) -> list[tuple]:
    rows = conn.execute(
        "SELECT event_id, date, canonical_id, source_actor, cameo, record FROM events ORDER BY event_id"
    )
    return [(*r[:5], json.loads(r[5])) for r in rows.fetchall()]


def _fused(conn) -> list[tuple]:
    return [
        tuple(r)
        for r in conn.execute(
            "SELECT canonical_id, date, first_reported, last_reported, source_actor, target_actor, cameo, num_articles "
            "FROM canonical_events ORDER BY canonical_id"
        ).fetchall()
    ]


def test_the_replay_makes_the_same_store_in_both_dialects(seed_store_template, tmp_path, pg_url):
    from warta.store.db import connect

    corpus = seed_store(seed_store_template, tmp_path, "corpus.db")
    lite = tmp_path / "large.db"
    shutil.copyfile(corpus, lite)
    events, fused, _ = large.replay(lite, 400)
    large.load_postgres(corpus, pg_url)
    assert large.replay_postgres(pg_url, 400)[:2] == (events, fused)
    a, b = connect(lite), connect(pg_url)
    try:
        assert events >= 400 and _events(a) == _events(b)
        assert _fused(a) == _fused(b)
        dated = {r[0]: r[1] for r in _events(a)}
        with contextlib.closing(sqlite3.connect(corpus)) as src:
            base = [r[0] for r in src.execute("SELECT event_id FROM events WHERE date IS NOT NULL")]
            last = events // src.execute("SELECT count(*) FROM events").fetchone()[0] - 1
        assert base and last > 1  # copy k is 3·k days later, at the date's own precision
        for event_id in base:
            d = dated[event_id]
            for k in (1, last):
                day = date.fromisoformat((d + "-01-01")[:10]) + timedelta(days=3 * k)
                assert dated[f"{event_id}-{k}"] == day.isoformat()[: len(d)]
        for actor, other in (("KOR", "RUS"), ("IDN", None)):
            for by in ("month", "year"):
                assert timeline(a, actor, other, by=by, ids=False) == timeline(b, actor, other, by=by, ids=False)
    finally:
        a.close()
        b.close()
