"""``warta code --dask``: a backfill on a two-worker LocalCluster, read back with pyarrow, pandas and DuckDB."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from warta.cli import app

pytest.importorskip("dask.bag", reason="the dask extra is not installed")
pytest.importorskip("distributed", reason="the dask extra is not installed")

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _feed(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    lines = [
        json.dumps({"id": "f1", "text": seeds[0].read_text(encoding="utf-8"), "published": "2024-06-21"}),
        "{not json",
        json.dumps({"id": "f2", "text": seeds[1].read_text(encoding="utf-8")}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


@pytest.fixture(scope="module")
def backfill(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backfill")
    feed = _feed(tmp)
    out = tmp / "out"
    res = _run("code", SEEDS, feed, "--dask", "local", "--dask-workers", 2, "--out", out)
    plain = _run("code", SEEDS, feed, "--format", "jsonl")
    return tmp, feed, out, res, plain


def test_backfill_rows_equal_a_plain_run(backfill):
    import pyarrow.dataset as ds

    _, _, out, res, plain = backfill
    assert res.exit_code == 1, res.output  # the bad line is reported and makes the exit status 1
    expected = {r["event_id"]: r for r in map(json.loads, (line for line in plain.stdout.splitlines() if line))}
    assert expected
    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows.keys() == expected.keys()
    for eid, rec in expected.items():
        row = rows[eid]
        assert row["cameo"] == rec["cameo"] and row["article"] == rec["article"]
        assert row["source_code"] == rec["source"]["code"] and row["target_code"] == rec["target"]["code"]
        assert row["sentence"] == rec["evidence"]["sentence"] and row["confidence"] == rec["confidence"]
        if rec.get("date"):
            assert row["year"] == int(rec["date"][:4])
            assert row["date"].isoformat().startswith(rec["date"][:7])
        else:
            assert row["date"] is None and row["year"] is None


def test_backfill_columns_are_the_export_columns(backfill, tmp_path):
    import pyarrow.parquet as pq

    _, _, out, _, _ = backfill
    db = tmp_path / "w.db"
    assert _run("ingest", SEEDS, "--db", db).exit_code == 0
    assert _run("export", tmp_path / "e.parquet", "--format", "parquet", "--db", db).exit_code == 0
    exported = pq.read_schema(tmp_path / "e.parquet")
    files = sorted((out / "events").glob("year=*/month=*/*.parquet"))
    assert files
    for f in files:
        assert pq.read_schema(f).equals(exported)


def test_backfill_rejected_names_the_bad_line(backfill):
    import pyarrow.parquet as pq

    _, _, out, res, _ = backfill
    rejected = pq.read_table(out / "rejected.parquet").to_pylist()
    assert len(rejected) == 1
    assert rejected[0]["path"].endswith("feed.jsonl") and rejected[0]["line"] == 2
    assert rejected[0]["code"] and "JSON" in rejected[0]["reason"]
    assert "feed.jsonl:2" in res.output


def test_backfill_read_by_pandas_and_duckdb(backfill):
    pd = pytest.importorskip("pandas")
    _, _, out, _, plain = backfill
    n = sum(1 for line in plain.stdout.splitlines() if line)
    frame = pd.read_parquet(out / "events", dtype_backend="pyarrow")  # the null partitions as nulls, not categories
    assert len(frame) == n and {"event_id", "cameo", "year", "month"} <= set(frame.columns)
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed")
    glob = str(out / "events" / "*" / "*" / "*.parquet")
    sql = f"SELECT count(*), count(DISTINCT event_id) FROM read_parquet('{glob}', hive_partitioning=true)"
    assert duckdb.connect().execute(sql).fetchall() == [(n, n)]


def test_parquet_articles_in_and_ingest_from_parquet(backfill, tmp_path):
    """The articles a backfill read feed a second backfill (Parquet input) and ``ingest --from-parquet``."""
    import pyarrow.parquet as pq

    _, _, out, _, plain = backfill
    articles = sorted((out / "articles").glob("*.parquet"))
    assert sum(pq.read_metadata(f).num_rows for f in articles) == 7  # 5 seeds and the 2 good feed lines
    again = tmp_path / "again"
    res = _run("code", out / "articles", "--dask", "local", "--dask-workers", 2, "--out", again)
    assert res.exit_code == 0, res.output
    n = sum(1 for line in plain.stdout.splitlines() if line)
    assert sum(pq.read_metadata(f).num_rows for f in (again / "events").glob("*/*/*.parquet")) == n
    db = tmp_path / "w.db"
    res = _run("ingest", "--from-parquet", out, "--db", db)
    assert res.exit_code == 0, res.output
    from warta.store.db import Store

    with Store(db) as store:
        assert (
            store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        )  # the feed repeats two seeds word for word
        stored = {tuple(r) for r in store.conn.execute("SELECT cameo, source_code, target_code, sentence FROM events")}
    direct = tmp_path / "direct.db"
    assert _run("ingest", SEEDS, backfill[1], "--db", direct).exit_code == 1  # the bad line
    with Store(direct) as store:
        expected = {
            tuple(r) for r in store.conn.execute("SELECT cameo, source_code, target_code, sentence FROM events")
        }
    assert stored and stored == expected


def test_dask_flags_checked(tmp_path):
    res = _run("code", SEEDS, "--dask", "local")
    assert res.exit_code == 2 and "--out" in res.output
    res = _run("code", SEEDS, "--dask", "udp://x", "--out", tmp_path / "o")
    assert res.exit_code == 2 and "tcp://HOST:PORT" in res.output
    res = _run("ingest", "--from-parquet", tmp_path / "none")
    assert res.exit_code == 2 and "--from-parquet" in res.output
