"""Shared fixtures: paths to the project's own sample data (never ../shared)."""

from __future__ import annotations

import json
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
def seed_meta() -> dict[str, dict]:
    rows = [json.loads(line) for line in (DATA / "seeds.meta.jsonl").read_text(encoding="utf-8").splitlines()]
    return {row["doc"]: row for row in rows}


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(*DEFAULT_PIPELINE, on_error="raise")


def make_article(text: str, ref: str = "t", given: Given | None = None) -> Article:
    """An article as the text reader makes it, for stage tests."""
    return Article(ref=ref, source=f"{ref}.txt", fmt="text", raw=text, plain=text, given=given or Given())
