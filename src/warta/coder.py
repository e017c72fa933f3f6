"""Coding files and feeds into event records: read → the pipeline → records, one article at a time.

This is the whole flow for one input, as the CLI, the HTTP API and the evaluation use it::

    read (stages/read.py) → clean → metadata → sentences → actors → time → events → records
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from warta import errors
from warta.article import Article
from warta.dicts import Overlay
from warta.errors import InputError
from warta.pipeline import Pipeline
from warta.record import EventRecord, records_from_article
from warta.stages.read import read_path, walk


@dataclass(slots=True)
class Coded:
    """One input's outcome: the coded article and its records, or the input error."""

    source: str
    article: Article | None = None
    records: list[EventRecord] | None = None
    error: InputError | None = None


def code_article(art: Article, pipeline: Pipeline | None = None) -> tuple[Article, list[EventRecord]]:
    """Run the whole pipeline on one article and return it with its event records."""
    art = (pipeline or Pipeline())(art)
    return art, records_from_article(art)


def run_paths(
    paths: Iterable[Path], pipeline: Pipeline, max_bytes: int = 5_000_000, lang: str | None = None
) -> Iterator[Coded]:
    """Run ``pipeline`` on every article in ``paths`` (files or folders); bad inputs are yielded as
    errors. The outcomes carry no records: the pipeline may stop before the events stage.
    ``lang`` (``en``, ``id``, ``ms``) overrides the detected language of every article."""
    for path in walk(list(paths)):
        if isinstance(path, InputError):
            yield Coded(source=path.path, error=path)
            continue
        for item in read_path(path, max_bytes):
            if item.error is not None:
                yield Coded(source=item.error.path, error=item.error)
                continue
            assert item.article is not None
            if lang is not None:
                item.article.given = replace(item.article.given, language=lang)
            try:
                art = pipeline(item.article)
            except Exception as exc:  # the pipeline records a stage's failure; this is the last guard
                error = InputError(item.article.source, errors.INTERNAL, f"{type(exc).__name__}: {exc}")
                yield Coded(source=item.article.source, error=error)
                continue
            yield Coded(source=art.source, article=art)


def code_paths(
    paths: Iterable[Path], max_bytes: int = 5_000_000, dicts: Overlay | None = None, lang: str | None = None
) -> Iterator[Coded]:
    """Code every article in ``paths`` (files or folders), with a user's dictionaries ``dicts`` if
    given, and as ``lang`` when given (else each article's detected language); bad inputs are
    yielded as errors."""
    for coded in run_paths(paths, Pipeline(dicts=dicts), max_bytes, lang):
        if coded.article is not None:
            coded.records = records_from_article(coded.article)
        yield coded
