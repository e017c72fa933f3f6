"""Shared fixtures: paths to the project's own sample data (never ../shared)."""

from __future__ import annotations

import json
import shutil
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
