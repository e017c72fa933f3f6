"""The stage registry and the pipeline's checks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import make_article
from warta.errors import WartaError
from warta.pipeline import Pipeline
from warta.stages import DEFAULT_PIPELINE, STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "warta"


def test_pipeline_registry_is_pinned():
    # renaming or dropping a stage must be a deliberate change of this list
    assert DEFAULT_PIPELINE == ("clean", "metadata", "sentences", "actors", "time", "events")
    assert {n: sorted(s.assigns) for n, s in STAGES.items()} == {
        "clean": ["dropped", "paragraphs", "text"],
        "metadata": ["meta"],
        "sentences": ["sentences"],
        "actors": ["actors"],
        "time": ["reference", "times"],
        "events": ["events"],
    }


def test_pipeline_rejects_unknown_and_misordered_stages():
    with pytest.raises(WartaError, match="unknown stage"):
        Pipeline("clean", "frobnicate")
    with pytest.raises(WartaError, match="needs"):
        Pipeline("metadata")


def test_pipeline_records_a_failing_stage(monkeypatch):
    from warta import stages

    def boom(art):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(stages.STAGES, "clean", stages.Stage("clean", boom, frozenset(), frozenset({"text"})))
    art = Pipeline("clean")(make_article("x"))
    assert [(p.stage, p.code) for p in art.problems] == [("clean", "E900")]
    with pytest.raises(RuntimeError):
        Pipeline("clean", on_error="raise")(make_article("x"))


def test_core_imports_no_framework():
    """Typer and Rich belong to the CLI, FastAPI to the web layer; the library stays usable without them."""
    allowed = {
        "cli.py": {"typer", "rich"},
        "api.py": {"fastapi", "pydantic", "starlette"},
        "api_models.py": {"pydantic"},
    }
    for path in SRC.rglob("*.py"):
        frameworks = {"typer", "rich", "fastapi", "pydantic", "starlette"} - allowed.get(path.name, set())
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.split(".")[0] in frameworks for n in names), path
