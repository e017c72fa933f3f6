"""The store and the ingest job: re-ingest, near-duplicates, transactions, search, bad batches."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from tests.conftest import DATA, SEEDS, make_article
from warta import errors
from warta.errors import StoreError
from warta.ingest import ingest
from warta.pipeline import process
from warta.store import queries
from warta.store.db import Store
from warta.store.migrations import latest_version, schema_version
from warta.store.postgres import is_postgres


@pytest.fixture
def store(new_db):
    """An empty store, SQLite then PostgreSQL."""
    with Store(new_db("t")) as s:
        yield s


def _counts(store):
    c = store.conn
    fts = "articles WHERE search IS NOT NULL" if is_postgres(c) else "articles_fts"
    return tuple(
        c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("articles", "dropped_lines", "near_duplicates", fts)
    )


def test_store_schema_is_migrated(store):
    assert schema_version(store.conn) == latest_version()


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_refuses_a_non_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a Warta database"):
        Store(path)


def test_store_reingest_adds_nothing(store):
    first = ingest([SEEDS], store)
    before = _counts(store)
    second = ingest([SEEDS], store)
    assert (first.ingested, first.present) == (5, 0)
    assert (second.ingested, second.present) == (0, 5)
    assert _counts(store) == before


def test_store_same_story_two_outlets_is_a_near_duplicate(store, tmp_path):
    body = (SEEDS / "003_623a4fe61b1ac6d9.txt").read_text(encoding="utf-8")
    other = body.replace("PALEMBANG, PALTV.CO.ID,-", "JAKARTA, KOMPAS.com -").replace(
        "BACA JUGA:Jogeti Bae! Grebek Pasar Decolgen Bersama PALTV Kembali Hibur Rakyat Kelurahan Keramasan",
        "",
    )
    other += "\nSeoul belum memberikan keterangan tambahan mengenai langkah berikutnya.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_paltv.txt").write_text(body, encoding="utf-8")
    (tmp_path / "in" / "b_kompas.txt").write_text(other, encoding="utf-8")
    summary = ingest([tmp_path / "in"], store)
    assert (summary.ingested, summary.near_duplicates) == (2, 1)
    (_, first), (_, second) = summary.results
    assert second.status == "near-duplicate" and second.duplicate_of == first.article_id
    assert 0.5 <= second.similarity < 1.0
    rows = queries.list_articles(store.conn)
    assert {r.ref: r.duplicate_of for r in rows} == {"a_paltv": None, "b_kompas": first.article_id}
    assert {r.ref: r.outlet for r in rows} == {"a_paltv": "PALTV", "b_kompas": "Kompas.com"}


def test_a_near_duplicate_of_an_article_another_writer_stored_is_found(store):
    body = (SEEDS / "003_623a4fe61b1ac6d9.txt").read_text(encoding="utf-8")
    other = body.replace("PALEMBANG, PALTV.CO.ID,-", "JAKARTA, KOMPAS.com -") + "\nSeoul belum berkomentar lagi.\n"
    store.add(process(make_article((SEEDS / "000_7b49f35e4ad6d20d.txt").read_text(encoding="utf-8"), ref="x")))
    with Store(store.path) as writer:  # a second writer (another process, say) stores the story
        first = writer.add(process(make_article(body, ref="paltv")))
    second = store.add(process(make_article(other, ref="kompas")))
    assert (second.status, second.duplicate_of) == ("near-duplicate", first.article_id)


def test_store_different_stories_are_not_near_duplicates(store):
    summary = ingest([SEEDS], store)
    assert summary.near_duplicates == 0


def test_store_article_is_all_or_nothing(store, monkeypatch):
    art = process(make_article("Jakarta - Presiden bertemu menteri luar negeri di istana pada Senin pagi."))
    real = store.conn

    class Failing:
        """Lets the article row in, then fails on the dropped lines."""

        def __init__(self, conn):
            self.conn = conn

        def __getattr__(self, name):
            return getattr(self.conn, name)

        def executemany(self, *a):
            raise sqlite3.OperationalError("disk I/O error")

    store.conn = Failing(real)
    with pytest.raises(sqlite3.OperationalError):
        store.add(art)
    store.conn = real
    store.commit()
    assert _counts(store) == (0, 0, 0, 0)
    assert store.add(art).status == "new"


def test_store_full_text_search(store):
    ingest([SEEDS], store)
    hits = queries.search_articles(store.conn, "Zinoviev")
    assert [h.ref for h in hits] == ["003_623a4fe61b1ac6d9"]
    assert "[Zinoviev]" in hits[0].snippet
    assert queries.search_articles(store.conn, 'konsuler "Moskow') != []  # quotes are safe
    assert queries.search_articles(store.conn, "tidakadakatasepertiini") == []


def test_store_show_article(store):
    ingest([SEEDS], store)
    article_id = queries.find_article(store.conn, "001_28770d38e02522de")
    detail = queries.get_article(store.conn, article_id)
    assert detail.row.outlet == "ANTARA" and detail.dateline == "Seoul"
    assert any(d.rule == "related-link" for d in detail.dropped)
    assert queries.find_article(store.conn, str(article_id)) == article_id
    assert queries.find_article(store.conn, "nope") is None


def test_ingest_bad_files_are_skipped_and_the_rest_stored(store, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEEDS / "000_7b49f35e4ad6d20d.txt", batch / "good.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (batch / "cut.html").write_text("<html><body><p>Presiden bertemu", encoding="utf-8")
    (batch / "menu.html").write_text("<html><body><nav>Menu</nav></body></html>", encoding="utf-8")
    (batch / "big.txt").write_text("kata " * 2000, encoding="utf-8")
    rec = {"id": "f1", "text": (SEEDS / "002_796e4c222cf1b5ba.txt").read_text(encoding="utf-8")}
    (batch / "feed.jsonl").write_text(json.dumps(rec) + "\n{broken\n", encoding="utf-8")
    summary = ingest([batch], store, max_bytes=5000)
    assert summary.ingested == 2
    codes = sorted((e.path.split("/")[-1], e.code) for e in summary.skipped)
    assert codes == sorted([
        ("empty.txt", errors.EMPTY), ("binary.txt", errors.BINARY), ("cut.html", errors.TRUNCATED),
        ("menu.html:1" if False else "menu.html", errors.NO_TEXT), ("big.txt", errors.OVERSIZED),
        ("feed.jsonl", errors.BAD_JSON),
    ])  # fmt: skip
    assert not summary.ok


def test_ingest_indosum_sample(store):
    summary = ingest([DATA / "indosum-sample.jsonl"], store)
    assert summary.ingested == 40 and summary.ok
    row = store.conn.execute("SELECT COUNT(*) FROM articles WHERE language = 'id' AND published IS NOT NULL").fetchone()
    assert row[0] == 40
