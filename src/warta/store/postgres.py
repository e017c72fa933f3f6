"""The PostgreSQL store: a connection that takes the SQL the rest of Warta writes for SQLite.

Warta's queries are written once, in the SQLite dialect. :func:`connect` opens a PostgreSQL
database (``postgresql://user@host:port/name``) and returns a :class:`PgConnection`, which offers
the part of ``sqlite3.Connection`` that Warta uses (``execute``, ``executemany``,
``in_transaction``, ``close``) and translates each statement once (:func:`translate`, cached):

* ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
* ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``; an ``INSERT`` into a table
  with a generated key gets ``RETURNING`` that key, which the cursor gives as ``lastrowid``;
* ``LIKE`` becomes ``ILIKE`` (SQLite's ``LIKE`` ignores case), ``LIMIT ?`` takes SQLite's
  negative limit as no limit, and every ``ORDER BY`` term gets SQLite's place for NULLs (first
  when ascending, last when descending), so both stores return rows in the same order;
* ``BEGIN`` / ``BEGIN IMMEDIATE`` open a transaction and take the store's write lock
  (``pg_advisory_xact_lock``), which serialises writers as SQLite's ``BEGIN IMMEDIATE`` does;
  waiting longer than the timeout raises, like SQLite's busy timeout;
* ``PRAGMA query_only = ON`` makes the session read-only; the column ``symmetric``, a reserved
  word in PostgreSQL, is quoted; an empty ``IN ()`` list becomes an empty subquery.

Rows are read by name and by index, as ``sqlite3.Row``. Errors are raised as the ``sqlite3``
module's exception classes (``IntegrityError`` for a constraint, ``OperationalError`` saying
"database is locked" for a lock timeout), so the callers' error handling serves both stores.

Text columns compare and sort by code point (``COLLATE "C"``), as in SQLite. Full-text search
uses a ``tsvector`` column with a GIN index (see ``migrations/postgres/0001_articles.sql``):
the text-search configuration ``warta`` copies the server's ``indonesian`` one, or ``simple``
where the server has none. psycopg 3 is imported only when a PostgreSQL store is opened.
"""

from __future__ import annotations

import contextlib
import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from warta.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")
LOCK_KEY = 0x57415254  # "WART": the store's write lock (a transaction-level advisory lock)
KEYS = {"articles": "article_id", "canonical_events": "canonical_id"}
"""Tables whose key the database generates: an INSERT into them returns it (``lastrowid``)."""


def is_url(db: object) -> bool:
    """Whether ``db`` names a PostgreSQL database rather than a SQLite file."""
    return str(db).startswith(SCHEMES)


def is_postgres(conn: object) -> bool:
    """Whether ``conn`` is a PostgreSQL connection (:class:`PgConnection`)."""
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def redact(url: str) -> str:
    """The URL with its password hidden, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


# -- translation ----------------------------------------------------------------------------------

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_RESERVED = re.compile(r'(?<![.\w"])(symmetric)\b', re.I)
"""Column names that PostgreSQL reserves (``BETWEEN SYMMETRIC``): quoted unless qualified."""
_ORDER_END = re.compile(r"\b(?:LIMIT|OFFSET)\b", re.I)


def _order_terms(clause: str) -> str:
    """An ORDER BY list with SQLite's NULL order made explicit on each term."""
    terms, depth, start = [], 0, 0
    for i, ch in enumerate(clause):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            terms.append(clause[start:i])
            start = i + 1
    terms.append(clause[start:])
    out = []
    for term in terms:
        body = term.strip()
        if re.search(r"\bNULLS\s+(?:FIRST|LAST)$", body, re.I):
            out.append(body)
        elif re.search(r"\bDESC$", body, re.I):
            out.append(f"{body} NULLS LAST")
        else:
            out.append(f"{body} NULLS FIRST")
    return ", ".join(out)


