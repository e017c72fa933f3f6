"""Read queries over the store, as named functions returning plain dataclasses.

The CLI, and later the HTTP API and the dashboard, are thin layers over these.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from warta import ontology
from warta.article import DroppedLine
from warta.store.postgres import is_postgres, search_postgres


@dataclass(slots=True, frozen=True)
class ArticleRow:
    article_id: int
    ref: str
    title: str | None
    outlet: str | None
    published: str | None
    published_precision: str | None
    language: str | None
    source: str
    duplicate_of: int | None = None


@dataclass(slots=True, frozen=True)
class ArticleDetail:
    row: ArticleRow
    url: str | None
    dateline: str | None
    outlet_rule: str | None
    published_rule: str | None
    text: str
    paragraphs: list[list[int | bool]]
    dropped: list[DroppedLine]
    problems: list[str]
    published_source: str | None = None


@dataclass(slots=True, frozen=True)
class SearchHit:
    article_id: int
    ref: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str


_ROW_COLUMNS = """a.article_id, a.ref, a.title, a.outlet, a.published, a.published_precision, a.language,
       a.source, (SELECT MIN(duplicate_of) FROM near_duplicates n WHERE n.article_id = a.article_id)"""
_ROW_SQL = f"SELECT {_ROW_COLUMNS} FROM articles a"
_DETAIL_SQL = f"""SELECT {_ROW_COLUMNS}, a.url, a.dateline, a.outlet_rule, a.published_rule, a.text, a.paragraphs,
       a.published_source
  FROM articles a WHERE a.article_id = ?"""
_ROW_WIDTH = 9  # the columns of ArticleRow


def _row(r: sqlite3.Row) -> ArticleRow:
    return ArticleRow(*r)


def count_articles(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def list_articles(conn: sqlite3.Connection, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    """Stored articles, newest publication first (undated last), then in order of ingestion."""
    sql = f"{_ROW_SQL} ORDER BY a.published IS NULL, a.published DESC, a.article_id LIMIT ? OFFSET ?"
    return [_row(r) for r in conn.execute(sql, (limit, offset))]


def find_article(conn: sqlite3.Connection, key: str) -> int | None:
    """The article_id named by ``key``: a number, or a ref (feed id or file base name)."""
    if key.isdigit():
        row = conn.execute("SELECT article_id FROM articles WHERE article_id = ?", (int(key),)).fetchone()
        if row:
            return int(row[0])
    row = conn.execute("SELECT article_id FROM articles WHERE ref = ? ORDER BY article_id LIMIT 1", (key,)).fetchone()
    return int(row[0]) if row else None


def get_article(conn: sqlite3.Connection, article_id: int) -> ArticleDetail | None:
    r = conn.execute(_DETAIL_SQL, (article_id,)).fetchone()
    if r is None:
        return None
    extra = r[_ROW_WIDTH:]
    dropped = [
        DroppedLine(line_no=d[0], text=d[1], rule=d[2])
        for d in conn.execute(
            "SELECT line_no, text, rule FROM dropped_lines WHERE article_id = ? ORDER BY line_no",
            (article_id,),
        )
    ]
    problems = [
        f"{p[0]} [{p[1]}] {p[2]}"
        for p in conn.execute("SELECT stage, code, message FROM article_problems WHERE article_id = ?", (article_id,))
    ]
    return ArticleDetail(
        ArticleRow(*r[:_ROW_WIDTH]),
        extra[0],
        extra[1],
        extra[2],
        extra[3],
        extra[4],
        json.loads(extra[5]),
        dropped,
        problems,
        extra[6],
    )


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: each word quoted (so punctuation is safe), all required."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


def search_articles(
    conn: sqlite3.Connection, query: str, limit: int = 20, marks: tuple[str, str] = ("[", "]")
) -> list[SearchHit]:
    """Full-text search over titles and clean text, best first; ``marks`` open and close each hit
    in the snippet."""
    match = fts_query(query[:MAX_TEXT_FILTER])
    if not match:
        return []
    if is_postgres(conn):
        return search_postgres(conn, query[:MAX_TEXT_FILTER], limit, marks)
    sql = """SELECT a.article_id, a.ref, a.title, a.outlet, a.published,
                    snippet(articles_fts, 1, ?, ?, '…', 14)
               FROM articles_fts JOIN articles a ON a.article_id = articles_fts.rowid
              WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"""
    return [SearchHit(*r) for r in conn.execute(sql, (*marks, match, limit))]


# -- events ---------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which events to return. Dates are ISO prefixes; an event matches when its period overlaps.

    ``dyad`` is two actors (states or organisations) in either direction, or in that direction
    with ``directed``; ``code`` is a CAMEO prefix ("04", "042"); negated and hypothetical events
    are left out unless ``include_unreal``.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    date_from: str | None = None
    date_to: str | None = None
    code: str | None = None
    quad_class: int | None = None
    text: str | None = None
    article_id: int | None = None
    include_unreal: bool = False


_DATE_BOUND = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_TEXT_FILTER = 1000
"""Longest text filter or search query accepted (SQLite refuses LIKE patterns beyond 50,000)."""


def check_date_bound(value: str, name: str) -> str:
    """A date filter: an ISO date or prefix (2024, 2024-01, 2024-01-31) that exists on the calendar.

    Raises:
        ValueError: naming ``name`` (the flag or field) and the value.
    """
    m = _DATE_BOUND.match(value)
    ok = m is not None
    if m:
        y, mo, d = m.groups()
        try:
            date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(f"{name}: an ISO date or prefix that exists (2024, 2024-01, 2024-01-31), not {value!r}")
    return value


def check_date_range(date_from: str | None, date_to: str | None, names: tuple[str, str] = ("from", "to")) -> None:
    """Both bounds valid, and the first not after the second.

    Raises:
        ValueError: naming the flag or field at fault.
    """
    if date_from:
        check_date_bound(date_from, names[0])
    if date_to:
        check_date_bound(date_to, names[1])
    if date_from and date_to and _pad(date_from, "-01-01") > _pad(date_to, "-12-31"):
        raise ValueError(f"{names[0]} {date_from} is after {names[1]} {date_to}")


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards (``%``, ``_``) and the escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _period_sql() -> tuple[str, str]:
    start = "(e.date || substr('-01-01', length(e.date) - 3))"
    end = "(e.date || substr('-12-31', length(e.date) - 3))"
    return start, end


def _pad(value: str, tail: str) -> str:
    return value + tail[len(value) - 4 :] if len(value) < 10 else value


def _event_where(f: EventFilter) -> tuple[str, list[object]]:
    where, args = [], []
    if f.actor:
        where.append("(e.source_actor = ? OR e.target_actor = ?)")
        args += [f.actor, f.actor]
    if f.dyad:
        a, b = f.dyad
        if f.directed:
            where.append("(e.source_actor = ? AND e.target_actor = ?)")
            args += [a, b]
        else:
            where.append("((e.source_actor = ? AND e.target_actor = ?) OR (e.source_actor = ? AND e.target_actor = ?))")
            args += [a, b, b, a]
    start, end = _period_sql()
    if f.date_from:
        where.append(f"e.date IS NOT NULL AND {end} >= ?")
        args.append(_pad(f.date_from, "-01-01"))
    if f.date_to:
        where.append(f"e.date IS NOT NULL AND {start} <= ?")
        args.append(_pad(f.date_to, "-12-31"))
    if f.code:
        where.append("e.cameo LIKE ?")
        args.append(f.code + "%")
    if f.quad_class is not None:
        where.append("e.quad_class = ?")
        args.append(f.quad_class)
    if f.text:
        where.append("e.sentence LIKE ? ESCAPE '\\'")
        args.append(f"%{like_escape(f.text[:MAX_TEXT_FILTER])}%")
    if f.article_id is not None:
        where.append("e.article_id = ?")
        args.append(f.article_id)
    if not f.include_unreal:
        where.append("e.negated = 0 AND e.hypothetical = 0")
    return (" WHERE " + " AND ".join(where)) if where else "", args


def list_events(conn: sqlite3.Connection, f: EventFilter, limit: int = 100, offset: int = 0) -> list[dict]:
    """Event records (as stored JSON, with ``article_id`` and the fused event's ``canonical_id``, null
    for an event not fused) matching ``f``, oldest first."""
    where, args = _event_where(f)
    rows = conn.execute(
        f"SELECT e.article_id, e.canonical_id, e.record FROM events e{where} "
        "ORDER BY e.date IS NULL, e.date, e.event_id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    out = []
    for r in rows:
        rec = json.loads(r["record"])
        rec["article_id"] = r["article_id"]
        rec["canonical_id"] = r["canonical_id"]
        if "cameo_name" not in rec:  # stored by a Warta before the field existed
            rec["cameo_name"] = ontology.get(rec["cameo"]).name
        out.append(rec)
    return out


def count_events(conn: sqlite3.Connection, f: EventFilter | None = None) -> int:
    where, args = _event_where(f or EventFilter(include_unreal=True))
    return int(conn.execute(f"SELECT count(*) FROM events e{where}", args).fetchone()[0])
