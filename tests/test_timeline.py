"""Timelines that do not lie: every period between the first and the last (or between --from and
--to) is listed, empty ones with zero counts; quarters; the dyad command's flat CSV; the API's
``fill``."""

from __future__ import annotations

import csv
import itertools
import json
import os
from datetime import date, timedelta
from importlib import metadata

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from warta.analysis import MAX_FILLED, PERIODS, period_bounds, period_of, period_range, timeline
from warta.api import create_app
from warta.cli import app
from warta.ontology import ROOTS
from warta.store.db import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(seed_db):
    """The seed store, SQLite then PostgreSQL."""
    return seed_db


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.mark.parametrize(
    ("value", "period"),
    [("2024-06-21", "2024-Q2"), ("2024-04", "2024-Q2"), ("2024-03-31", "2024-Q1"), ("2024-12", "2024-Q4"),
     ("2024", None)],
)  # fmt: skip
def test_quarter_of_a_date(value, period):
    assert period_of(value, "quarter") == period


@pytest.mark.parametrize(
    ("first", "last", "by", "labels"),
    [
        ("2024-11", "2025-02", "month", ["2024-11", "2024-12", "2025-01", "2025-02"]),
        ("2024-Q3", "2025-Q2", "quarter", ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]),
        ("2020-W52", "2021-W01", "week", ["2020-W52", "2020-W53", "2021-W01"]),  # 2020 has 53 ISO weeks
        ("2024-02-28", "2024-03-01", "day", ["2024-02-28", "2024-02-29", "2024-03-01"]),
        ("2023", "2025", "year", ["2023", "2024", "2025"]),
        ("9998", "9999", "year", ["9998", "9999"]),  # the calendar's end is not an overflow
        ("0001-W01", "0001-W02", "week", ["0001-W01", "0001-W02"]),  # nor its start
    ],
)
def test_period_range_lists_every_period(first, last, by, labels):
    assert period_range(first, last, by) == labels


@pytest.mark.parametrize(
    ("period", "by", "first", "last"),
    [("2024-Q1", "quarter", date(2024, 1, 1), date(2024, 3, 31)), ("2024-02", "month", date(2024, 2, 1),
     date(2024, 2, 29)), ("2021-W01", "week", date(2021, 1, 4), date(2021, 1, 10)),
     ("2024", "year", date(2024, 1, 1), date(2024, 12, 31)), ("9999-12", "month", date(9999, 12, 1),
     date(9999, 12, 31)), ("9999-Q4", "quarter", date(9999, 10, 1), date(9999, 12, 31))],
)  # fmt: skip
def test_period_bounds(period, by, first, last):
    assert period_bounds(period, by) == (first, last)


def test_filled_timeline_has_every_month_between_first_and_last(db):
    with Store(db, readonly=True) as store:
        filled = timeline(store.conn, "KOR", "RUS", by="month")
        sparse = timeline(store.conn, "KOR", "RUS", by="month", fill=False)
    labels = [p["period"] for p in filled["periods"]]
    assert labels[0] == sparse["periods"][0]["period"] and labels[-1] == sparse["periods"][-1]["period"]
    assert labels == period_range(labels[0], labels[-1], "month")  # no month skipped
    assert len(labels) > len(sparse["periods"]) and {p["period"] for p in sparse["periods"]} < set(labels)
    empty = [p for p in filled["periods"] if p["period"] not in {q["period"] for q in sparse["periods"]}]
    assert empty and all(
        p["events"] == 0 and p["by_quad"] == {"1": 0, "2": 0, "3": 0, "4": 0} and p["by_root"] == {}
        and p["goldstein_mean"] is None and p["canonical_ids"] == [] for p in empty
    )  # fmt: skip
    assert sum(p["events"] for p in filled["periods"]) == sum(p["events"] for p in sparse["periods"])
    june = next(p for p in filled["periods"] if p["period"] == "2024-06")
    assert (june["start"], june["end"]) == ("2024-06-01", "2024-06-30")
    assert filled["filled"] is True and sparse["filled"] is False


def test_filled_timeline_spans_from_and_to_when_given(db):
    with Store(db, readonly=True) as store:
        year = timeline(store.conn, "KOR", "RUS", by="month", date_from="2024", date_to="2024")
        quiet = timeline(store.conn, "KOR", "RUS", by="quarter", date_from="2023-01", date_to="2023-12-31")
        weeks = timeline(store.conn, "KOR", "RUS", by="week", date_from="2024-06-01", date_to="2024-06-30")
    assert [p["period"] for p in year["periods"]] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert [p["period"] for p in year["periods"] if p["events"]] == ["2024-06"]
    assert [p["period"] for p in quiet["periods"]] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    assert quiet["events"] == 0 and all(p["events"] == 0 for p in quiet["periods"])
    assert [p["period"] for p in weeks["periods"]] == ["2024-W22", "2024-W23", "2024-W24", "2024-W25", "2024-W26"]


def test_quarter_timeline_counts_as_the_months_do(db):
    with Store(db, readonly=True) as store:
        months = timeline(store.conn, "KOR", "RUS", by="month", fill=False)
        quarters = timeline(store.conn, "KOR", "RUS", by="quarter")
    per_quarter: dict[str, int] = {}
    for p in months["periods"]:
        q = period_of(p["period"], "quarter")
        per_quarter[q] = per_quarter.get(q, 0) + p["events"]
    assert {p["period"]: p["events"] for p in quarters["periods"] if p["events"]} == per_quarter
    assert "2024-Q2" in per_quarter


