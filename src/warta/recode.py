"""Re-coding: code stored articles again, after an upgrade of Warta or for articles never coded.

:func:`plan` chooses the articles and :func:`recode` (the job behind ``warta recode``) codes them.
Each article is rebuilt from the store (its clean text, paragraphs and metadata, exactly as stored;
cleaning and metadata are not run again) and goes through the coding stages, ``sentences`` to
``events``, outside any transaction. Then one short write transaction per article replaces its
events: events the coder produces again unchanged are kept (only their coder version is updated),
the others are deleted and the new ones inserted, and the fused events that lost a report are
fused again (:func:`warta.fuse.refuse`). The article then carries the current coder version, so a
run stopped at any point (even by ``kill -9``) resumes where it stopped.

Which articles (``plan``):

* by default, those never coded (stored with ``warta ingest --no-code``; coder version NULL) and
  those coded by an older version of the coder; articles coded by a newer Warta are left alone;
* ``since=VERSION``: those coded by VERSION or a later version older than the current one (never
  coded articles are left to a plain run);
* ``everything``: every article. The articles are first marked (table ``recode_pending``), and the
  marks are what a re-run resumes from: any later run finishes an interrupted ``everything`` first.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from warta import errors
from warta.article import Article, Meta, Paragraph
from warta.dicts import Overlay
from warta.errors import InputError, WartaError
from warta.fuse import refuse
from warta.pipeline import Pipeline
from warta.record import CODER_VERSION
from warta.stages import DEFAULT_PIPELINE
from warta.store.db import EVENT_COLUMNS, INSERT_EVENT_SQL, Store, event_rows

log = logging.getLogger(__name__)

CODING_STAGES: tuple[str, ...] = DEFAULT_PIPELINE[DEFAULT_PIPELINE.index("metadata") + 1 :]
"""The stages run again on a stored article: every stage after ``metadata``."""

_STORED_FIELDS = frozenset({"text", "paragraphs", "dropped", "meta"})


class VersionError(WartaError):
    """A coder version that cannot be compared with this Warta's."""


def version_key(version: str) -> tuple[str, tuple[int, ...]] | None:
    """A coder version as (coder name, version numbers): ``warta-id-0.2`` → ``("warta-id", (0, 2))``.

    None when the text does not end in a dotted version number.
    """
    m = re.fullmatch(r"(.*?)[-_ ]?v?(\d+(?:\.\d+)*)", version.strip())
    if m is None:
        return None
    return m[1], tuple(int(n) for n in m[2].split("."))


def compare(version: str, current: str = CODER_VERSION) -> int | None:
    """-1, 0 or 1 as ``version`` is older than, equal to or newer than ``current``; None when they
    are versions of different coders (or not versions at all)."""
    if version == current:
        return 0
    a, b = version_key(version), version_key(current)
    if a is None or b is None or a[0] != b[0]:
        return None
    return (a[1] > b[1]) - (a[1] < b[1])


def parse_since(value: str, current: str = CODER_VERSION) -> str:
    """Check the value of ``--since``: a version of this coder (``warta-id-0.1``, or just ``0.1``),
    not newer than the current one. Returns it in full.

    Raises:
        VersionError: it is not a version of this coder, or it is newer than this Warta's.
    """
    value = value.strip()
    name = (version_key(current) or ("", ()))[0]
    if re.fullmatch(r"v?\d+(?:\.\d+)*", value) and name:
        value = f"{name}-{value.lstrip('v')}"
    order = compare(value, current)
    if order is None:
        raise VersionError(f"--since {value!r} is not a version of this coder (like {current!r})")
    if order > 0:
        raise VersionError(f"--since {value!r} is newer than this Warta's coder ({current})")
    return value


@dataclass(slots=True, frozen=True)
class Plan:
    """The articles a run will code, in order, and what it leaves alone."""

    article_ids: tuple[int, ...]
    newer: int = 0  # articles coded by a newer Warta, left alone
    resumed: int = 0  # articles left to do by an interrupted ``--all``


