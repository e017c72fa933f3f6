"""Shared fixtures: paths to the project's own sample data (never ../shared), and stores in both dialects."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from warta.article import Article, Given
from warta.pipeline import Pipeline
from warta.stages import DEFAULT_PIPELINE

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "examples" / "seeds"
PAGES = DATA / "pages"
UNDO_0006 = """DROP TRIGGER canonical_counts_insert; DROP TRIGGER canonical_counts_delete;
DROP TRIGGER canonical_counts_update;
DROP TABLE dyad_counts; DROP TABLE actor_counts; DROP TABLE period_levels;
DROP INDEX events_source_date; DROP INDEX events_target_date; DROP INDEX events_dyad_date; DROP INDEX events_date_id;
DROP INDEX canonical_source_date; DROP INDEX canonical_target_date; DROP INDEX canonical_dyad_date;
CREATE INDEX events_source ON events (source_actor, date); CREATE INDEX events_target ON events (target_actor, date);
CREATE INDEX events_date ON events (date); PRAGMA user_version = 5;"""
"""SQL taking a store back to the schema before migration 0006 (period counts), for migration tests."""


@pytest.fixture(scope="session")
def seed_store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the five seed articles, ingested once per session; copy it with :func:`seed_store`."""
    from warta.ingest import ingest
    from warta.store.db import Store

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        ingest([SEEDS], store)
    return path


def seed_store(template: Path, folder: Path, name: str = "warta.db") -> Path:
    """A private copy of the seed store in ``folder`` (tests that write to it change only their copy)."""
    path = folder / name
    shutil.copyfile(template, path)
    return path


@pytest.fixture(scope="session")
def seed_meta() -> dict[str, dict]:
    rows = [json.loads(line) for line in (DATA / "seeds.meta.jsonl").read_text(encoding="utf-8").splitlines()]
    return {row["doc"]: row for row in rows}


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(*DEFAULT_PIPELINE, on_error="raise")


def make_article(text: str, ref: str = "t", given: Given | None = None) -> Article:
    """An article as the text reader makes it, for stage tests."""
    return Article(ref=ref, source=f"{ref}.txt", fmt="text", raw=text, plain=text, given=given or Given())


# -- PostgreSQL -----------------------------------------------------------------------------------
# The store tests run against SQLite and PostgreSQL. The server is WARTA_TEST_PG (a URL whose user may
# create databases; failing to connect to it is an error), or else a throw-away server started here
# when PostgreSQL's initdb and pg_ctl are installed; with neither, the PostgreSQL cases are skipped and
# say why. Each test gets databases of its own, dropped afterwards.

DIALECTS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database (``postgres``), for making test databases."""
    import os
    import tempfile

    from warta.store import pg_server as server

    url = os.environ.get("WARTA_TEST_PG")
    try:
        import psycopg
    except ImportError:
        if url:
            pytest.fail("WARTA_TEST_PG is set but psycopg is not installed (pip install 'warta[postgres]')")
        pytest.skip("PostgreSQL cases skipped: psycopg is not installed (pip install 'warta[postgres]')")
    if url:
        try:
            psycopg.connect(url, connect_timeout=10).close()
        except psycopg.Error as exc:
            pytest.fail(f"WARTA_TEST_PG={url}: cannot connect: {exc}")
        yield url
        return
    if server.binaries() is None:
        pytest.skip("PostgreSQL cases skipped: WARTA_TEST_PG is not set and initdb/pg_ctl are not installed")
    folder = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    try:
        running = server.start(folder)
    except RuntimeError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(str(exc))
    try:
        yield running.url
    finally:
        running.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def _pg_admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql)


def pg_database_url(server: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``server``'s URL."""
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def pg_databases(pg_server: str) -> Iterator[Callable[..., str]]:
    """Makes a new PostgreSQL database (optionally a copy of another) and gives its URL; every one is
    dropped at the end of the session (or earlier through ``make.drop``)."""
    import uuid

    made: list[str] = []

    def make(template: str | None = None) -> str:
        name = f"warta_test_{uuid.uuid4().hex[:12]}"
        _pg_admin(pg_server, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        made.append(name)
        return pg_database_url(pg_server, name)

    def drop(url: str) -> None:
        name = url.rsplit("/", 1)[1]
        _pg_admin(pg_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in made:
            made.remove(name)

    make.drop = drop  # type: ignore[attr-defined]
    yield make
    for name in list(made):
        _pg_admin(pg_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_databases: Callable[..., str]) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test."""
    url = pg_databases()
    yield url
    pg_databases.drop(url)  # type: ignore[attr-defined]


@pytest.fixture(params=DIALECTS)
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Makes new, empty stores of one dialect (the test runs once with each): ``new_db("a")`` is a
    SQLite file in ``tmp_path``, or the URL of a new PostgreSQL database."""
    if request.param == "sqlite":
        yield lambda name: str(tmp_path / f"{name}.db")
        return
    make = request.getfixturevalue("pg_databases")
    made: list[str] = []

    def new(name: str) -> str:
        made.append(make())
        return made[-1]

    yield new
    for url in made:
        make.drop(url)


@pytest.fixture(scope="session")
def seed_pg_template(pg_databases: Callable[..., str]) -> str:
    """A PostgreSQL store of the five seed articles, ingested once per session; copy it with
    ``pg_databases(template=…)``. Returns the database's name."""
    from warta.ingest import ingest
    from warta.store.db import Store

    url = pg_databases()
    with Store(url) as store:
        ingest([SEEDS], store)
    return url.rsplit("/", 1)[1]


@pytest.fixture(scope="module", params=DIALECTS)
def seed_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seed_store_template: Path
) -> Iterator[str]:
    """A private copy of the seed store for one test module, once in each dialect."""
    if request.param == "sqlite":
        yield str(seed_store(seed_store_template, tmp_path_factory.mktemp("seeds"), "warta.db"))
        return
    make = request.getfixturevalue("pg_databases")
    url = make(template=request.getfixturevalue("seed_pg_template"))
    yield url
    make.drop(url)
