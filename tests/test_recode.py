"""Re-coding stored articles: never-coded articles, older coder versions, idempotence, resuming."""

from __future__ import annotations

import contextlib
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS, UNDO_0006, make_article
from warta.cli import app
from warta.errors import WartaError
from warta.ingest import ingest
from warta.pipeline import Pipeline
from warta.recode import article_from_store, coding_pipeline, compare, plan, recode, version_key
from warta.record import CODER_VERSION
from warta.store.db import Store

OLD = "warta-id-0.1"

# Two outlets reporting an act a seed reports too, so that the store holds a fused event of three reports.
FEED = [
    {
        "id": "antara-kor-rus", "outlet": "ANTARA", "published": "2024-06-21",
        "text": "Korea Selatan Kecam Rusia\nSeoul (ANTARA) - Kementerian Luar Negeri Korea Selatan pada Jumat (21/6) "
        "memanggil Duta Besar Rusia untuk Seoul sebagai bentuk protes atas perjanjian pertahanan Rusia dan Korea "
        "Utara.\n",
    },
    {
        "id": "kompas-kor-rus", "outlet": "Kompas", "published": "2024-06-22",
        "text": "Seoul Panggil Dubes Rusia\nJAKARTA, KOMPAS.com - Korea Selatan memanggil Duta Besar Rusia Georgy "
        "Zinoviev pada Jumat (21/6/2024) untuk memprotes pakta militer Moskow dengan Pyongyang.\n",
    },
]  # fmt: skip


