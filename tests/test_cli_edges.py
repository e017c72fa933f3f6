"""The command line's edges: version, verbosity, stdin, validation with hints, no silent caps,
progress lines when stderr is not a terminal, CAMEO names in event tables."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS, seed_store
from warta import __version__
from warta.cli import Counter, app
from warta.store.db import Store

runner = CliRunner()
KOR_RUS = (
    "Seoul (ANTARA) - Kementerian Luar Negeri Korea Selatan mengecam Rusia pada Selasa (4/6/2024) "
    "atas kerja sama militer dengan Korea Utara."
)


def _run(*args, stdin: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=stdin)


@pytest.fixture(scope="module")
def db(tmp_path_factory, seed_store_template):
    return seed_store(seed_store_template, tmp_path_factory.mktemp("edges"), "w.db")


def test_version():
    res = _run("--version")
    assert res.exit_code == 0 and res.output.strip() == f"warta {__version__}"


def test_code_reads_text_from_stdin():
    res = _run("code", "-", "-f", "jsonl", stdin=KOR_RUS + "\n")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert any(r["source"]["country"] == "KOR" and r["target"]["code"] == "RUS" for r in rows)
    assert all(r["article"] == "stdin" for r in rows)


def test_code_reads_json_lines_from_stdin():
    feed = "\n".join(json.dumps({"id": f"s{i}", "text": KOR_RUS}) for i in range(2)) + "\n"
    res = _run("code", "-", "-f", "jsonl", stdin=feed)
    assert res.exit_code == 0, res.output
    articles = {json.loads(line)["article"] for line in res.output.splitlines() if line.startswith("{")}
    assert articles == {"s0", "s1"}


def test_event_tables_and_records_carry_cameo_names(db):
    res = _run("code", "-", "-f", "table", stdin=KOR_RUS)
    assert "Criticize or denounce" in res.output
    rows = [json.loads(line) for line in _run("events", "--db", db, "-f", "jsonl").output.splitlines()]
    assert rows and all(r["cameo_name"] for r in rows)
    assert "cameo_name" in _run("code", "-", "-f", "csv", stdin=KOR_RUS).output.splitlines()[0]


def test_events_exports_every_row_unless_limited(db):
    with Store(db) as store:
        total = store.conn.execute("SELECT count(*) FROM events WHERE negated = 0 AND hypothetical = 0").fetchone()[0]
    jsonl = _run("events", "--db", db, "-f", "jsonl").output.splitlines()
    assert len(jsonl) == total
    assert len(_run("events", "--db", db, "-f", "jsonl", "--limit", "3").output.splitlines()) == 3
    csv_rows = _run("events", "--db", db, "-f", "csv").output.splitlines()
    assert len(csv_rows) == total + 1  # the header
    table = _run("events", "--db", db, "--limit", "2").output
    assert f"showing 1–2 of {total}" in table


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("events", "--actor", "RUSS"), "unknown actor code 'RUSS'; did you mean RUS"),
        (("events", "--dyad", "KOR-RSU"), "unknown actor code 'RSU'"),
        (("dyad", "KOR", "RUSS"), "did you mean RUS"),
        (("events", "--from", "2024-13"), "--from"),
        (("events", "--from", "2024-05", "--to", "2024-04"), "--from 2024-05 is after --to 2024-04"),
        (("dyad", "KOR", "--to", "2024-02-30"), "--to"),
    ],
)
def test_bad_filters_are_refused_naming_the_flag_or_suggesting(db, args, message):
    res = _run(*args, "--db", db)
    assert res.exit_code == 2 and message in res.output, res.output


def test_eval_without_run_on_articles_refuses_with_a_hint(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("")
    res = _run("eval", gold, SEEDS / "000_7b49f35e4ad6d20d.txt")
    assert res.exit_code == 2 and "add --run" in res.output
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": KOR_RUS}) + "\n")
    res = _run("eval", gold, feed)
    assert res.exit_code == 2 and "it is a feed of articles" in res.output and "--run" in res.output


def test_progress_is_a_plain_periodic_line_when_stderr_is_not_a_terminal(monkeypatch):
    from warta import cli

    lines: list[str] = []
    monkeypatch.setattr(cli.err, "print", lambda text, **_: lines.append(text))
    monkeypatch.setattr(Counter, "PLAIN_EVERY", 0.0)
    with Counter("ingest", total_bytes=2_000_000) as bar:
        bar.advance(1, 1_000_000)
        bar.advance(1, 1_000_000)
    assert lines and lines[-1].startswith("ingest: 2 articles (") and "2.0 of 2.0 MB" in lines[-1]
    lines.clear()
    with Counter("ingest", quiet=True) as bar:
        bar.advance(1, 10)
    assert lines == []


def test_quiet_and_verbose_set_the_log_level(db):
    import logging

    assert _run("-q", "articles", "--db", db).exit_code == 0
    assert logging.getLogger().level == logging.ERROR
    assert _run("-vv", "articles", "--db", db).exit_code == 0
    assert logging.getLogger().level == logging.DEBUG
    assert _run("articles", "--db", db).exit_code == 0
    assert logging.getLogger().level == logging.WARNING
