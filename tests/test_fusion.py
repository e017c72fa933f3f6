"""Fusion across articles: one canonical event per act, with every report."""

from __future__ import annotations

import json

import pytest

from tests.conftest import make_article
from warta.article import Given
from warta.pipeline import Pipeline
from warta.store.db import Store

PIPE = Pipeline(on_error="raise")

ANTARA = (
    "Korea Selatan Kecam Rusia\n"
    "Seoul (ANTARA) - Kementerian Luar Negeri Korea Selatan pada Jumat (21/6) memanggil Duta Besar Rusia "
    "untuk Seoul sebagai bentuk protes atas perjanjian pertahanan Rusia dan Korea Utara.\n"
)
KOMPAS = (
    "Seoul Panggil Dubes Rusia\n"
    "JAKARTA, KOMPAS.com - Korea Selatan memanggil Duta Besar Rusia Georgy Zinoviev pada Jumat (21/6/2024) "
    "untuk memprotes pakta militer Moskow dengan Pyongyang.\n"
)
LATER = (
    "Korea Selatan Kembali Panggil Dubes Rusia\n"
    "Seoul (ANTARA) - Kementerian Luar Negeri Korea Selatan pada Kamis (12/9) memanggil Duta Besar Rusia "
    "untuk memprotes latihan militer di dekat perbatasan.\n"
)


def coded(text: str, ref: str, published: str, outlet: str | None = None):
    given = Given(published=published, published_precision="day", outlet=outlet)
    return PIPE(make_article(text, ref=ref, given=given))


def canon(store: Store) -> list[dict]:
    return [dict(r) for r in store.conn.execute("SELECT * FROM canonical_events ORDER BY canonical_id")]


@pytest.fixture()
def store(new_db):
    """An empty store, SQLite then PostgreSQL."""
    with Store(new_db("f")) as s:
        yield s


def test_two_outlets_are_one_event_with_two_sources(store):
    store.add(coded(ANTARA, "antara-1", "2024-06-21", "ANTARA"))
    store.add(coded(KOMPAS, "kompas-1", "2024-06-22", "Kompas"))
    rows = [c for c in canon(store) if c["cameo_root"] == "11"]
    assert len(rows) == 1
    c = rows[0]
    assert (c["source_actor"], c["target_actor"], c["date"]) == ("KOR", "RUS", "2024-06-21")
    assert (c["num_articles"], c["num_sources"]) == (2, 2)
    assert (c["first_reported"], c["last_reported"]) == ("2024-06-21", "2024-06-22")
    single = coded(ANTARA, "x", "2024-06-21")
    assert c["confidence"] > max(e.source.key is not None and 0.0 for e in single.events)
    mentions = store.conn.execute("SELECT count(*) FROM events WHERE canonical_id = ?", (c["canonical_id"],))
    assert mentions.fetchone()[0] == 2


def test_headline_lede_and_body_are_one_event(store):
    text = (
        "Korea Selatan Panggil Duta Besar Rusia\n"
        "Seoul (ANTARA) - Korea Selatan memanggil Duta Besar Rusia pada Jumat (21/6).\n"
        "Pemanggilan itu dilakukan setelah Kementerian Luar Negeri Korea Selatan memanggil Duta Besar Rusia "
        "untuk kedua kalinya.\n"
    )
    art = coded(text, "one", "2024-06-21", "ANTARA")
    assert len([e for e in art.events if e.cameo == "114"]) == 1
    store.add(art)
    (c,) = [c for c in canon(store) if c["cameo"] == "114"]
    assert c["num_mentions"] == 2 and c["num_articles"] == 1


def test_different_dates_or_actors_stay_apart(store):
    store.add(coded(ANTARA, "antara-1", "2024-06-21", "ANTARA"))
    store.add(coded(LATER, "antara-2", "2024-09-12", "ANTARA"))
    other = ANTARA.replace("Korea Selatan", "Jepang")
    store.add(coded(other, "antara-3", "2024-06-21", "ANTARA"))
    rows = [c for c in canon(store) if c["cameo"] == "114"]
    assert sorted((c["source_actor"], c["date"]) for c in rows) == [
        ("JPN", "2024-06-21"), ("KOR", "2024-06-21"), ("KOR", "2024-09-12")
    ]  # fmt: skip


def test_near_duplicates_count_as_one_source(store):
    store.add(coded(ANTARA, "antara-1", "2024-06-21", "ANTARA"))
    copy = ANTARA.replace("Korea Selatan Kecam Rusia", "Korsel Kecam Rusia") + "Baca juga: Harga beras naik\n"
    res = store.add(coded(copy, "mirror-1", "2024-06-21", "Mirror Site"))
    assert res.status == "near-duplicate"
    (c,) = [c for c in canon(store) if c["cameo"] == "114"]
    assert (c["num_articles"], c["num_sources"]) == (2, 1)


def test_reingest_and_refuse_change_nothing(store):
    from warta.fuse import fuse_pending

    store.add(coded(ANTARA, "antara-1", "2024-06-21", "ANTARA"))
    store.add(coded(KOMPAS, "kompas-1", "2024-06-22", "Kompas"))
    before = json.dumps(canon(store))
    assert store.add(coded(KOMPAS, "kompas-1", "2024-06-22", "Kompas")).status == "present"
    assert fuse_pending(store.conn) == 0
    assert json.dumps(canon(store)) == before


def test_labelled_corpus_reports_pairwise_scores():
    from tests.conftest import DATA
    from warta.fuse import pairwise_scores

    reports = [json.loads(line) for line in (DATA / "fusion" / "corpus-reports.jsonl").read_text().splitlines()]
    assert len(reports) == 22 and len({r["act"] for r in reports}) == 16
    s = pairwise_scores(reports)
    assert s["same_act_pairs"] == 10
    # the figures the README reports; a change of rule or threshold must update both
    assert (s["tp"], s["fp"], s["fn"]) == (8, 2, 2)
    assert s["precision"] == 0.8 and s["recall"] == 0.8