@pytest.fixture
def inputs(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    return [SEEDS, feed]


def _store(path, inputs, code=True) -> Store:
    store = Store(path)
    summary = ingest(inputs, store, code=code)
    assert summary.ok and summary.ingested == 7
    return store


def events_view(conn) -> list[tuple]:
    """Every event row with its article's ref, without the fused event's id."""
    rows = conn.execute(
        """SELECT a.ref, e.event_id, e.date, e.date_precision, e.source_actor, e.source_code, e.target_actor,
                  e.target_code, e.cameo, e.cameo_root, e.quad_class, e.goldstein, e.symmetric, e.negated,
                  e.hypothetical, e.modality, e.sentence_index, e.sentence, e.confidence, e.coder_version, e.record
           FROM events e JOIN articles a USING (article_id) ORDER BY e.event_id"""
    )
    return [tuple(r) for r in rows]


def fused_view(conn) -> list[tuple]:
    """Every fused event as its reports' ids and its columns, whatever its id."""
    out = []
    for c in conn.execute("SELECT * FROM canonical_events"):
        reports = conn.execute(
            "SELECT event_id FROM events WHERE canonical_id = ? ORDER BY event_id", (c["canonical_id"],)
        )
        rest = dict(c)
        del rest["canonical_id"]
        out.append((tuple(r[0] for r in reports), json.dumps(rest, sort_keys=True)))
    return sorted(out)


def check_fusion(conn) -> None:
    """The fused events agree with the events: no dangling link, none empty, counts match reports."""
    dangling = conn.execute(
        "SELECT COUNT(*) FROM events WHERE canonical_id IS NOT NULL "
        "AND canonical_id NOT IN (SELECT canonical_id FROM canonical_events)"
    ).fetchone()[0]
    assert dangling == 0
    unfused = conn.execute(
        "SELECT COUNT(*) FROM events WHERE canonical_id IS NULL AND negated = 0 AND hypothetical = 0"
    ).fetchone()[0]
    assert unfused == 0
    for c in conn.execute("SELECT * FROM canonical_events"):
        reports = conn.execute(
            "SELECT article_id, record FROM events WHERE canonical_id = ?", (c["canonical_id"],)
        ).fetchall()
        assert reports, f"fused event {c['canonical_id']} has no report"
        assert c["num_articles"] == len({r[0] for r in reports})
        assert c["num_mentions"] == sum(max(1, len(json.loads(r[1])["mentions"])) for r in reports)


def test_ingest_records_the_coder_version_per_article_and_event(new_db, tmp_path, inputs):
    with _store(new_db("c"), inputs) as coded, _store(new_db("n"), inputs, code=False) as uncoded:
        versions = {r[0] for r in coded.conn.execute("SELECT coder_version FROM articles")}
        assert versions == {CODER_VERSION}
        assert {r[0] for r in coded.conn.execute("SELECT coder_version FROM events")} == {CODER_VERSION}
        assert {r[0] for r in uncoded.conn.execute("SELECT coder_version FROM articles")} == {None}


def test_an_article_coded_with_no_events_is_not_an_uncoded_one(new_db):
    text = "Jakarta - Harga cabai di pasar tradisional naik pada Senin pagi.\n"
    with Store(new_db("s")) as store:
        coded = store.add(Pipeline()(make_article(text, ref="coded")))
        stored = store.add(Pipeline("clean", "metadata")(make_article(text.replace("cabai", "beras"), ref="not")))
        rows = dict(store.conn.execute("SELECT article_id, coder_version FROM articles").fetchall())
        assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
        assert rows == {coded.article_id: CODER_VERSION, stored.article_id: None}
        assert plan(store).article_ids == (stored.article_id,)


def test_a_stored_article_is_rebuilt_as_the_pipeline_left_it(new_db, tmp_path, inputs):
    with _store(new_db("s"), inputs, code=False) as store:
        for (article_id,) in store.conn.execute("SELECT article_id FROM articles").fetchall():
            art = article_from_store(store.conn, article_id)
            path = SEEDS / f"{art.ref}.txt"
            if not path.exists():
                continue
            original = Pipeline()(make_article(path.read_text(encoding="utf-8"), ref=art.ref))
            assert (art.text, art.paragraphs, art.meta) == (original.text, original.paragraphs, original.meta)
            assert coding_pipeline()(art).events == original.events


def test_recoding_articles_stored_without_coding_equals_a_plain_ingest(new_db, tmp_path, inputs):
    with _store(new_db("coded"), inputs) as coded, _store(new_db("later"), inputs, code=False) as later:
        assert later.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0
        summary = recode(later)
        with_events = coded.conn.execute("SELECT COUNT(DISTINCT article_id) FROM events").fetchone()[0]
        assert (summary.selected, summary.recoded, summary.changed, summary.events_before) == (7, 7, with_events, 0)
        assert summary.events_after == len(events_view(coded.conn)) > 30
        assert events_view(later.conn) == events_view(coded.conn)
        assert fused_view(later.conn) == fused_view(coded.conn)
        assert any(len(reports) > 1 for reports, _ in fused_view(later.conn))
        check_fusion(later.conn)
        assert recode(later).selected == 0  # everything is at the current version now


def test_recode_all_twice_leaves_the_same_events_and_fused_events(new_db, tmp_path, inputs):
    with _store(new_db("s"), inputs) as store:
        events, fused = events_view(store.conn), fused_view(store.conn)
        canonical_ids = store.conn.execute("SELECT event_id, canonical_id FROM events ORDER BY 1").fetchall()
        for _ in range(2):
            summary = recode(store, plan(store, everything=True))
            assert (summary.recoded, summary.changed, len(summary.failed)) == (7, 0, 0)
            assert events_view(store.conn) == events
            assert fused_view(store.conn) == fused
            assert (
                store.conn.execute("SELECT event_id, canonical_id FROM events ORDER BY 1").fetchall() == canonical_ids
            )
        assert store.conn.execute("SELECT COUNT(*) FROM recode_pending").fetchone()[0] == 0


def _set_record(conn, event_id: str, **fields) -> None:
    """Change fields of a stored event record (in Python: the same SQL for both stores)."""
    (record,) = conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
    conn.execute(
        "UPDATE events SET record = ? WHERE event_id = ?", (json.dumps({**json.loads(record), **fields}), event_id)
    )


def _age(conn, version: str = OLD) -> None:
    """Make the store look coded by an older coder."""
    conn.execute("BEGIN")
    conn.execute("UPDATE articles SET coder_version = ?", (version,))
    conn.execute("UPDATE events SET coder_version = ?", (version,))
    for (event_id,) in conn.execute("SELECT event_id FROM events").fetchall():
        _set_record(conn, event_id, coder_version=version)
    conn.execute("COMMIT")


def test_recode_after_an_upgrade_restores_events_and_fusion(new_db, tmp_path, inputs):
    with _store(new_db("s"), inputs) as store:
        c = store.conn
        events, fused = events_view(c), fused_view(c)
        links = dict(c.execute("SELECT event_id, canonical_id FROM events").fetchall())
        _age(c)
        # The old coder got one report of the two-outlet act wrong, missed another event, and found one
        # that is not there (with a fused event of its own).
        (shared,) = [reports for reports, _ in fused if len(reports) > 1]
        wrong = shared[1]
        c.execute("BEGIN")
        c.execute("UPDATE events SET cameo = '173', cameo_root = '17', quad_class = 4 WHERE event_id = ?", (wrong,))
        _set_record(c, wrong, cameo="173", cameo_root="17")
        missed, missed_canonical = c.execute(
            """SELECT e.event_id, e.canonical_id FROM events e JOIN canonical_events f USING (canonical_id)
               WHERE f.num_articles = 1 AND e.article_id != 1 ORDER BY e.event_id DESC LIMIT 1"""
        ).fetchone()
        c.execute("DELETE FROM events WHERE event_id = ?", (missed,))
        c.execute("DELETE FROM canonical_events WHERE canonical_id = ?", (missed_canonical,))
        touched = {r[0] for r in c.execute("SELECT article_id FROM events WHERE event_id = ?", (wrong,))} | {1}
        cur = c.execute(
            """INSERT INTO canonical_events (source_actor, target_actor, cameo, cameo_root, quad_class, num_mentions,
                   num_articles, num_sources) VALUES ('IDN', 'MYS', '190', '19', 4, 1, 1, 1)"""
        )
        c.execute(
            """INSERT INTO events (event_id, article_id, source_actor, target_actor, cameo, cameo_root, quad_class,
                   sentence, record, coder_version, canonical_id)
               VALUES ('bogus', 1, 'IDN', 'MYS', '190', '19', 4, 'x', '{"mentions": [0]}', ?, ?)""",
            (OLD, cur.lastrowid),
        )
        c.execute("COMMIT")
        assert events_view(c) != events

        chosen = plan(store)
        assert len(chosen.article_ids) == 7
        summary = recode(store, chosen)
        assert (summary.recoded, summary.failed) == (7, [])
        assert summary.changed == len(touched) + 1  # and the article of the missed event
        assert events_view(c) == events  # the wrong event is right again, the missed one back, the bogus gone
        assert c.execute("SELECT cameo FROM events WHERE event_id = ?", (wrong,)).fetchone()[0].startswith("11")
        check_fusion(c)
        assert fused_view(c) == fused
        # fused events keep their ids (except the missed event's, deleted with it in the old store)
        now = dict(c.execute("SELECT event_id, canonical_id FROM events").fetchall())
        del now[missed], links[missed]
        assert now == links
        assert c.execute("SELECT COUNT(*) FROM canonical_events WHERE cameo = '190'").fetchone()[0] == 0
        assert {r[0] for r in c.execute("SELECT coder_version FROM articles")} == {CODER_VERSION}
        assert plan(store).article_ids == ()


def test_version_order():
    assert version_key("warta-id-0.2") == ("warta-id", (0, 2))
    assert compare("warta-id-0.10", "warta-id-0.2") == 1  # numbers, not text
    assert compare("warta-id-0.1.5", "warta-id-0.2") == -1
    assert compare("warta-id-0.2", "warta-id-0.2") == 0
    assert compare("other-coder-1.0", "warta-id-0.2") is None
    assert compare("garbage", "warta-id-0.2") is None


def test_which_articles_each_mode_chooses(new_db, tmp_path, inputs):
    with _store(new_db("s"), inputs) as store:
        c = store.conn
        ids = [r[0] for r in c.execute("SELECT article_id FROM articles ORDER BY article_id")]
        current = version_key(CODER_VERSION)
        newer = f"{current[0]}-{current[1][0] + 1}.0"
        versions = ["warta-id-0.0.5", "warta-id-0.1", "warta-id-0.1.5", None, newer, CODER_VERSION, "other-1.0"]
        c.execute("BEGIN")
        for article_id, version in zip(ids, versions, strict=True):
            c.execute("UPDATE articles SET coder_version = ? WHERE article_id = ?", (version, article_id))
        c.execute("COMMIT")
        by = dict(zip(versions, ids, strict=True))
        default = plan(store)
        assert default.article_ids == tuple(by[v] for v in versions if v not in (newer, CODER_VERSION))
        assert default.newer == 1
        assert plan(store, since="0.1").article_ids == (by["warta-id-0.1"], by["warta-id-0.1.5"])
        assert plan(store, since="warta-id-0.1.5").article_ids == (by["warta-id-0.1.5"],)
        assert plan(store, since=CODER_VERSION).article_ids == ()
        for bad, reason in (("9.0", "newer"), ("other-1.0", "not a version"), ("", "not a version")):
            with pytest.raises(WartaError, match=reason):
                plan(store, since=bad)
        with pytest.raises(WartaError, match="cannot be used together"):
            plan(store, since="0.1", everything=True)
        assert plan(store, everything=True).article_ids == tuple(ids)


class Crash(Exception):
    """Stands for the process dying in the middle of an article's transaction."""


class CrashingConnection:
    """The store's connection, dying as the ``nth`` article is about to be marked as recoded."""

    def __init__(self, conn, nth: int) -> None:
        self.conn, self.nth = conn, nth

    def __getattr__(self, name):
        return getattr(self.conn, name)

    def execute(self, sql, *args):
        if sql.startswith("UPDATE articles SET coder_version"):
            self.nth -= 1
            if self.nth == 0:
                raise Crash
        return self.conn.execute(sql, *args)


@pytest.mark.parametrize("everything", [False, True])
def test_an_interrupted_run_loses_nothing_and_resumes(new_db, tmp_path, inputs, everything):
    with _store(new_db("coded"), inputs) as coded:
        events, fused = events_view(coded.conn), fused_view(coded.conn)
    with _store(new_db("s"), inputs, code=False) as store:
        real = store.conn
        chosen = plan(store, everything=everything)
        store.conn = CrashingConnection(real, 3)
        with pytest.raises(Crash):
            recode(store, chosen)
        store.conn = real
        assert not real.in_transaction
        # the two articles before the crash are coded and fused; the third's transaction left nothing
        coded = real.execute("SELECT article_id FROM articles WHERE coder_version IS NOT NULL ORDER BY article_id")
        coded_ids = [r[0] for r in coded]
        assert coded_ids == list(chosen.article_ids[:2])
        assert {r[0] for r in real.execute("SELECT DISTINCT article_id FROM events")} == set(coded_ids)
        check_fusion(real)
        again = plan(store, everything=everything)
        assert again.article_ids == chosen.article_ids[2:]
        assert again.resumed == (5 if everything else 0)
        summary = recode(store, again)
        assert summary.recoded == 5 and summary.ok
        assert events_view(real) == events and fused_view(real) == fused
        assert real.execute("SELECT COUNT(*) FROM recode_pending").fetchone()[0] == 0


def test_an_article_that_fails_is_reported_and_left_as_it_was(new_db, tmp_path, inputs, monkeypatch):
    import warta.recode

    with _store(new_db("s"), inputs) as store:
        _age(store.conn)
        before = events_view(store.conn)
        real = warta.recode.event_rows

        def event_rows(art):
            if art.ref == "kompas-kor-rus":
                raise ValueError("broken")
            return real(art)

        monkeypatch.setattr(warta.recode, "event_rows", event_rows)
        summary = recode(store)
        assert summary.recoded == 6 and not summary.ok
        (failure,) = summary.failed
        assert failure.code == "E900" and "ValueError: broken" in failure.reason
        kept = [r for r in events_view(store.conn) if r[0] == "kompas-kor-rus"]
        assert kept == [r for r in before if r[0] == "kompas-kor-rus"] and kept
        version = store.conn.execute("SELECT coder_version FROM articles WHERE ref = 'kompas-kor-rus'").fetchone()[0]
        assert version == OLD


def test_migration_back_fills_coder_versions(tmp_path, inputs):
    path = tmp_path / "old.db"
    with _store(path, inputs) as store:
        article_without_events = store.add(Pipeline()(make_article("Jakarta - Hujan turun sore ini.\n", ref="rain")))
        events = events_view(store.conn)
    with contextlib.closing(sqlite3.connect(path)) as conn:  # back to the schema before coder versions
        conn.executescript(UNDO_0006)
        conn.executescript(
            """DROP INDEX articles_coder_version; ALTER TABLE articles DROP COLUMN coder_version;
               ALTER TABLE events DROP COLUMN coder_version; DROP TABLE recode_pending;
               ALTER TABLE articles DROP COLUMN published_source; PRAGMA user_version = 3;"""
        )
    with Store(path) as store:
        rows = dict(store.conn.execute("SELECT article_id, coder_version FROM articles").fetchall())
        assert rows.pop(article_without_events.article_id) is None  # not known to have been coded
        assert set(rows.values()) == {CODER_VERSION}
        assert events_view(store.conn) == events
        assert plan(store).article_ids == (article_without_events.article_id,)


runner = CliRunner()


def test_cli_recode(new_db, tmp_path, inputs):
    db = new_db("w")
    _store(db, inputs, code=False).close()
    res = runner.invoke(app, ["recode", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert f"7 articles recoded to {CODER_VERSION} (7 with changed events), 0 failed; events 0 → " in res.output
    assert "fused events 0 → " in res.output
    res = runner.invoke(app, ["recode", "--db", str(db), "--all"])
    assert res.exit_code == 0 and "7 articles recoded" in res.output and "(0 with changed events)" in res.output
    res = runner.invoke(app, ["recode", "--db", str(db)])
    assert "0 articles recoded" in res.output
    res = runner.invoke(app, ["recode", "--db", str(db), "--since", "nonsense"])
    assert res.exit_code == 2 and "--since 'nonsense' is not a version of this coder" in res.output
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["recode", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2 and "no such store" in res.output
