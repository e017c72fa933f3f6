"""The PostgreSQL store: the same schema as SQLite, the same output, concurrent writers, clear errors.

The cases that need a server get one from ``tests/conftest.py`` (``WARTA_TEST_PG``, or a throw-away
server); without one they are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SEEDS
from warta.errors import StoreError
from warta.store.db import Store, connect
from warta.store.postgres import redact, translate

CLI = "import sys; from warta.cli import main; sys.argv[0] = 'warta'; main()"


def warta(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the ``warta`` command in a process of its own."""
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=timeout)


# -- the dialect layer, without a server ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sqlite_sql", "postgres_sql"),
    [
        (
            "SELECT a FROM t WHERE b = ? AND c LIKE ? ESCAPE '\\'",
            "SELECT a FROM t WHERE b = %s AND c ILIKE %s ESCAPE '\\'",
        ),
        ("INSERT OR IGNORE INTO t (a) VALUES (?)", "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
        ("SELECT '50%', '?' FROM t", "SELECT '50%%', '?' FROM t"),
        (
            "SELECT a FROM t ORDER BY a IS NULL, a DESC, b LIMIT ? OFFSET ?",
            "SELECT a FROM t ORDER BY a IS NULL NULLS FIRST, a DESC NULLS LAST, b NULLS FIRST "
            "LIMIT NULLIF(GREATEST(%s, -1), -1) OFFSET %s",
        ),
        ("SELECT x FROM t WHERE y IN () OR z = 1", "SELECT x FROM t WHERE y IN (SELECT NULL WHERE false) OR z = 1"),
        ("UPDATE c SET symmetric = 1 WHERE c.symmetric = 0", 'UPDATE c SET "symmetric" = 1 WHERE c.symmetric = 0'),
        ("PRAGMA query_only = ON", "SET default_transaction_read_only = on"),
    ],
)
def test_statements_are_translated(sqlite_sql, postgres_sql):
    assert translate(sqlite_sql) == postgres_sql


def test_an_insert_returns_its_generated_key():
    assert translate("INSERT INTO articles (ref) VALUES (?)", True).endswith(" RETURNING article_id")
    assert "RETURNING" not in translate("INSERT INTO events (event_id) VALUES (?)", True)


def test_a_password_is_never_shown():
    assert redact("postgresql://warta:s3cret@db.example:5432/warta") == "postgresql://warta:***@db.example:5432/warta"
    assert redact("postgresql://warta@localhost/warta") == "postgresql://warta@localhost/warta"


# -- errors: one line, no traceback ---------------------------------------------------------------


def test_an_unreachable_server_is_one_clear_error_line(tmp_path):
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'warta[postgres]')")
    url = "postgresql://warta:s3cret@127.0.0.1:1/none"
    with pytest.raises(StoreError, match="cannot connect"):
        Store(url)
    for args in (["articles"], ["events", "-f", "jsonl"], ["ingest", str(SEEDS)], ["serve"]):
        res = warta(*args, "--db", url)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 2 and len(lines) == 1, (args, res.stderr)
        assert lines[0].startswith("error: postgresql://warta:***@127.0.0.1:1/none: cannot connect")
        assert "s3cret" not in res.stderr + res.stdout


def test_a_bad_url_is_one_clear_error_line():
    res = warta("articles", "--db", "postgresql://u@127.0.0.1:notaport/x")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "cannot connect" in res.stderr


