"""User dictionaries (`--dict-dir`, `WARTA_DICT_DIR`): an overlay folder extending and overriding the bundled data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import ROOT
from warta import api, dicts
from warta.actors_kb import knowledge_base
from warta.cli import app
from warta.coder import code_paths
from warta.errors import LexiconError, WartaError
from warta.pipeline import Pipeline
from warta.stages.read import read_path
from warta.store.db import Store
from warta.triggers import load_lexicon

EXAMPLE = ROOT / "examples" / "dicts"
ARTICLE = ROOT / "examples" / "dicts-demo.txt"
PEOPLE_HEADER = "name\taliases\tcountry\trole\tstart\tend\twikidata\tsector"
TRIGGER_HEADER = "pattern\taffixes\tcode\tframe"

runner = CliRunner()


def _run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _events(output: str) -> list[tuple[str, str, str, str]]:
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [(r["source"]["code"], r["cameo"], r["target"]["code"], r["trigger"]) for r in rows]


def _coded(path: Path, overlay: dicts.Overlay | None) -> list[tuple[str, str, str]]:
    return [(r.source.key, r.cameo, r.target.key) for c in code_paths([path], dicts=overlay) for r in c.records or []]


THREE = [
    ("MYSGOV", "051", "IDNGOV", "menyanjung"),  # the new person and the new trigger
    ("MYS", "051", "IDNGOV", "memuji"),  # the new alias ("Seri Perdana")
    ("SGPGOV", "051", "IDNGOV", "dipuji"),  # the bundled "puji" row overridden with the passive
]


def test_the_example_overlay_codes_events_the_bundled_data_does_not(tmp_path):
    assert _events(_run("code", ARTICLE).output) == []
    res = _run("code", ARTICLE, "--dict-dir", EXAMPLE)
    assert res.exit_code == 0, res.output
    assert _events(res.output) == THREE
    res = _run("code", ARTICLE, env={"WARTA_DICT_DIR": str(EXAMPLE)})
    assert res.exit_code == 0 and _events(res.output) == THREE
    assert _events(_run("code", ARTICLE).output) == []  # and without it, as before


@pytest.mark.parametrize(
    ("left_out", "kept"),
    [
        ("actors/people.tsv", [1, 2]),  # "Tarmizi Halimoen" is no actor: nothing praised him
        ("actors/aliases.tsv", [0, 2]),
        ("lang/id/triggers.tsv", [1]),  # neither "menyanjung" nor "dipuji" is a trigger
    ],
)
def test_each_overlay_file_is_needed_for_its_event(tmp_path, left_out, kept):
    shutil.copytree(EXAMPLE, tmp_path / "d")
    (tmp_path / "d" / left_out).unlink()
    res = _run("code", ARTICLE, "--dict-dir", tmp_path / "d")
    assert res.exit_code == 0, res.output
    assert _events(res.output) == [THREE[i] for i in kept]


def test_one_process_codes_with_several_overlays_without_mixing_them(tmp_path):
    article = _write(tmp_path, {"a.txt": ARTICLE.read_text(encoding="utf-8")}) / "a.txt"
    people = PEOPLE_HEADER + "\nTarmizi Halimoen\t\t{}\tmenteri luar negeri\t2025-01-01\t\t\tGOV\n"
    trigger = TRIGGER_HEADER + "\nsanjung\tmeN\t{}\tverb\n"
    mys = dicts.open_overlay(
        _write(
            tmp_path / "mys", {"actors/people.tsv": people.format("MYS"), "lang/id/triggers.tsv": trigger.format("051")}
        )
    )
    sgp = dicts.open_overlay(
        _write(
            tmp_path / "sgp", {"actors/people.tsv": people.format("SGP"), "lang/id/triggers.tsv": trigger.format("111")}
        )
    )
    for _round in range(2):
        assert _coded(article, mys) == [("MYS", "051", "IDN")]
        assert _coded(article, sgp) == [("SGP", "111", "IDN")]
        assert _coded(article, None) == []
    assert knowledge_base(mys) is not knowledge_base(sgp) and knowledge_base(None) is knowledge_base()
    assert "tarmizi halimoen" not in knowledge_base().names
    # a folder edited in place is another overlay: its cached data are not reused
    _write(tmp_path / "mys", {"actors/people.tsv": people.format("THA")})
    assert _coded(article, dicts.open_overlay(tmp_path / "mys")) == [("THA", "051", "IDN")]


def test_the_overlay_is_active_only_inside_its_pipeline(tmp_path):
    overlay = dicts.open_overlay(EXAMPLE)
    (item,) = list(read_path(ARTICLE))
    assert len(Pipeline(dicts=overlay)(item.article).events) == 3
    assert dicts.active() is None
    assert Pipeline()(item.article).events == ()
    with dicts.using(overlay):  # a pipeline without dicts of its own reads the active overlay
        assert len(Pipeline()(item.article).events) == 3
    assert dicts.active() is None


def test_a_row_with_a_bundled_key_replaces_and_a_dash_removes(tmp_path):
    overlay = dicts.open_overlay(
        _write(
            tmp_path,
            {
                "actors/aliases.tsv": "alias\tcode\tkind\nkorsel\tPRK\tstate\n-Korut\n"
                "Negeri Kincir Angin\tNLD\tstate\n",
                "lang/id/triggers.tsv": TRIGGER_HEADER + "\nkunjung\tber\t042\tverb\n-puji\t\t051\t\n",
                "lang/id/nonevents.tsv": "pattern\taffixes\n-jadi\t\n",
            },
        )
    )
    kb, bundled = knowledge_base(overlay), knowledge_base()
    assert [e.country for e in bundled.names["korsel"][1]] == ["KOR"]
    assert [e.country for e in kb.names["korsel"][1]] == ["PRK"]  # replaced, keeping the written form
    assert "korut" in bundled.names and "korut" not in kb.names
    assert [e.country for e in kb.names["negeri kincir angin"][1]] == ["NLD"]
    lex = load_lexicon("id", overlay)
    assert [r.code for r, _, _ in load_lexicon().matches(["mengunjungi"], 0)] == ["042"]
    assert lex.matches(["mengunjungi"], 0) == []  # every bundled "kunjung" 042 row gave way to one with ber- only
    assert [r.where for r, _, _ in lex.matches(["berkunjung"], 0)] == [f"{tmp_path}/lang/id/triggers.tsv:2"]
    assert load_lexicon().matches(["memuji"], 0) and not lex.matches(["memuji"], 0)
    from warta.triggers import load_nonevents

    assert load_nonevents().matches(["menjadi"], 0) and not load_nonevents("id", overlay).matches(["menjadi"], 0)


def test_a_removal_that_matches_no_bundled_row_is_an_error(tmp_path):
    overlay = dicts.open_overlay(_write(tmp_path, {"actors/aliases.tsv": "alias\tcode\tkind\n-Negeri Atlantis\n"}))
    with pytest.raises(LexiconError) as exc:
        knowledge_base(overlay)
    assert f"{tmp_path}/actors/aliases.tsv:2: removes nothing: no bundled row with alias 'Negeri Atlantis'" in str(
        exc.value
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"lang/id/triggers.tsv": TRIGGER_HEADER + "\nsanjung\tmeN\t999\tverb\n"},
            "lang/id/triggers.tsv:2: unknown CAMEO code '999'",
        ),
        (
            {"lang/id/triggers.tsv": TRIGGER_HEADER + "\nsanjung\t\t051\tverb\n"},
            "lang/id/triggers.tsv:2: empty required cell(s) affixes",
        ),
        (
            {"actors/people.tsv": PEOPLE_HEADER + "\n\nTarmizi Halimoen\t\tXYZ\tmenteri\t2025-01-01\t\t\tGOV\n"},
            "actors/people.tsv:3: unknown state or organisation code 'XYZ'",
        ),
        ({"actors/aliases.tsv": "alias\tcode\tkind\tcolour\n"}, "actors/aliases.tsv:1: unknown column(s) colour"),
        (
            {"actors/igos.tsv": "code\tname\tnames_id\nXYZ\tNew body\tBadan Baru\n"},
            "actors/igos.tsv:2: unknown organisation code 'XYZ'",
        ),
    ],
)
def test_a_malformed_overlay_row_is_one_error_naming_the_overlay_file_and_line(tmp_path, files, message):
    root = _write(tmp_path / "d", files)
    for command in (["code", ARTICLE], ["ingest", ARTICLE, "--db", tmp_path / "w.db"]):
        res = _run(*command, "--dict-dir", root)
        assert res.exit_code == 2, res.output
        assert res.output.startswith("error: invalid language data:")
        assert f"{root}/{message}" in res.output
        assert "Traceback" not in res.output and "{" not in res.output  # no event printed, nothing coded
    assert not (tmp_path / "w.db").exists()


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        (None, "no such folder"),
        ({}, "no dictionary files"),
        ({"triggers.tsv": TRIGGER_HEADER + "\n"}, "triggers.tsv goes in"),
        ({"actors/states.tsv": "code\tname\n"}, "states.tsv: not a table an overlay extends"),
        ({"actors/peopel.tsv": PEOPLE_HEADER + "\n"}, "peopel.tsv: not a table an overlay extends"),
        ({"lang/xx/triggers.tsv": TRIGGER_HEADER + "\n"}, "no bundled language 'xx'"),
    ],
)
def test_a_bad_overlay_folder_is_one_error(tmp_path, layout, message):
    root = tmp_path / "d"
    if layout is not None:
        root.mkdir()
        _write(root, layout)
    res = _run("code", ARTICLE, "--dict-dir", root)
    assert res.exit_code == 2 and message in res.output and str(root) in res.output, res.output
    with pytest.raises(WartaError, match=message):
        dicts.open_overlay(root)


def test_files_of_other_formats_are_left_alone(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "d")
    _write(tmp_path / "d", {"Phoenix.Countries.actors.txt": "MALAYSIA [MYS]\n", "notes.md": "mine\n"})
    overlay = dicts.open_overlay(tmp_path / "d")
    assert [rel for rel, _ in overlay.files] == ["actors/aliases.tsv", "actors/people.tsv", "lang/id/triggers.tsv"]


def test_ingest_eval_and_gaps_take_the_overlay(tmp_path):
    db = tmp_path / "w.db"
    res = _run("ingest", ARTICLE, "--db", db, "--dict-dir", EXAMPLE)
    assert res.exit_code == 0 and "3 events" in res.output, res.output
    with Store(db, readonly=True) as store:
        assert store.conn.execute("SELECT count(*) FROM events WHERE cameo = '051'").fetchone()[0] == 3

    gold = tmp_path / "gold.jsonl"
    gold_event = {
        "doc": ARTICLE.name, "id": "d-1", "core": True, "source": "MYS", "target": "IDN", "symmetric": False,
        "roots": ["05"], "code": "051", "date": "2025-05-12", "precision": "day",
        "evidence": "Tarmizi Halimoen menyanjung pemerintah Indonesia",
    }  # fmt: skip
    gold.write_text(json.dumps(gold_event) + "\n", encoding="utf-8")
    recall = {}
    for name, extra in (("bundled", []), ("overlay", ["--dict-dir", EXAMPLE])):
        res = _run("eval", gold, "--run", ARTICLE, "--json", *extra)
        assert res.exit_code == 0, res.output
        recall[name] = json.loads(res.output)["strict"]["recall"]
    assert recall == {"bundled": 0.0, "overlay": 1.0}

    sizes = []
    for extra in ([], ["--dict-dir", EXAMPLE]):
        res = _run("lexicon", "gaps", ARTICLE, "--json", *extra)
        assert res.exit_code == 0, res.output
        sizes.append(json.loads(res.output)["lexicon"]["senses"])
    assert sizes[1] == sizes[0] + 1  # "sanjung" added; "puji" replaced, not added


@pytest.mark.parametrize("in_worker", [False, True])
def test_the_api_codes_posted_articles_with_its_overlay(tmp_path, monkeypatch, in_worker):
    monkeypatch.setenv("WARTA_API_TOKEN", "t")
    if in_worker:
        monkeypatch.setattr(api, "IN_THREAD_BYTES", 100)  # coded in the worker process, the overlay sent along
    text = ARTICLE.read_text(encoding="utf-8")
    cases = ((dicts.open_overlay(EXAMPLE), 3),) if in_worker else ((dicts.open_overlay(EXAMPLE), 3), (None, 0))
    for overlay, expected in cases:
        client = TestClient(api.create_app(tmp_path / f"{overlay is None}.db", overlay))
        res = client.post("/api/articles", json={"id": "d-1", "text": text}, headers={"X-API-Token": "t"})
        assert res.status_code == 201, res.text
        assert len(res.json()["events"]) == expected


def test_serve_checks_the_overlay_before_starting_and_hands_it_to_the_api(tmp_path, monkeypatch):
    import uvicorn

    db = tmp_path / "w.db"
    Store(db).close()
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: started.append(app_))
    monkeypatch.setattr(api, "create_app", lambda db_, overlay=None: overlay)
    bad = _write(tmp_path / "bad", {"lang/id/triggers.tsv": TRIGGER_HEADER + "\nsanjung\tmeN\t999\tverb\n"})
    res = _run("serve", "--db", db, "--dict-dir", bad)
    assert res.exit_code == 2 and f"{bad}/lang/id/triggers.tsv:2: unknown CAMEO code" in res.output
    assert started == []
    res = _run("serve", "--db", db, "--dict-dir", EXAMPLE)
    assert res.exit_code == 0, res.output
    assert started == [dicts.open_overlay(EXAMPLE)]


def test_recode_with_the_overlay_codes_every_stored_article_again(tmp_path):
    db = tmp_path / "w.db"
    assert _run("ingest", ARTICLE, "--db", db).exit_code == 0

    def coded() -> int:
        with Store(db, readonly=True) as store:
            return store.conn.execute("SELECT count(*) FROM events WHERE cameo = '051'").fetchone()[0]

    assert coded() == 0
    res = _run("recode", "--db", db, "-q")  # nothing older than this version: nothing to do
    assert res.exit_code == 0 and coded() == 0
    res = _run("recode", "--db", db, "-q", "--dict-dir", EXAMPLE)  # a new overlay: everything again
    assert res.exit_code == 0, res.output
    assert coded() == 3
    bad = tmp_path / "bad"
    _write(bad, {"actors/people.tsv": "name\tnope\n"})
    res = _run("recode", "--db", db, "-q", "--dict-dir", bad)
    assert res.exit_code == 2 and "people.tsv" in res.output
