"""Schema migrations: numbered SQL files applied in order, tracked by ``PRAGMA user_version``."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from warta.errors import StoreError


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("warta.store").joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        if m := re.match(r"^(\d{4})_\w+\.sql$", entry.name):
            out.append((int(m[1]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def latest_version() -> int:
    """The schema version this Warta writes."""
    return max(n for n, _, _ in _migrations())


def check_version(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a store opened read-only, which must be this Warta's.

    Raises:
        StoreError: the store is older (it needs one writable open to migrate) or newer.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
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