def test_too_many_periods_to_fill_is_refused(db):
    with Store(db, readonly=True) as store, pytest.raises(ValueError, match=f"{MAX_FILLED:,}"):
        timeline(store.conn, "KOR", "RUS", by="day", date_from="1900", date_to="2100")


def test_dyad_csv_is_flat_one_column_per_root(db, tmp_path):
    out = tmp_path / "kor-rus.csv"
    res = runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "quarter", "--csv", str(out)])
    assert res.exit_code == 0, res.output
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[:4] == ["period", "start", "end", "events"]
    assert header[-20:] == [f"root{r}" for r in ROOTS] and "by_root" not in header
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    for r in rows:
        assert not any(v.startswith(("{", "[")) for v in r.values())  # no JSON in a cell
        roots = [int(r[f"root{x}"]) for x in ROOTS]
        assert sum(roots) == int(r["events"]) == sum(int(r[f"quad{q}"]) for q in range(1, 5))
    assert [r["period"] for r in rows] == period_range(rows[0]["period"], rows[-1]["period"], "quarter")
    q2 = next(r for r in rows if r["period"] == "2024-Q2")
    assert int(q2["root11"]) >= 3 and (q2["start"], q2["end"]) == ("2024-04-01", "2024-06-30")
    assert any(r["events"] == "0" and r["goldstein_mean"] == "" for r in rows)


def test_dyad_no_fill_and_dates_on_the_command_line(db, tmp_path):
    sparse = json.loads(runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--json", "--no-fill"]).stdout)
    assert all(p["events"] > 0 for p in sparse["periods"])
    filled = json.loads(runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--json"]).stdout)
    assert len(filled["periods"]) > len(sparse["periods"])
    ranged = runner.invoke(
        app, ["dyad", "KOR", "RUS", "--db", str(db), "--json", "--from", "2024-05", "--to", "2024-08"]
    )
    assert [p["period"] for p in json.loads(ranged.stdout)["periods"]] == ["2024-05", "2024-06", "2024-07", "2024-08"]
    table = runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "quarter"])
    assert table.exit_code == 0 and "2024-Q2" in table.output and "2024-Q3" in table.output


def test_dyad_refuses_too_many_periods_in_one_line(db):
    res = runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "day", "--from", "1900", "--to", "2100"])
    assert res.exit_code == 2 and "--no-fill" in res.output and "Traceback" not in res.output
    ok = runner.invoke(app, ["dyad", "KOR", "RUS", "--db", str(db), "--by", "day", "--from", "1900", "--no-fill"])
    assert ok.exit_code == 0


def test_api_timeline_fill_quarter_and_bounds(client):
    filled = client.get("/api/timeline", params={"actor": "KOR", "other": "RUS"}).json()
    sparse = client.get("/api/timeline", params={"actor": "KOR", "other": "RUS", "fill": "false"}).json()
    assert len(filled["periods"]) > len(sparse["periods"]) and all(p["events"] for p in sparse["periods"])
    assert [p["period"] for p in filled["periods"]] == period_range(
        sparse["periods"][0]["period"], sparse["periods"][-1]["period"], "month"
    )
    q = client.get(
        "/api/timeline", params={"actor": "KOR", "other": "RUS", "by": "quarter", "from": "2024-01", "to": "2024-12"}
    ).json()
    assert [(p["period"], p["events"] > 0) for p in q["periods"]] == [
        ("2024-Q1", False), ("2024-Q2", True), ("2024-Q3", False), ("2024-Q4", False)
    ]  # fmt: skip
    period = client.get(
        "/api/fused", params={"actor": "KOR", "other": "RUS", "by": "quarter", "period": "2024-Q2"}
    ).json()
    assert period["total"] == q["periods"][1]["events"]
    res = client.get("/api/timeline", params={"actor": "KOR", "by": "day", "from": "0001", "to": "9999"})
    assert res.status_code == 400 and "fill=false" in res.json()["detail"] and "from" in res.json()["detail"]
    assert client.get("/api/timeline", params={"actor": "KOR", "by": "decade"}).status_code == 400


def test_cli_version_is_the_package_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"warta {metadata.version('warta')}"


@settings(
    max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "80")), deadline=None, derandomize=bool(os.environ.get("CI"))
)
@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(PERIODS),
)
def test_period_walk_is_contiguous_anywhere_on_the_calendar(first, span, by):
    last = min(date(9999, 12, 31), first + timedelta(days=span))
    labels = period_range(period_of(first.isoformat(), by), period_of(last.isoformat(), by), by)
    bounds = [period_bounds(label, by) for label in labels]
    assert bounds[0][0] <= first and last <= bounds[-1][1]
    for (_, end), (start, _) in itertools.pairwise(bounds):
        assert start == end + timedelta(days=1)  # no day missing, none twice
    assert all(period_of(s.isoformat(), by) == period_of(e.isoformat(), by) == label
               for label, (s, e) in zip(labels, bounds, strict=True))  # fmt: skip
