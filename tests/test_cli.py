"""The command line, through Typer's runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.conftest import PAGES, SEEDS
from warta.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_cli_ingest_articles_show_search(tmp_path):
    db = tmp_path / "w.db"
    res = _run("ingest", SEEDS, "--db", db)
    assert res.exit_code == 0, res.output
    assert "5 ingested, 0 already present, 0 near-duplicates, " in res.output and ", 0 skipped" in res.output
    res = _run("ingest", SEEDS, "--db", db)
    assert "0 ingested, 5 already present" in res.output
    res = _run("articles", "--db", db)
    assert res.exit_code == 0 and "5 articles" in res.output and "KBS World" in res.output
    res = _run("show", "003_623a4fe61b1ac6d9", "--db", db)
    assert res.exit_code == 0
    assert "PALTV" in res.output and "repeated-title" in res.output and "Zinoviev" in res.output
    res = _run("search", "Matsegora", "--db", db)
    assert res.exit_code == 0 and "002_796e4c222cf1b5ba" in res.output


def test_cli_ingest_reports_bad_files_and_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "ok.txt").write_text((SEEDS / "004_12dd0d3774324706.txt").read_text(encoding="utf-8"))
    res = _run("ingest", tmp_path / "in", "--db", tmp_path / "w.db")
    assert res.exit_code == 1
    assert "empty.txt: [W101] file is empty" in res.output
    assert "1 ingested" in res.output and "1 skipped" in res.output


def test_cli_clean_json(tmp_path):
    res = _run("clean", SEEDS / "001_28770d38e02522de.txt", "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    for key in (
        "title",
        "outlet",
        "dateline",
        "published",
        "published_precision",
        "language",
        "text",
        "dropped",
    ):
        assert key in data
    assert (data["outlet"], data["published"], data["published_precision"]) == ("ANTARA", "2025-12-21", "day")
    assert {"line": 12, "text": "Baca juga: Mantan pejabat Trump: Korea Selatan dapat terdorong ke opsi nuklir",
            "rule": "related-link"} in data["dropped"]  # fmt: skip


def test_cli_clean_html_text_output():
    res = _run("clean", PAGES / "cnn_style.html")
    assert res.exit_code == 0 and "CNN Indonesia" in res.output


def test_cli_missing_store_and_article(tmp_path):
    res = _run("articles", "--db", tmp_path / "none.db")
    assert res.exit_code == 2 and "no such store" in res.output
    _run("ingest", SEEDS / "000_7b49f35e4ad6d20d.txt", "--db", tmp_path / "w.db")
    res = _run("show", "nope", "--db", tmp_path / "w.db")
    assert res.exit_code == 1 and "no article 'nope'" in res.output


def test_cli_clean_bad_file(tmp_path):
    f = tmp_path / "x.txt"
    f.write_bytes(b"")
    res = _run("clean", f)
    assert res.exit_code == 1 and "W101" in res.output