def test_without_psycopg_a_postgres_url_says_what_to_install(tmp_path):
    code = "import sys; sys.modules['psycopg'] = None; " + CLI  # an import of psycopg then fails
    res = subprocess.run(
        [sys.executable, "-c", code, "articles", "--db", "postgresql://u@127.0.0.1/x"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "needs psycopg" in res.stderr and "warta[postgres]" in res.stderr
    # and SQLite needs nothing of it
    res = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(SEEDS / "000_7b49f35e4ad6d20d.txt"), "--db", str(tmp_path / "w.db")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr


# -- one schema -----------------------------------------------------------------------------------

_TYPES = {"integer": "INTEGER", "bigint": "INTEGER", "text": "TEXT", "double precision": "REAL", "bytea": "BLOB"}
_SEARCH = {"articles_fts", "search", "articles_search"}  # full-text search is each store's own


def _sqlite_schema(conn: sqlite3.Connection) -> dict:
    out = {}
    tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for (table,) in tables:
        if table.startswith(("articles_fts", "sqlite_")):
            continue
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        columns = [(c[1], c[2].upper(), bool(c[3] or c[5]), c[4]) for c in info]
        pk = tuple(c[1] for c in sorted((c for c in info if c[5]), key=lambda c: c[5]))
        indexes, unique = {}, set()
        for idx in conn.execute(f"PRAGMA index_list({table})").fetchall():
            cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({idx[1]})").fetchall())
            if idx[3] == "c":
                indexes[idx[1]] = (cols, bool(idx[2]))
            elif idx[3] == "u":
                unique.add(cols)
        fks = {(f[3], f[2], f[4], f[6]) for f in conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()}
        out[table] = {"columns": columns, "pk": pk, "unique": unique, "indexes": indexes, "fks": fks}
    return out


def _postgres_schema(conn) -> dict:
    out = {}
    tables = conn.execute(
        """SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"""
    ).fetchall()
    for (table,) in tables:
        if table in ("warta_schema", "warta_changes"):  # PostgreSQL's PRAGMA user_version and data_version
            continue
        info = conn.execute(
            """SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""",
            (table,),
        ).fetchall()
        columns = [(c[0], _TYPES.get(c[1], c[1]), c[2] == "NO", c[3]) for c in info if c[0] not in _SEARCH]
        indexes, unique, pk = {}, set(), ()
        for name, definition in conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?", (table,)
        ).fetchall():
            cols = tuple(  # an index column may sort NULLs first, as SQLite does (see postgres/0006)
                re.sub(r" NULLS FIRST$", "", c.strip()).strip('"')
                for c in re.search(r"\((.*)\)$", definition)[1].split(",")
            )
            is_unique = definition.startswith("CREATE UNIQUE")
            if name == f"{table}_pkey":
                pk = cols
            elif name.endswith("_key"):
                unique.add(cols)
            elif name not in _SEARCH:
                indexes[name] = (cols, is_unique)
        fks = set(
            conn.execute(
                """SELECT k.column_name, u.table_name, u.column_name, r.delete_rule
                     FROM information_schema.referential_constraints r
                     JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name
                     JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.constraint_name
                    WHERE k.table_schema = current_schema() AND k.table_name = ?""",
                (table,),
            ).fetchall()
        )
        out[table] = {"columns": columns, "pk": pk, "unique": unique, "indexes": indexes, "fks": fks}
    return out


def test_every_migration_has_a_postgres_twin():
    from warta.store.migrations import _migrations

    names = [(n, name) for n, name, _ in _migrations()]
    assert [(n, name) for n, name, _ in _migrations("postgresql")] == names, (
        "each migrations/NNNN_name.sql needs migrations/postgres/NNNN_name.sql making the same tables, columns "
        "and indexes"
    )


def test_both_stores_have_the_same_tables_columns_and_indexes(tmp_path, pg_url):
    with Store(tmp_path / "w.db") as lite, Store(pg_url) as pg:
        expected, got = _sqlite_schema(lite.conn), _postgres_schema(pg.conn)
    assert sorted(got) == sorted(expected)
    for table in expected:
        assert got[table] == expected[table], table
    assert expected["events"]["indexes"]["events_source_date"] == (
        ("source_actor", "date", "event_id", "negated", "hypothetical"),
        False,
    )


def test_a_store_written_by_a_newer_warta_is_refused(pg_url):
    with Store(pg_url) as store:
        store.conn.raw.execute("UPDATE warta_schema SET version = 999")
    with pytest.raises(StoreError, match="newer"):
        Store(pg_url)


def test_full_text_search_uses_the_indonesian_configuration_where_the_server_has_one(pg_url):
    with Store(pg_url) as store:
        ingest_seeds(store)
        server_has_it = store.conn.raw.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'").fetchone()
        parser = store.conn.raw.execute(
            "SELECT c.cfgname FROM pg_ts_config c JOIN pg_ts_config_map m ON m.mapcfg = c.oid JOIN pg_ts_dict d "
            "ON d.oid = m.mapdict WHERE c.cfgname = 'warta' AND d.dictname = 'indonesian_stem' LIMIT 1"
        ).fetchone()
        assert bool(parser) == bool(server_has_it)
        from warta.store import queries

        (hit,) = queries.search_articles(store.conn, "Zinoviev")
        assert hit.ref == "003_623a4fe61b1ac6d9" and "[Zinoviev]" in hit.snippet
        if server_has_it:  # stemming: "kunjungan" (a visit) finds "berkunjung" (to visit) and the like
            assert queries.search_articles(store.conn, "kunjungi")


def ingest_seeds(store: Store) -> None:
    from warta.ingest import ingest

    assert ingest([SEEDS], store).ok


# -- the same output ------------------------------------------------------------------------------


def _corpus(tmp_path: Path, lines: slice | None = None, name: str = "indosum.jsonl") -> Path:
    """The bundled 1,000 IndoSum articles (or a slice of them) as a plain JSON Lines file."""
    path = tmp_path / name
    with gzip.open(DATA / "indosum-1000.jsonl.gz", "rt", encoding="utf-8") as fh:
        records = fh.readlines()
    path.write_text("".join(records[lines] if lines else records), encoding="utf-8")
    return path


def _events(db: str, *, keep_ids: bool = True) -> list[str]:
    res = warta("events", "--format", "jsonl", "--all", "--db", db)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    if not keep_ids:  # the store's own numbering of articles and fused events left out
        lines = [json.dumps({k: v for k, v in json.loads(x).items() if k not in ("article_id", "canonical_id")},
                            sort_keys=True, ensure_ascii=False) for x in lines]  # fmt: skip
    return sorted(lines)


def _fused(db: str, out: Path) -> list[dict]:
    res = warta("export", str(out), "--fused", "--db", db)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r.pop("ingested_at")  # the time each store was written
    return rows


def test_seeds_and_1000_indosum_articles_give_identical_output_in_both_stores(tmp_path, pg_url):
    corpus = _corpus(tmp_path)
    lite = str(tmp_path / "w.db")
    summaries = []
    for db in (lite, pg_url):
        res = warta("-q", "ingest", str(SEEDS), str(corpus), "--db", db)
        assert res.returncode in (0, 1) and "Traceback" not in res.stderr, res.stderr
        summaries.append(res.stdout.split("→")[0])
    assert summaries[0] == summaries[1] and "1005 ingested" in summaries[0].replace(",", "")
    events = _events(lite)
    assert len(events) > 250
    assert _events(pg_url) == events
    assert _fused(pg_url, tmp_path / "p.jsonl") == _fused(lite, tmp_path / "s.jsonl")
    articles = [warta("articles", "--limit", "2000", "--db", db).stdout.splitlines()[1:] for db in (lite, pg_url)]
    assert articles[0] == articles[1] and len(articles[0]) > 1005
    assert _gdelt(pg_url, tmp_path / "gp") == _gdelt(lite, tmp_path / "gs")


def _gdelt(db: str, folder: Path) -> dict[str, str]:
    """The GDELT files of a store, with the times of ingestion (DATEADDED, the files' stamp) blanked."""
    folder.mkdir()
    res = warta("export", str(folder), "--gdelt", "--db", db)
    assert res.returncode == 0, res.stderr
    files = {
        p.name.split(".", 1)[1]: re.sub(r"\b20\d{12}\b", "T", p.read_text(encoding="utf-8")) for p in folder.iterdir()
    }
    assert sorted(files) == ["export.CSV", "mentions.CSV", "warta.CSV"] and files["export.CSV"]
    return files


# -- concurrent writers ---------------------------------------------------------------------------


def test_two_ingests_of_overlapping_inputs_store_each_article_and_event_once(tmp_path, pg_databases):
    first, second = _corpus(tmp_path, slice(0, 240), "a.jsonl"), _corpus(tmp_path, slice(120, 360), "b.jsonl")
    both, alone = pg_databases(), pg_databases()
    code = [sys.executable, "-c", CLI, "-q", "ingest"]
    procs = [
        subprocess.Popen([*code, str(path), "--db", both, "--workers", "1"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for path in (first, second)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    assert all("Traceback" not in err for _, err in outputs)
    res = warta("-q", "ingest", str(_corpus(tmp_path, slice(0, 360), "all.jsonl")), "--db", alone, "--workers", "1")
    assert res.returncode == 0, res.stderr
    with contextlib.closing(connect(both)) as conn:
        hashes = conn.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone()
        assert tuple(hashes) == (360, 360)
        ids = conn.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
        assert ids[0] == ids[1] > 0
        unfused = "SELECT count(*) FROM events WHERE canonical_id IS NULL AND negated = 0 AND hypothetical = 0"
        assert conn.execute(unfused).fetchone()[0] == 0
    assert _events(both, keep_ids=False) == _events(alone, keep_ids=False)


def test_a_writer_waiting_past_the_timeout_gets_the_busy_error(pg_url):
    from tests.conftest import make_article
    from warta.pipeline import process

    holder = connect(pg_url)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(pg_url, timeout=0.2) as store:
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                store.add(process(make_article("Jakarta - Presiden bertemu menteri luar negeri pada Senin pagi.")))
            assert not store.conn.in_transaction
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_dropped_connection_is_replaced_on_the_next_statement(pg_url):
    with contextlib.closing(connect(pg_url, readonly=True)) as conn:
        with contextlib.closing(connect(pg_url)) as other:
            other.execute("SELECT pg_terminate_backend(?)", (conn.raw.info.backend_pid,))
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("SELECT count(*) FROM articles")
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        with pytest.raises(sqlite3.OperationalError, match="read-only"):  # the new connection is read-only too
            conn.execute("DELETE FROM articles")


# -- serving --------------------------------------------------------------------------------------


def test_serve_with_two_workers_answers_from_postgres(pg_url):
    import socket
    import time
    import urllib.request

    with Store(pg_url) as store:
        ingest_seeds(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(  # the store named by WARTA_DB, as --db would
        [sys.executable, "-c", CLI, "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "WARTA_DB": pg_url},
    )  # fmt: skip
    try:
        answers = []
        deadline = time.monotonic() + 60
        while len(answers) < 4 and time.monotonic() < deadline:
            try:
                for path in ("/api/events?limit=2", "/api/articles?q=Zinoviev"):
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as res:
                        answers.append(json.loads(res.read()))
            except OSError:
                time.sleep(0.3)
        assert len(answers) >= 4, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert answers[0]["total"] > 30 and len(answers[0]["items"]) == 2
        assert [a["ref"] for a in answers[1]["items"]] == ["003_623a4fe61b1ac6d9"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
