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
