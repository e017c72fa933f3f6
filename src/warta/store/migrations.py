"""Schema migrations: numbered SQL files applied in order, tracked by ``PRAGMA user_version``.

A PostgreSQL store has its own files, with the same numbers and names, in ``migrations/postgres/``
(``tests/test_postgres.py`` checks that both give the same tables, columns and indexes); its
version is kept in the table ``warta_schema``, and it is migrated in one transaction holding the
store's write lock, so that two processes opening a new store do not both migrate it.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources
from typing import Any

from warta.errors import StoreError
from warta.store.postgres import is_postgres


def _migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    folder = resources.files("warta.store").joinpath("migrations")
    if dialect == "postgresql":
        folder = folder.joinpath("postgres")
    out = []
    for entry in folder.iterdir():
        if m := re.match(r"^(\d{4})_\w+\.sql$", entry.name):
            out.append((int(m[1]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    """The schema version this Warta writes."""
    return max(n for n, _, _ in _migrations())


def schema_version(conn: Any) -> int:
    """The schema version of an open store (0: a new one)."""
    if is_postgres(conn):
        return int(conn.schema_version())
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a store opened read-only, which must be this Warta's.

    Raises:
        StoreError: the store is older (it needs one writable open to migrate) or newer.
    """
    current = schema_version(conn)
    latest = latest_version()
    if current > latest:
        raise StoreError(f"{path}: schema version {current} is newer than this Warta's ({latest}); upgrade Warta")
    if current < latest:
        raise StoreError(
            f"{path}: schema version {current} needs migrating to {latest}, which needs write access; "
            "open it once with write access (for example `warta articles`)"
        )
    return current


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the database at ``path`` to the latest schema; returns the version.

    Raises:
        StoreError: the database was written by a newer Warta.
    """
    if is_postgres(conn):
        return _migrate_postgres(conn, path)
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = latest_version()
    if current > latest:
        raise StoreError(f"{path}: schema version {current} is newer than this Warta's ({latest}); upgrade Warta")
    for number, _name, sql in _migrations():
        if number <= current:
            continue
        try:
            conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            conn.rollback()
            raise
    return latest


def _migrate_postgres(conn: Any, path: str) -> int:
    latest = latest_version()
    if conn.schema_version() == latest:
        return latest
    conn.begin()  # the write lock: a second process waits here, then finds the store migrated
    try:
        current = conn.schema_version()
        if current > latest:
            raise StoreError(f"{path}: schema version {current} is newer than this Warta's ({latest}); upgrade Warta")
        for number, _name, sql in _migrations("postgresql"):
            if number > current:
                conn.apply_migration(number, sql)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return latest