def plan(store: Store, *, since: str | None = None, everything: bool = False) -> Plan:
    """Choose the articles to code again (see the module's docstring); ``everything`` marks them.

    Raises:
        VersionError: ``since`` is not a version of this coder, or is newer than it.
        WartaError: ``since`` and ``everything`` together.
    """
    if since is not None and everything:
        raise WartaError("--since and --all cannot be used together")
    since = parse_since(since) if since is not None else None
    conn = store.conn
    resumed = conn.execute("SELECT COUNT(*) FROM recode_pending").fetchone()[0]
    if everything and not resumed:
        with store.transaction():
            conn.execute("INSERT OR IGNORE INTO recode_pending (article_id) SELECT article_id FROM articles")
    versions: list[str] = []
    never = since is None and not everything
    newer = 0
    for version, n in conn.execute("SELECT coder_version, COUNT(*) FROM articles GROUP BY coder_version"):
        if version is None or everything:
            continue
        order = compare(version)
        if since is not None:
            if order is not None and order < 0 and compare(version, since) in (0, 1):
                versions.append(version)
        elif order is None or order < 0:
            versions.append(version)
        elif order > 0:
            newer += n
    marks = ",".join("?" * len(versions))
    rows = conn.execute(
        f"""SELECT article_id FROM articles WHERE coder_version IN ({marks}) OR (? = 1 AND coder_version IS NULL)
            UNION SELECT article_id FROM recode_pending ORDER BY article_id""",
        (*versions, int(never)),
    )
    return Plan(tuple(r[0] for r in rows), newer, resumed)


def article_from_store(conn: sqlite3.Connection, article_id: int) -> Article | None:
    """A stored article as the coding stages need it: its clean text, paragraphs and metadata,
    exactly as stored (the raw page is not kept, so ``raw`` and ``plain`` are the clean text)."""
    row = conn.execute(
        """SELECT ref, source, format, text, paragraphs, url, title, outlet, outlet_rule, dateline, published,
                  published_precision, published_rule, published_source, language FROM articles
            WHERE article_id = ?""",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    paragraphs = tuple(
        Paragraph(start=p[0], end=p[1], line_no=p[2], is_title=bool(p[3])) for p in json.loads(row["paragraphs"])
    )
    meta = Meta(
        title=row["title"], outlet=row["outlet"], outlet_rule=row["outlet_rule"], dateline=row["dateline"],
        published=row["published"], published_precision=row["published_precision"],
        published_rule=row["published_rule"], published_source=row["published_source"], language=row["language"],
        url=row["url"],
    )  # fmt: skip
    text = row["text"]
    return Article(
        ref=row["ref"], source=row["source"], fmt=row["format"], raw=text, plain=text, text=text,
        paragraphs=paragraphs, meta=meta,
    )  # fmt: skip


def coding_pipeline(dicts: Overlay | None = None) -> Pipeline:
    """The coding stages, for articles rebuilt from the store (with a user's dictionaries, if given)."""
    return Pipeline(*CODING_STAGES, assigned=_STORED_FIELDS, dicts=dicts)


@dataclass(slots=True)
class RecodeSummary:
    """Counts of one run: articles coded and changed, events and fused events before and after."""

    selected: int = 0
    recoded: int = 0
    changed: int = 0
    newer: int = 0
    events_before: int = 0
    events_after: int = 0
    fused_before: int = 0
    fused_after: int = 0
    failed: list[InputError] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped early (the store could not be written)

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None


def _counts(conn: sqlite3.Connection) -> tuple[int, int]:
    return (
        conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        conn.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0],
    )


