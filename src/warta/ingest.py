"""Ingesting: read files and feeds, run the pipeline, store — reporting bad input, never stopping.

:func:`ingest` is the batch job behind ``warta ingest``; it reads, processes and stores one
article at a time, so memory stays flat on any batch size.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warta import errors
from warta.article import Article
from warta.dicts import Overlay
from warta.errors import InputError, StoreError
from warta.pipeline import Pipeline
from warta.stages import DEFAULT_PIPELINE
from warta.stages.read import DEFAULT_MAX_BYTES, STDIN, display_name, iter_files, read_path, walk
from warta.store.db import AddResult, Store

log = logging.getLogger(__name__)

COMMIT_EVERY = 100
"""Articles per write transaction: one commit per article cost a third of ingest time, and a
transaction of 100 coded articles is written in well under a second."""


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
    workers: int = 1,
    dicts: Overlay | None = None,
) -> IngestSummary:
    """Read, process and store every article under ``paths``.

    Articles are processed outside any transaction and written ``commit_every`` at a time in
    one short write transaction, so the store's write lock is held only while writing: other
    writers (the HTTP API, another ingest) wait briefly instead of failing.

    With ``workers`` > 1, this process reads and writes while that many worker processes clean
    and code; results come back in reading order, so the store ends exactly as with one worker.

    Args:
        paths: files and folders (folders are recursed).
        store: the open store to write to.
        max_bytes: size limit of one page or one feed record.
        progress: called with the number of bytes consumed after each article or error.
        commit_every: articles per write transaction (each article is all or nothing regardless).
        code: run the whole pipeline and store the events (False: clean and metadata only).
        workers: processes that run the pipeline (1: all in this process).
        dicts: a user's dictionaries to code with, over the bundled ones (:mod:`warta.dicts`).
    """
    batch = _Batch(store, IngestSummary(), commit_every, coded=code)
    stages = DEFAULT_PIPELINE if code else ("clean", "metadata")
    known = _stored_hashes(store) if code else frozenset()
    items = _read_all(paths, max_bytes, batch)
    try:
        if workers <= 1:
            _init_worker(stages, dicts, known)
            done: Iterable[tuple[Article | InputError | None, int]] = map(_process, items)
            _collect(done, batch, progress)
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("forkserver")
            with ctx.Pool(workers, initializer=_init_worker, initargs=(stages, dicts, known)) as pool:
                _collect(pool.imap(_process, items, chunksize=WORKER_CHUNK), batch, progress)
    finally:
        batch.flush()
    return batch.summary


WORKER_CHUNK = 16
"""Articles sent to a worker at a time: enough to pay for the hand-over, few enough to balance."""

_prepare: Pipeline | None = None
_code: Pipeline | None = None
_known: frozenset[bytes] = frozenset()


def _stored_hashes(store: Store) -> frozenset[bytes]:
    """The content hashes of the stored articles (raw bytes, 32 each), so that an article already
    stored is cleaned and recognised but not coded again: a resumed or repeated ingest skips the
    costly stages."""
    return frozenset(bytes.fromhex(row[0]) for row in store.conn.execute("SELECT content_hash FROM articles"))


def _init_worker(stages: tuple[str, ...], dicts: Overlay | None = None, known: frozenset[bytes] = frozenset()) -> None:
    """Set up this process's pipeline: the stages up to ``metadata``, then the coding stages."""
    global _prepare, _code, _known
    cut = stages.index("metadata") + 1 if "metadata" in stages else len(stages)
    _prepare = Pipeline(*stages[:cut], dicts=dicts)
    _code = Pipeline(*stages[cut:], assigned=_prepare_fields(stages[:cut]), dicts=dicts) if stages[cut:] else None
    _known = known


def _prepare_fields(stages: tuple[str, ...]) -> frozenset[str]:
    from warta.stages import STAGES

    return frozenset(f for name in stages for f in STAGES[name].assigns)


def _read_all(paths: Iterable[str | Path], max_bytes: int, batch: _Batch) -> Iterator[tuple[Article | InputError, int]]:
    """Every article or input error under ``paths``, with the bytes it used up, in order."""
    for item in walk(paths):
        if isinstance(item, InputError):
            yield item, 0
            continue
        batch.summary.files += 1
        if str(item) != STDIN and not item.exists() and not item.is_symlink():
            yield InputError(display_name(item), errors.UNREADABLE, "no such file or folder"), 0
            continue
        for read in read_path(item, max_bytes=max_bytes):
            yield (read.error if read.error is not None else read.article), read.size  # type: ignore[misc]


def _process(item: tuple[Article | InputError, int]) -> tuple[Article | InputError, int]:
    """Run the pipeline on one article (in a worker or here); an input error passes through."""
    art, size = item
    if isinstance(art, InputError):
        return art, size
    assert _prepare is not None
    try:
        done = _prepare(art)
        if _code is not None and not _failed(done) and not (_known and _is_known(done)):
            done = _code(done)
    except Exception as exc:  # the pipeline records a stage's failure; this is the last guard
        log.warning("%s: unexpected error", art.source, exc_info=True)
        return InputError(art.source, errors.INTERNAL, f"{type(exc).__name__}: {exc}"), size
    if failed := _failed(done):
        return InputError(done.source, failed[0].code, failed[0].message), size
    if not done.text.strip():
        return InputError(done.source, errors.NO_TEXT, "nothing left after cleaning"), size
    return done, size


def _failed(art: Article) -> list:
    return [p for p in art.problems if p.code.startswith("E")]


def _is_known(art: Article) -> bool:
    from warta.dedup import content_hash

    return bool(art.text) and bytes.fromhex(content_hash(art.text)) in _known


def _collect(
    done: Iterable[tuple[Article | InputError | None, int]], batch: _Batch, progress: Callable[[int], None] | None
) -> None:
    for art, size in done:
        if progress:
            progress(size)
        if isinstance(art, InputError):
            batch.skip(art)
        elif art is not None:
            batch.add(art)


@dataclass(slots=True)
class _Batch:
    """Processed articles waiting to be written together."""

    store: Store
    summary: IngestSummary
    size: int
    pending: list[Article] = field(default_factory=list)
    coded: bool = True

    def skip(self, error: InputError) -> None:
        log.info("skipped %s", error)
        self.summary.skipped.append(error)

    def add(self, art: Article) -> None:
        self.pending.append(art)
        if len(self.pending) >= self.size:
            self.flush()

    def flush(self) -> None:
        """Write the pending articles in one transaction, counted once it has committed.

        An article the store refuses is skipped alone; if the transaction itself fails (the
        store stayed locked past the timeout, the disk is full) every article in it is skipped
        with the reason, and nothing of them is stored.
        """
        if not self.pending:
            return
        arts, self.pending = self.pending, []
        written: list[tuple[Article, AddResult]] = []
        refused: list[InputError] = []
        try:
            with self.store.transaction():
                for art in arts:
                    try:
                        written.append((art, self.store.add(art, commit=False, coded=self.coded)))
                    except (sqlite3.IntegrityError, StoreError) as exc:
                        refused.append(InputError(art.source, errors.STORE_FAILED, f"cannot store: {exc}"))
        except sqlite3.Error as exc:
            self.store.forget_index()
            for art in arts:
                self.skip(InputError(art.source, errors.STORE_FAILED, f"cannot store: {exc}"))
            return
        for error in refused:
            self.skip(error)
        s = self.summary
        for art, result in written:
            s.results.append((art.source, result))
            if result.status == "present":
                s.present += 1
            else:
                s.ingested += 1
                s.events += result.events
                s.near_duplicates += result.status == "near-duplicate"