def _orders(sql: str) -> str:
    """Every ORDER BY clause with explicit NULL order (a clause ends at LIMIT, OFFSET, a closing
    parenthesis of its level, or the end)."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER\s+BY\b", sql, re.I):
        if m.start() < pos:
            continue
        depth, end = 0, len(sql)
        for i in range(m.end(), len(sql)):
            ch = sql[i]
            depth += (ch == "(") - (ch == ")")
            if depth < 0 or (depth == 0 and ch == ";"):
                end = i
                break
            if depth == 0 and (stop := _ORDER_END.match(sql, i)) and (i == 0 or not sql[i - 1].isalnum()):
                end = stop.start()
                break
        out.append(sql[pos : m.end()])
        tail = sql[m.end() : end]
        out.append(" " + _order_terms(tail) + (" " if tail.endswith((" ", "\n")) else ""))
        pos = end
    out.append(sql[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=512)
def translate(sql: str, returning: bool = False) -> str:
    """A statement in Warta's SQLite dialect, in PostgreSQL's (see the module's docstring).

    ``returning``: add ``RETURNING key`` to an INSERT into a table of :data:`KEYS`.
    """
    text = sql.strip().rstrip(";")
    if re.fullmatch(r"PRAGMA\s+query_only\s*=\s*(?:ON|1|TRUE)", text, re.I):
        return "SET default_transaction_read_only = on"
    ignore = bool(re.match(r"INSERT\s+OR\s+IGNORE\s+INTO\b", text, re.I))
    if ignore:
        text = re.sub(r"^INSERT\s+OR\s+IGNORE\s+INTO\b", "INSERT INTO", text, flags=re.I)
    pieces = []  # outside string literals: placeholders, LIKE, LIMIT, ORDER BY
    pos = 0
    for m in _LITERAL.finditer(text):
        pieces.append((text[pos : m.start()], False))
        pieces.append((m.group(), True))
        pos = m.end()
    pieces.append((text[pos:], False))
    out = []
    for piece, literal in pieces:
        piece = piece.replace("%", "%%")
        if not literal:
            piece = re.sub(r"\bLIKE\b", "ILIKE", piece, flags=re.I)
            piece = re.sub(r"\bLIMIT\s+\?", "LIMIT NULLIF(GREATEST(?, -1), -1)", piece, flags=re.I)
            piece = piece.replace("?", "%s")
            piece = _RESERVED.sub(r'"\1"', piece)
            piece = re.sub(r"\bIN\s*\(\s*\)", "IN (SELECT NULL WHERE false)", piece, flags=re.I)
        out.append(piece)
    text = _orders("".join(out))
    if ignore:
        text += " ON CONFLICT DO NOTHING"
    if returning and (m := re.match(r"INSERT\s+INTO\s+(\w+)", text, re.I)) and m[1] in KEYS:
        if not re.search(r"\bRETURNING\b", text, re.I):
            text += f" RETURNING {KEYS[m[1]]}"
    return text


# -- full-text search -----------------------------------------------------------------------------

SEARCH_SQL = """SELECT a.article_id, a.ref, a.title, a.outlet, a.published, ts_headline('warta', a.text, q, %s)
  FROM articles a, plainto_tsquery('warta', %s) q
 WHERE a.search @@ q
 ORDER BY ts_rank(a.search, q) DESC, a.article_id
 LIMIT %s"""


def search_postgres(conn: Any, query: str, limit: int, marks: tuple[str, str]) -> list[Any]:
    """Full-text search of a PostgreSQL store (``queries.search_articles`` calls it): every word
    required, as with FTS5; best first; a snippet of about 14 words with each hit between ``marks``."""
    from warta.store.queries import SearchHit

    words = " ".join(re.findall(r"\w+", query))
    if not words:
        return []
    options = f'StartSel="{marks[0]}", StopSel="{marks[1]}", MaxWords=14, MinWords=6, ShortWord=2, MaxFragments=1'
    with _as_sqlite_errors():
        rows = conn.raw.execute(SEARCH_SQL, (options, words, limit)).fetchall()
    return [SearchHit(*r) for r in rows]


# -- rows -----------------------------------------------------------------------------------------


class Row(tuple):
    """A row readable by index and by column name, like ``sqlite3.Row``."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}
    _names: ClassVar[tuple[str, ...]] = ()

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                key = self._index[key.lower()]
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@functools.lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name.lower(), i)
    return type("Row", (Row,), {"__slots__": (), "_index": index, "_names": names})


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    return _row_class(tuple(c.name for c in cursor.description))  # a tuple class: called with the values


# -- errors ---------------------------------------------------------------------------------------