def recode(
    store: Store,
    chosen: Plan | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    dicts: Overlay | None = None,
) -> RecodeSummary:
    """Code the planned articles again (default: :func:`plan` with no options), one article a
    write transaction.

    An article whose coding fails is reported in ``failed`` and left as it was; a store that cannot
    be written (locked past the timeout, disk full) stops the run, with the reason in ``stopped``.

    Args:
        store: the open store.
        chosen: the articles, from :func:`plan`.
        progress: called with 1 after each article.
        dicts: a user's dictionaries to code with, over the bundled ones (:mod:`warta.dicts`).
    """
    chosen = chosen if chosen is not None else plan(store)
    conn = store.conn
    summary = RecodeSummary(selected=len(chosen.article_ids), newer=chosen.newer)
    summary.events_before, summary.fused_before = _counts(conn)
    pipeline = coding_pipeline(dicts)
    for article_id in chosen.article_ids:
        try:
            outcome = recode_article(store, article_id, pipeline)
        except sqlite3.Error as exc:
            summary.stopped = f"{store.path}: cannot write article {article_id}: {exc}"
            break
        if isinstance(outcome, InputError):
            summary.failed.append(outcome)
        elif outcome is not None:
            summary.recoded += 1
            summary.changed += outcome
        if progress:
            progress(1)
    summary.events_after, summary.fused_after = _counts(conn)
    return summary


def recode_article(store: Store, article_id: int, pipeline: Pipeline | None = None) -> bool | InputError | None:
    """Code one stored article again and replace its events; True when they changed.

    None when the article is no longer stored; an :class:`InputError` when coding failed (the
    article is then left as it was).

    Raises:
        sqlite3.Error: the store could not be written.
    """
    conn = store.conn
    art = article_from_store(conn, article_id)
    if art is None:
        return None
    try:
        art = (pipeline or coding_pipeline())(art)
        failed = [p for p in art.problems if p.code.startswith("E")]
        if failed:
            return InputError(art.source, failed[0].code, failed[0].message)
        rows: dict[str, tuple] = {}
        for row in event_rows(art):
            rows.setdefault(row[0], row)  # as the store's INSERT OR IGNORE: the first of one id
    except Exception as exc:  # the pipeline records a stage's failure; this is the last guard
        log.warning("%s: unexpected error", art.source, exc_info=True)
        return InputError(art.source, errors.INTERNAL, f"{type(exc).__name__}: {exc}")
    columns = ", ".join(EVENT_COLUMNS)
    with store.transaction():
        if conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id,)).fetchone() is None:
            return None
        old = conn.execute(f"SELECT {columns}, canonical_id FROM events WHERE article_id = ?", (article_id,))
        lost: dict[str, int] = {}  # removed event → its canonical event
        changed = False
        kept: set[str] = set()
        for row in old.fetchall():
            event_id, canonical_id = row[0], row[-1]
            new = rows.get(event_id)
            if new is not None and _same_event(tuple(row)[:-1], new):
                kept.add(event_id)
                conn.execute(
                    "UPDATE events SET coder_version = ?, record = ? WHERE event_id = ?",
                    (new[-2], new[-1], event_id),
                )
                continue
            changed = True
            conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
            if canonical_id is not None:
                lost[event_id] = canonical_id
        added = [(row[0], article_id, *row[1:]) for event_id, row in rows.items() if event_id not in kept]
        if added and conn.executemany(INSERT_EVENT_SQL, added).rowcount:
            changed = True  # (an id another article holds is not stored, as in ingest)
        stages = tuple(CODING_STAGES)
        marks = ",".join("?" * len(stages))
        conn.execute(f"DELETE FROM article_problems WHERE article_id = ? AND stage IN ({marks})", (article_id, *stages))
        conn.executemany(
            "INSERT INTO article_problems (article_id, stage, code, message) VALUES (?, ?, ?, ?)",
            [(article_id, p.stage, p.code, p.message) for p in art.problems if p.stage in stages],
        )
        if changed:
            refuse(conn, lost, [article_id])
        conn.execute("UPDATE articles SET coder_version = ? WHERE article_id = ?", (CODER_VERSION, article_id))
        conn.execute("DELETE FROM recode_pending WHERE article_id = ?", (article_id,))
    return changed


def _same_event(old: tuple, new: tuple) -> bool:
    """Whether a stored event row and a new one say the same, apart from the coder version."""
    if old[:-2] != new[:-2]:
        return False
    try:
        a, b = json.loads(old[-1]), json.loads(new[-1])
    except (TypeError, ValueError):
        return False
    a.pop("coder_version", None)
    b.pop("coder_version", None)
    return a == b
