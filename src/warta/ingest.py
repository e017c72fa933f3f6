"""Ingesting: read files and feeds, run the pipeline, store — reporting bad input, never stopping.

:func:`ingest` is the batch job behind ``warta ingest``; it reads, processes and stores one
article at a time, so memory stays flat on any batch size.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warta import errors
from warta.errors import InputError, StoreError
from warta.pipeline import Pipeline
from warta.stages import DEFAULT_PIPELINE
from warta.stages.read import DEFAULT_MAX_BYTES, iter_files, read_path
from warta.store.db import AddResult, Store

log = logging.getLogger(__name__)

COMMIT_EVERY = 200
"""Articles per transaction in a batch: one commit per article cost a third of ingest time."""


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run, and every input that was skipped with its reason."""

    files: int = 0
    ingested: int = 0
    present: int = 0
    near_duplicates: int = 0
    events: int = 0
    skipped: list[InputError] = field(default_factory=list)
    results: list[tuple[str, AddResult]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped


def total_bytes(paths: Iterable[str | Path]) -> int:
    """The bytes an ingest of ``paths`` will read (for a progress bar)."""
    total = 0
    for p in iter_files(paths):
        with contextlib.suppress(OSError):
            total += p.stat().st_size
    return total


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int], None] | None = None,
    commit_every: int = COMMIT_EVERY,
    code: bool = True,
) -> IngestSummary:
    """Read, process and store every article under ``paths``.

    Args:
        paths: files and folders (folders are recursed).
        store: the open store to write to.
        max_bytes: size limit of one page or one feed record.
        progress: called with the number of bytes consumed after each article or error.
        commit_every: articles per transaction (each article is all or nothing regardless).
        code: run the whole pipeline and store the events (False: clean and metadata only).
    """
    stages = DEFAULT_PIPELINE if code else ("clean", "metadata")
    try:
        return _ingest(paths, store, max_bytes, progress, commit_every, stages)
    finally:
        store.commit()


def _ingest(
    paths: Iterable[str | Path],
    store: Store,
    max_bytes: int,
    progress: Callable[[int], None] | None,
    commit_every: int,
    stages: tuple[str, ...] = DEFAULT_PIPELINE,
) -> IngestSummary:
    pipeline = Pipeline(*stages)
    summary = IngestSummary()
    for path in iter_files(paths):
        summary.files += 1
        if not path.exists():
            summary.skipped.append(InputError(str(path), errors.UNREADABLE, "no such file or folder"))
            continue
        for item in read_path(path, max_bytes=max_bytes):
            if progress:
                progress(item.size)
            if item.error is not None:
                log.info("skipped %s", item.error)
                summary.skipped.append(item.error)
                continue
            assert item.article is not None
            art = pipeline(item.article)
            failed = [p for p in art.problems if p.code.startswith("E")]
            if failed:
                summary.skipped.append(InputError(art.source, failed[0].code, failed[0].message))
                continue
            if not art.text.strip():
                summary.skipped.append(InputError(art.source, errors.NO_TEXT, "nothing left after cleaning"))
                continue
            try:
                result = store.add(art, commit=False)
            except (sqlite3.Error, StoreError) as exc:
                summary.skipped.append(InputError(art.source, "E901", f"cannot store: {exc}"))
                continue
            summary.results.append((art.source, result))
            if len(summary.results) % commit_every == 0:
                store.commit()
            if result.status == "present":
                summary.present += 1
            else:
                summary.ingested += 1
                summary.events += len(art.events)
                summary.near_duplicates += result.status == "near-duplicate"
    return summary
