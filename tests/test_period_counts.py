"""Pre-aggregated period counts (migration 0006): timelines read from them equal timelines computed from
the fused events themselves, after ingest, fusion, re-coding and deletion; the migration and the
rebuild fill them as the triggers keep them. Each test runs against SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3

import pytest

from tests.conftest import SEEDS, UNDO_0006
from warta import ontology
from warta.analysis import PERIODS, timeline, timeline_from_events
from warta.fuse import fuse_pending, refuse
from warta.ingest import ingest
from warta.recode import plan, recode
from warta.store.aggregates import rebuild_period_counts
from warta.store.db import Store, connect
from warta.store.migrations import schema_version
from warta.store.postgres import is_url

UNDO_0006_PG = """DROP TRIGGER canonical_counts_insert ON canonical_events;
DROP TRIGGER canonical_counts_delete ON canonical_events; DROP TRIGGER canonical_counts_update ON canonical_events;
DROP FUNCTION warta_counts_add; DROP FUNCTION warta_counts_remove; DROP FUNCTION warta_counts_move;
DROP TABLE dyad_counts; DROP TABLE actor_counts; DROP TABLE period_levels;
DROP FUNCTION warta_count_change CASCADE; DROP TABLE warta_changes;
DROP INDEX events_source_date; DROP INDEX events_target_date; DROP INDEX events_dyad_date; DROP INDEX events_date_id;
DROP INDEX canonical_source_date; DROP INDEX canonical_target_date; DROP INDEX canonical_dyad_date;
CREATE INDEX events_source ON events (source_actor, date); CREATE INDEX events_target ON events (target_actor, date);
CREATE INDEX events_date ON events (date); UPDATE warta_schema SET version = 5;"""
"""UNDO_0006 (tests/conftest.py) for a PostgreSQL store."""

BOUNDS = [(None, None), ("2024-06", None), (None, "2024-06-21"), ("2024", "2024-06"), ("2024-06-22", "2025"),
          ("2023-12-31", "2024-02")]  # fmt: skip

FEED = [
    {"id": "antara-kor-rus", "outlet": "ANTARA", "published": "2024-06-21",
     "text": "Korea Selatan Kecam Rusia\nSeoul (ANTARA) - Kementerian Luar Negeri Korea Selatan pada Jumat (21/6) "
             "memanggil Duta Besar Rusia untuk Seoul sebagai bentuk protes atas perjanjian pertahanan Rusia dan "
             "Korea Utara.\n"},
    {"id": "kompas-kor-rus", "outlet": "Kompas", "published": "2024-06-22",
     "text": "Seoul Panggil Dubes Rusia\nJAKARTA, KOMPAS.com - Korea Selatan memanggil Duta Besar Rusia Georgy "
             "Zinoviev pada Jumat (21/6/2024) untuk memprotes pakta militer Moskow dengan Pyongyang.\n"},
]  # fmt: skip


def mismatches(conn: sqlite3.Connection, periods: tuple[str, ...] = PERIODS) -> list[tuple]:
    """Every actor and dyad (both ways, directed or not), period and date bound whose timeline from the
    period counts differs from the one computed from the fused events; empty when they all agree."""
    actors = [r[0] for r in conn.execute("SELECT source_actor FROM canonical_events UNION SELECT target_actor FROM "
                                         "canonical_events ORDER BY 1")]  # fmt: skip
    bad = []
    for a in actors:
        for b in [None, *actors]:
            for by in periods:
                for date_from, date_to in BOUNDS:
                    for directed in (False, True) if b else (False,):
                        kw = {"by": by, "directed": directed, "date_from": date_from, "date_to": date_to}
                        if timeline(conn, a, b, **kw) != timeline_from_events(conn, a, b, **kw):
                            bad.append((a, b, by, date_from, date_to, directed))
    return bad


def counts(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """The period count rows that are not zero (Goldstein sums rounded)."""
    out = []
    for table in ("dyad_counts", "actor_counts"):
        rows = conn.execute(f"SELECT * FROM {table} WHERE events <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8").fetchall()
        out.append([(*r[:-1], round(r[-1], 6)) for r in rows])
    return out[0], out[1]


def assert_consistent(conn: sqlite3.Connection, periods: tuple[str, ...] = PERIODS) -> None:
    assert mismatches(conn, periods) == []
    kept = counts(conn)
    assert conn.execute("SELECT count(*) FROM dyad_counts WHERE events < 0").fetchone()[0] == 0
    rebuild_period_counts(conn)
    assert counts(conn) == kept  # what the triggers kept is what a rebuild finds


@pytest.fixture
def inputs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    return [SEEDS, feed]


def test_timelines_from_counts_equal_raw_after_ingest_damage_and_recode(new_db, inputs):
    with Store(new_db("s")) as store:
        assert ingest(inputs, store).ok
        c = store.conn
        assert c.execute("SELECT count(*) FROM actor_counts").fetchone()[0] > 0
        assert_consistent(c)
        # an older coder's store: a report coded wrongly, a fused event deleted, a bogus one added
        c.execute("BEGIN")
        c.execute("UPDATE articles SET coder_version = 'warta-id-0.1'")
        c.execute(
            "UPDATE canonical_events SET cameo = '173', cameo_root = '17', quad_class = 4, date = '2024-05' "
            "WHERE canonical_id = (SELECT max(canonical_id) FROM canonical_events WHERE num_articles > 1)"
        )
        victim = c.execute("SELECT min(canonical_id) FROM canonical_events").fetchone()[0]
        c.execute("DELETE FROM events WHERE canonical_id = ?", (victim,))
        c.execute("DELETE FROM canonical_events WHERE canonical_id = ?", (victim,))
        c.execute(
            """INSERT INTO canonical_events (source_actor, target_actor, cameo, cameo_root, quad_class, goldstein, date,
                   num_mentions, num_articles, num_sources)
               VALUES ('IDN', 'MYS', '190', '19', 4, -10, '2024', 1, 1, 1)"""
        )
        c.execute("COMMIT")
        assert_consistent(c)
        before = c.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        summary = recode(store, plan(store))  # deletes and re-inserts events, dissolves and fuses again
        assert summary.recoded == 7 and summary.changed > 0
        assert c.execute("SELECT count(*) FROM canonical_events").fetchone()[0] != before
        assert_consistent(c)


ACTORS = ["IDN", "USA", "CHN", "RUS", "KOR"]
CODES = ["010", "036", "042", "043", "046", "0341", "057", "112", "173", "1711", "190"]


def _date(rnd: random.Random) -> str | None:
    day = f"2024-{rnd.randint(1, 3):02d}-{rnd.randint(1, 28):02d}"
    return rnd.choice([None, day[:4], day[:7], day, day, day])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_follow_fusion_refusion_and_deletion(new_db, seed):
    rnd = random.Random(seed)
    conn = connect(new_db("m"))
    conn.execute("BEGIN")
    for n in range(12):
        conn.execute(
            """INSERT INTO articles (ref, source, format, outlet, published, text, paragraphs, content_hash,
                   ingested_at) VALUES (?, ?, 'feed', ?, ?, '', '[]', ?, '2024-04-01T00:00:00')""",
            (f"a{n}", f"a{n}", rnd.choice(["ANTARA", "Kompas"]), _date(rnd) or "2024-03-15", f"h{n}"),
        )

    def add_events(count: int, prefix: str) -> None:
        for n in range(count):
            code, date = rnd.choice(CODES), _date(rnd)
            conn.execute(
                """INSERT INTO events (event_id, article_id, date, date_precision, source_actor, target_actor, cameo,
                       cameo_root, quad_class, goldstein, symmetric, negated, sentence, confidence, record)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.7, '{"mentions": [0]}')""",
                (f"{prefix}{n}", rnd.randint(1, 12), date, {4: "year", 7: "month", 10: "day"}.get(len(date or "")),
                 rnd.choice(ACTORS), rnd.choice(ACTORS), code, code[:2], ontology.quad_class(code),
                 ontology.goldstein(code), int(rnd.random() < 0.2), int(rnd.random() < 0.1),
                 rnd.choice(["Presiden bertemu menteri luar negeri", "Menteri mengecam serangan militer"])),
            )  # fmt: skip

    add_events(150, "e")
    fuse_pending(conn)  # inserts fused events, refines their dates (updates)
    conn.execute("COMMIT")
    assert_consistent(conn, ("month", "week", "year"))
    conn.execute("BEGIN")  # re-coding: some reports removed, others added, the fused events they left dissolved
    gone = conn.execute("SELECT event_id, canonical_id FROM events WHERE canonical_id IS NOT NULL ORDER BY random() "
                        "LIMIT 30").fetchall()  # fmt: skip
    conn.executemany("DELETE FROM events WHERE event_id = ?", [(e,) for e, _ in gone])
    add_events(40, "r")
    refuse(conn, dict(gone), article_ids=range(1, 13))
    conn.execute("COMMIT")
    assert_consistent(conn, ("day", "quarter", "year"))
    conn.execute("BEGIN")  # deletion: an article's reports and their fused events
    lost = conn.execute("SELECT DISTINCT canonical_id FROM events WHERE article_id = 3 AND canonical_id IS NOT NULL")
    lost = [r[0] for r in lost.fetchall()]
    conn.execute("DELETE FROM articles WHERE article_id = 3")
    conn.executemany(
        "DELETE FROM canonical_events WHERE canonical_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM events WHERE canonical_id = canonical_events.canonical_id)",
        [(c,) for c in lost],
    )
    conn.execute("COMMIT")
    assert_consistent(conn, ("month", "week"))
    conn.close()


def test_migration_fills_the_counts_of_an_older_store(new_db, inputs):
    path = new_db("old")
    with Store(path) as store:
        assert ingest(inputs, store).ok
        expected = counts(store.conn)
        if is_url(path):
            store.conn.raw.execute(UNDO_0006_PG)
    if not is_url(path):
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.executescript(UNDO_0006)
    with Store(path) as store:
        assert schema_version(store.conn) >= 6
        assert counts(store.conn) == expected
        assert mismatches(store.conn, ("month",)) == []


def test_timeline_without_ids_has_the_same_counts(new_db, inputs):
    with Store(new_db("s")) as store:
        assert ingest(inputs, store).ok
        full = timeline(store.conn, "KOR", "RUS", by="month")
        lean = timeline(store.conn, "KOR", "RUS", by="month", ids=False)
    assert full["events"] > 0 and any(p["canonical_ids"] for p in full["periods"])
    assert all(p["canonical_ids"] is None for p in lean["periods"])
    for p in full["periods"] + lean["periods"]:
        p.pop("canonical_ids")
    assert lean == full
