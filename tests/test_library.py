"""The Python API: warta.code, warta.open(…).events, warta.timeline, and the README's example."""

from __future__ import annotations

import re

import pytest

import warta
from tests.conftest import ROOT, SEEDS, seed_store
from warta.errors import WartaError

KOR_RUS = (
    "Seoul (ANTARA) - Kementerian Luar Negeri Korea Selatan mengecam Rusia pada Selasa (4/6/2024) "
    "atas kerja sama militer dengan Korea Utara."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_store_template):
    return seed_store(seed_store_template, tmp_path_factory.mktemp("lib"), "warta.db")


def test_code_a_text_resolves_dates_against_published():
    events = warta.code(KOR_RUS, published="2024-06-05")
    assert [(e.source.code, e.cameo, e.target.code, e.date) for e in events] == [("KORGOV", "111", "RUS", "2024-06-04")]
    assert isinstance(events, warta.Events) and events.to_dicts()[0]["cameo_name"] == "Criticize or denounce"


def test_code_a_folder_and_a_path_string():
    from_folder = warta.code(SEEDS)
    from_string = warta.code(str(SEEDS))
    assert len(from_folder) == len(from_string) > 20
    assert {e.article for e in from_folder} == {p.stem for p in SEEDS.glob("*.txt")}


def test_code_english_with_its_dictionaries():
    events = warta.code(
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok on Thursday.",
        published="2019-04-26",
        lang="en",
    )
    assert [(e.source.code, e.cameo, e.target.code) for e in events] == [("RUSGOV", "040", "PRK")]


def test_code_refuses_a_language_it_does_not_code():
    with pytest.raises(WartaError, match="lang 'fr'"):
        warta.code(KOR_RUS, lang="fr")


def test_open_events_filters_and_to_pandas(db):
    with warta.open(db) as store:
        everything = store.events()
        dyad = store.events(dyad="KOR-RUS", since="2024")
        assert everything and dyad and len(dyad) < len(everything)
        assert all({e.source.country, e.target.country} == {"KOR", "RUS"} for e in dyad)
        assert all(e.date and e.date >= "2024" for e in dyad)
        assert len(store.events(limit=3)) == 3
        assert all(e.cameo.startswith("11") for e in store.events(code="11"))
        with pytest.raises(ValueError, match="since"):
            store.events(since="2024-13")
        df = dyad.to_pandas()
        assert len(df) == len(dyad) and {"date", "source_code", "cameo", "cameo_name"} <= set(df.columns)


def test_timeline_from_a_path_or_an_open_store(db):
    tl = warta.timeline(db, "KOR", "RUS", by="year")
    assert tl["events"] > 0 and tl["periods"]
    df = tl.to_pandas()
    assert list(df["period"]) == [p["period"] for p in tl["periods"]]
    with warta.open(db) as store:
        assert warta.timeline(store, "KOR", "RUS", by="year")["events"] == tl["events"]


def test_open_a_missing_store_says_so(tmp_path):
    with pytest.raises(WartaError, match="no such store"):
        warta.open(tmp_path / "none.db")


def test_the_readme_example_runs(db, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- python-api-example -->\n```python\n(.*?)```", readme, re.S)
    assert block, "the README lost its Python API example"
    monkeypatch.chdir(db.parent)
    scope: dict = {}
    exec(compile(block.group(1), "README.md", "exec"), scope)
    assert [(e.source.code, e.cameo, e.target.code, e.date) for e in scope["events"]] == [
        ("KORGOV", "111", "RUS", "2024-06-04")
    ]
    assert len(scope["df"]) > 0 and len(scope["tl"].to_pandas()) > 0