def _message(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


@contextlib.contextmanager
def _as_sqlite_errors() -> Iterator[None]:
    """psycopg's errors as the sqlite3 module's classes (the callers catch those)."""
    import psycopg
    from psycopg import errors as pe

    try:
        yield
    except (pe.LockNotAvailable, pe.QueryCanceled, pe.DeadlockDetected, pe.SerializationFailure) as exc:
        raise sqlite3.OperationalError(f"database is locked: {_message(exc)}") from exc
    except psycopg.IntegrityError as exc:
        raise sqlite3.IntegrityError(_message(exc)) from exc
    except psycopg.Error as exc:
        raise sqlite3.OperationalError(_message(exc)) from exc


# -- the connection -------------------------------------------------------------------------------


class _Result:
    """What ``execute`` returns: psycopg's cursor, with ``lastrowid`` for an INSERT."""

    __slots__ = ("_cursor", "lastrowid")

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description


class PgConnection:
    """A PostgreSQL connection with the interface of ``sqlite3.Connection`` that Warta uses."""

    dialect = "postgresql"

    def __init__(self, raw: Any, url: str, session: Sequence[str] = ()) -> None:
        self.raw = raw
        self.url = url
        self._session = list(session)  # settings to restore on a new connection

    def _usable(self) -> None:
        """Connect again when the server dropped the connection (restarted, say): the statement that
        met the dropped connection failed; the next one runs on a new connection, as with SQLite."""
        if self.raw.broken:
            self.raw = _open(self.url)
            for statement in self._session:
                self.raw.execute(statement)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = ()) -> _Result:
        head = sql.lstrip()[:16].upper()
        with _as_sqlite_errors():
            self._usable()
            if head.startswith("BEGIN"):
                self.begin()
                return _Result(self.raw.cursor())
            insert = head.startswith("INSERT")
            statement = translate(sql, insert)
            cur = self.raw.cursor()
            cur.execute(statement, tuple(params or ()))
            if statement.startswith("SET "):
                self._session.append(statement)
            lastrowid = None
            if insert and cur.description is not None:
                row = cur.fetchone()
                lastrowid = int(row[0]) if row else None
            return _Result(cur, lastrowid)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> _Result:
        with _as_sqlite_errors():
            self._usable()
            cur = self.raw.cursor()
            cur.executemany(translate(sql), [tuple(r) for r in rows])
            return _Result(cur)

    def begin(self) -> None:
        """Open a write transaction holding the store's write lock (``BEGIN IMMEDIATE``).

        Raises:
            sqlite3.OperationalError: "database is locked": another writer held the lock past the
                lock timeout (nothing is left open).
        """
        self.raw.execute("BEGIN")
        try:
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()

    # -- schema version (SQLite keeps it in PRAGMA user_version) --

    def schema_version(self) -> int:
        """The store's schema version: 0 for a database Warta has not written yet."""
        with _as_sqlite_errors():
            # a scan of pg_class, not to_regclass(): the caches behind the latter may not yet show a
            # table another process created while this one waited for the write lock
            exists = self.raw.execute(
                """SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relname = 'warta_schema' AND n.nspname = current_schema()"""
            ).fetchone()[0]
            if not exists:
                return 0
            row = self.raw.execute("SELECT max(version) FROM warta_schema").fetchone()
            return int(row[0] or 0)

    def apply_migration(self, number: int, sql: str) -> None:
        """Run one migration script inside the open transaction and record its number."""
        with _as_sqlite_errors():
            self.raw.execute(sql)
            self.raw.execute("CREATE TABLE IF NOT EXISTS warta_schema (version INTEGER NOT NULL)")
            self.raw.execute("DELETE FROM warta_schema")
            self.raw.execute("INSERT INTO warta_schema (version) VALUES (%s)", (number,))


def connect(url: str, *, timeout: float) -> PgConnection:
    """Open the PostgreSQL database at ``url`` (no migration: :func:`warta.store.db.connect` does it).

    Args:
        url: ``postgresql://user[:password]@host[:port]/name`` (libpq's URL form).
        timeout: seconds a write waits for another writer's transaction (``lock_timeout``).

    Raises:
        StoreError: psycopg is not installed, or the server cannot be reached or refuses.
    """
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            f"{redact(url)}: a PostgreSQL store needs psycopg; install it with pip install 'warta[postgres]'"
        ) from None
    try:
        raw = _open(url)
    except (psycopg.Error, ValueError) as exc:
        raise StoreError(f"{redact(url)}: cannot connect: {_message(exc)}") from None
    wait = f"SET lock_timeout = {max(1, int(timeout * 1000))}"
    try:
        raw.execute(wait)
    except psycopg.Error as exc:
        raw.close()
        raise StoreError(f"{redact(url)}: cannot use the database: {_message(exc)}") from None
    return PgConnection(raw, url, [wait])


def _open(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
