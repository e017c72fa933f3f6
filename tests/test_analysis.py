"""Timelines over fused events, the dyad command and the exports."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from warta.analysis import period_of, timeline
from warta.cli import app
from warta.store.db import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(seed_db):
    """The seed store, SQLite then PostgreSQL."""
    return seed_db


@pytest.mark.parametrize(
    ("value", "by", "period"),
    [("2024-06-21", "day", "2024-06-21"), ("2024-06-21", "week", "2024-W25"), ("2024-06-21", "month", "2024-06"),
     ("2024-06", "month", "2024-06"), ("2024-06", "day", None), ("2024", "month", None), ("2024-06", "year", "2024")],
)  # fmt: skip
def test_period_of(value, by, period):
    assert period_of(value, by) == period


def test_dyad_timeline_counts(db):
    with Store(db) as store:
        tl = timeline(store.conn, "KOR", "RUS", by="month")
        directed = timeline(store.conn, "KOR", "RUS", by="month", directed=True)
        actor = timeline(store.conn, "KOR", by="year")
        canonical = store.conn.execute(
            "SELECT count(*) FROM canonical_events"
            " WHERE source_actor IN ('KOR','RUS') AND target_actor IN ('KOR','RUS')"
        ).fetchone()[0]
    assert tl["events"] == canonical
    assert sum(p["events"] for p in tl["periods"]) + tl["undated"] == tl["events"]
    for p in tl["periods"]:
        assert sum(p["by_quad"].values()) == p["events"] == sum(p["by_root"].values())
    june = next(p for p in tl["periods"] if p["period"] == "2024-06")
    assert june["by_quad"]["3"] >= 3 and june["goldstein_mean"] < 0  # summons, condemnation, demand, rejection
    assert directed["events"] < tl["events"]
    assert actor["events"] >= tl["events"] and actor["other"] is None
    assert tl["top_types"] and tl["first"]["date"] <= tl["last"]["date"]


def test_dyad_command_prints_and_writes_csv(db, tmp_path):
    out = tmp_path / "kor-rus.csv"
    res = runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "month", "--csv", str(out)])
    assert res.exit_code == 0, res.output
    assert "2024-06" in res.output and "Goldstein" in res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows) and rows[0]["quad3"] is not None
    res = runner.invoke(app, ["dyad", "RUS", "PRK", "--db", str(db), "--by", "year", "--json"])
    assert json.loads(res.stdout)["periods"]
    assert runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "decade"]).exit_code == 2
    assert runner.invoke(app, ["dyad", "KOR", "--db", str(db), "--from", "June"]).exit_code == 2


def test_exports(db, tmp_path):
    import pyarrow.parquet as pq

    res = runner.invoke(app, ["export", "-", "--db", str(db)])
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert records and all("cameo" in r and "evidence" in r for r in records)
    res = runner.invoke(app, ["export", str(tmp_path / "e.csv"), "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0
    assert next(csv.reader((tmp_path / "e.csv").open()))[:2] == ["event_id", "article"]
    res = runner.invoke(app, ["export", str(tmp_path / "g.csv"), "--db", str(db), "--format", "csv", "--fused"])
    rows = list(csv.DictReader((tmp_path / "g.csv").open()))  # the fused events' CSV with a header (GDELT's files:
    assert rows and {"canonical_id", "date", "cameo", "num_sources", "event_ids"} <= set(rows[0])  # test_gdelt.py)
    res = runner.invoke(app, ["export", str(tmp_path / "f.parquet"), "--db", str(db), "--format", "parquet", "--fused"])
    assert res.exit_code == 0
    table = pq.read_table(tmp_path / "f.parquet")
    assert table.num_rows == len(runner.invoke(app, ["export", "-", "--db", str(db), "--fused"]).stdout.splitlines())
    assert runner.invoke(app, ["export", "-", "--db", str(db), "--format", "parquet"]).exit_code == 2
