"""The registry of per-article stages, in pipeline order.

This is the one list of stage names: the pipeline, the CLI and the docs read it, and a test pins
it. Reading (``stages/read.py``) is the pipeline's source, not a stage: one feed file yields many
articles, and its errors are reported per record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warta.article import Article
from warta.stages.actors import find_actors
from warta.stages.clean import clean_article
from warta.stages.events import code_events
from warta.stages.metadata import extract_metadata
from warta.stages.sentences import split_sentences
from warta.stages.time import find_times


@dataclass(slots=True, frozen=True)
class Stage:
    """A named step ``Article -> Article`` that sets ``assigns`` and needs ``requires``."""

    name: str
    run: Callable[[Article], Article]
    requires: frozenset[str]
    assigns: frozenset[str]


STAGES: dict[str, Stage] = {
    "clean": Stage("clean", clean_article, frozenset({"plain"}), frozenset({"text", "paragraphs", "dropped"})),
    "metadata": Stage("metadata", extract_metadata, frozenset({"text", "paragraphs", "dropped"}), frozenset({"meta"})),
    "sentences": Stage("sentences", split_sentences, frozenset({"text", "paragraphs"}), frozenset({"sentences"})),
    "actors": Stage("actors", find_actors, frozenset({"sentences", "meta"}), frozenset({"actors"})),
    "time": Stage("time", find_times, frozenset({"sentences", "meta"}), frozenset({"times", "reference"})),
    "events": Stage(
        "events", code_events, frozenset({"sentences", "actors", "times", "reference"}), frozenset({"events"})
    ),
}

DEFAULT_PIPELINE: tuple[str, ...] = tuple(STAGES)
