"""The store: one writer, every article all or nothing.

``Store(path)`` opens (and migrates) the database: a SQLite file, or a PostgreSQL database named
by a ``postgresql://`` URL (:mod:`warta.store.postgres`, which takes the same SQL). :meth:`Store.add`
stores a processed article and says whether it was new, already present, or a near-duplicate of a
stored one. Each article is written inside a savepoint, so a failure leaves nothing of it behind;
a batch job may group many articles into one transaction (``commit=False``, then
:meth:`Store.commit`) for speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from warta import dedup
from warta.article import Article
from warta.errors import StoreError
from warta.store import postgres
from warta.store.migrations import check_version, latest_version, migrate, schema_version

DEFAULT_DB = "warta.db"


BUSY_TIMEOUT = 30.0
"""Seconds a write waits for another writer's transaction to end before giving up."""


def connect(path: str | Path, *, readonly: bool = False, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open a connection with WAL, foreign keys and rows by name; migrate the schema.

    Args:
        path: the database file (``:memory:`` for a scratch store), or a PostgreSQL URL
            (``postgresql://user@host:port/name``; the connection is then a
            :class:`~warta.store.postgres.PgConnection`).
        readonly: open for reading only: nothing is written (no WAL switch; no migration unless
            the store is older and writable), so a store on a read-only disk or owned by another
            user can be queried.
        timeout: seconds to wait for a lock held by another connection.

    Raises:
        StoreError: the file is not a Warta database, or (read-only) its schema is older than
            this Warta's and needs one writable open to migrate; a PostgreSQL server cannot be
            reached, or psycopg is not installed.
    """
    name = str(path)
    if postgres.is_url(name):
        return _connect_postgres(name, readonly, timeout)  # type: ignore[return-value]
    try:
        if readonly:
            uri = f"file:{quote(os.path.abspath(name))}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=timeout)
        else:
            conn = sqlite3.connect(name, isolation_level=None, timeout=timeout)  # transactions are explicit
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            if conn.execute("PRAGMA user_version").fetchone()[0] < latest_version() and os.access(name, os.W_OK):
                conn.close()  # an older store: migrate it once, since it may be written
                return connect(name, timeout=timeout)
            check_version(conn, name)
            return conn
        if name != ":memory:" and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, name)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{name}: not a Warta database or unreadable: {exc}") from None
    return conn


def _connect_postgres(url: str, readonly: bool, timeout: float) -> postgres.PgConnection:
    conn = postgres.connect(url, timeout=timeout)
    shown = postgres.redact(url)
    try:
        if readonly and schema_version(conn) == latest_version():
            check_version(conn, shown)
        else:
            migrate(conn, shown)
        if readonly:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{shown}: not a Warta database or unreadable: {exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes when a transaction writing to the store commits (another connection's,
    for SQLite), so that a reader can tell whether what it computed before is still current.

    SQLite: ``PRAGMA data_version``. PostgreSQL: the counter ``warta_changes``, which every writing
    transaction moves once as it commits (``migrations/postgres/0006_period_counts.sql``).
    """
    if postgres.is_postgres(conn):
        return int(conn.execute("SELECT changes FROM warta_changes").fetchone()[0])
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


@dataclass(slots=True, frozen=True)
class AddResult:
    """What :meth:`Store.add` did: ``status`` is ``new``, ``present`` or ``near-duplicate``; ``events``
    the article's events it wrote (none when present)."""

    status: str
    article_id: int
    duplicate_of: int | None = None
    similarity: float | None = None
    events: int = 0


class Store:
    """The article store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = postgres.redact(str(path)) if postgres.is_url(path) else str(path)
        self.conn = connect(path, readonly=readonly, timeout=timeout)
        self._index: dedup.NearDuplicateIndex | None = None
        self._indexed = 0  # the largest article_id the index has seen

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def index(self) -> dedup.NearDuplicateIndex:
        """The near-duplicate index, loaded from the stored signatures on first use."""
        if self._index is None:
            self._index = dedup.NearDuplicateIndex()
            self._indexed = 0
            self._catch_up()
        return self._index

    def _catch_up(self) -> None:
        """Index the articles stored since the index last looked (by another writer, too)."""
        assert self._index is not None
        rows = self.conn.execute(
            "SELECT article_id, minhash FROM articles WHERE article_id > ? AND minhash IS NOT NULL ORDER BY article_id",
            (self._indexed,),
        ).fetchall()
        for row in rows:
            self._index.add(row[0], dedup.from_bytes(row[1]))
        if rows:
            self._indexed = max(self._indexed, int(rows[-1][0]))

    def forget_index(self) -> None:
        """Drop the near-duplicate index (after a rollback it may name articles never stored)."""
        self._index = None

    def commit(self) -> None:
        """Commit the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``): committed at the end,
        rolled back on an exception. Keep it short: other writers wait while it is open."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._index = None
            raise
        self.conn.execute("COMMIT")

    def add(self, art: Article, *, commit: bool = True, coded: bool | None = None) -> AddResult:
        """Store a processed article, all or nothing.

        The check for an identical stored article and the insert happen in one write
        transaction, so two writers adding the same article end with it stored once.

        Args:
            art: an article that has been through ``clean`` and ``metadata``.
            commit: commit at once; with False the article stays in the open transaction
                until :meth:`commit` (a crash then loses the batch, never part of an article).
            coded: whether the article went through the coding stages (its coder version is then
                recorded, even with no events; else NULL, for ``warta recode`` to code it). None:
                judged from the article: it has sentences and no stage failed.

        Raises:
            StoreError: the article has not been through ``clean`` and ``metadata``.
            sqlite3.OperationalError: the store stayed locked by another writer past the timeout.
        """
        if art.meta is None or not art.text:
            raise StoreError(f"{art.source}: article has no clean text or metadata; run the pipeline first")
        digest = dedup.content_hash(art.text)
        sig = dedup.signature(art.text)
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        row = self.conn.execute("SELECT article_id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row is not None:
            if commit:
                self.commit()
            return AddResult("present", row[0])
        if self._index is not None:
            self._catch_up()  # inside the write transaction: what other writers stored is in the index
        match = self.index.best_match(sig)
        if coded is None:
            coded = bool(art.sentences) and not any(p.code.startswith("E") for p in art.problems)
        self.conn.execute("SAVEPOINT article")
        try:
            article_id, events = self._insert(art, digest, sig, match, coded)
        except BaseException:
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            raise
        self.conn.execute("RELEASE article")
        if commit:
            self.commit()
        self.index.add(article_id, sig)
        self._indexed = max(self._indexed, article_id)
        if match is not None:
            return AddResult("near-duplicate", article_id, match[0], match[1], events)
        return AddResult("new", article_id, events=events)

    def _insert(
        self, art: Article, digest: str, sig: dedup.MinHash, match: tuple[int, float] | None, coded: bool
    ) -> tuple[int, int]:
        """Write the article, its dropped lines, problems, search entry, near-duplicate link and events;
        returns its id and the number of events."""
        from warta.record import CODER_VERSION

        m = art.meta
        assert m is not None
        paragraphs = json.dumps([[p.start, p.end, p.line_no, p.is_title] for p in art.paragraphs])
        cur = self.conn.execute(
            """INSERT INTO articles (ref, source, format, url, title, outlet, outlet_rule, dateline,
                   published, published_precision, published_rule, published_source, language, text,
                   paragraphs, content_hash, minhash, ingested_at, coder_version)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (art.ref, art.source, art.fmt, m.url, m.title, m.outlet, m.outlet_rule, m.dateline,
             m.published, m.published_precision, m.published_rule, m.published_source, m.language, art.text,
             paragraphs, digest, dedup.to_bytes(sig), datetime.now(UTC).isoformat(timespec="seconds"),
             CODER_VERSION if coded else None),
        )  # fmt: skip
        article_id = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO dropped_lines (article_id, line_no, text, rule) VALUES (?, ?, ?, ?)",
            [(article_id, d.line_no, d.text, d.rule) for d in art.dropped],
        )
        self.conn.executemany(
            "INSERT INTO article_problems (article_id, stage, code, message) VALUES (?, ?, ?, ?)",
            [(article_id, p.stage, p.code, p.message) for p in art.problems],
        )
        if not postgres.is_postgres(self.conn):  # PostgreSQL indexes a generated column
            self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                (article_id, m.title or "", art.text),
            )
        if match is not None:
            self.conn.execute(
                "INSERT INTO near_duplicates (article_id, duplicate_of, similarity) VALUES (?, ?, ?)",
                (article_id, match[0], round(match[1], 4)),
            )
        events = 0
        if art.events:
            events = self._insert_events(article_id, art)
            from warta.fuse import fuse_pending

            fuse_pending(self.conn, article_id)
        return article_id, events

    def _insert_events(self, article_id: int, art: Article) -> int:
        rows = event_rows(art)
        self.conn.executemany(INSERT_EVENT_SQL, [(row[0], article_id, *row[1:]) for row in rows])
        return len(rows)


EVENT_COLUMNS = (
    "event_id", "date", "date_precision", "source_actor", "source_code", "target_actor", "target_code", "cameo",
    "cameo_root", "quad_class", "goldstein", "symmetric", "negated", "hypothetical", "modality", "sentence_index",
    "sentence", "confidence", "coder_version", "record",
)  # fmt: skip
"""The columns of an event row as :func:`event_rows` gives them (``article_id`` is added on insert)."""

INSERT_EVENT_SQL = (
    f"INSERT OR IGNORE INTO events (event_id, article_id, {', '.join(EVENT_COLUMNS[1:])}) "
    f"VALUES ({', '.join('?' * (len(EVENT_COLUMNS) + 1))})"
)


def event_rows(art: Article) -> list[tuple]:
    """The event rows of a coded article, in the order of :data:`EVENT_COLUMNS`."""
    from warta.record import records_from_article

    rows = []
    for rec in records_from_article(art):
        d = rec.to_dict()
        rows.append(
            (rec.event_id, rec.date, rec.date_precision, rec.source.key, rec.source.code,
             rec.target.key, rec.target.code, rec.cameo, d["cameo_root"], d["quad_class"], d["goldstein"],
             int(rec.symmetric), int(rec.negated), int(rec.hypothetical), rec.modality,
             rec.evidence.sentence_index, rec.evidence.sentence, rec.confidence, rec.coder_version,
             json.dumps(d, ensure_ascii=False))
        )  # fmt: skip
    return rows
