"""Read queries over the store, as named functions returning plain dataclasses.

The CLI, and later the HTTP API and the dashboard, are thin layers over these.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date

import orjson

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


def _event_where(f: EventFilter, *, sides: bool = True) -> tuple[str, list[object]]:
    """The WHERE clause of a filter; without ``sides``, less the dyad (or, with none, the actor) that
    :func:`_sides` turns into conditions of its own."""
    where: list[str] = []
    args: list[object] = []
    if f.actor and (sides or f.dyad):
        where.append("(e.source_actor = ? OR e.target_actor = ?)")
        args += [f.actor, f.actor]
    if f.dyad and sides:
        a, b = f.dyad
        if f.directed:
            where.append("(e.source_actor = ? AND e.target_actor = ?)")
            args += [a, b]
        else:
            where.append("((e.source_actor = ? AND e.target_actor = ?) OR (e.source_actor = ? AND e.target_actor = ?))")
            args += [a, b, b, a]
    start, end = _period_sql()
    if f.date_from:  # the exact bound, and a looser one an index can seek
        where.append(f"e.date IS NOT NULL AND {end} >= ? AND e.date >= ?")
        args += [_pad(f.date_from, "-01-01"), f.date_from[:4]]
    if f.date_to:
        where.append(f"e.date IS NOT NULL AND {start} <= ? AND e.date <= ?")
        args += [_pad(f.date_to, "-12-31"), _pad(f.date_to, "-12-31")]
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


SQL_MAX_INT = 2**63 - 1
"""The largest integer both stores take: a LIMIT past it (a page at a huge offset) is cut to it."""
COUNT_CAP = 1000
"""How far :func:`count_events` counts when given a cap (the API's default ``total``)."""


def _sides(f: EventFilter) -> list[tuple[str, list[object]]]:
    """The filter's actor or dyad as conditions each of which an index reads in date order."""
    if f.dyad:
        a, b = f.dyad
        pairs = [(a, b)] if f.directed or a == b else [(a, b), (b, a)]
        return [("e.source_actor = ? AND e.target_actor = ?", [x, y]) for x, y in pairs]
    if f.actor:
        return [("e.source_actor = ?", [f.actor]), ("e.target_actor = ?", [f.actor])]
    return [("1 = 1", [])]


def encode_cursor(key: tuple[str | None, str]) -> str:
    """An opaque cursor for keyset pagination: the (date, event_id) of the last event of a page."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, str]:
    """The (date, event_id) an :func:`encode_cursor` cursor holds.

    Raises:
        ValueError: not a cursor this store gave.
    """
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
        date_, event_id = key
        if not isinstance(event_id, str) or not (date_ is None or isinstance(date_, str)):
            raise TypeError
    except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
        raise ValueError(f"after: not a cursor of this API (the `next` of a page), {cursor[:40]!r}") from None
    return date_, event_id


def event_page(
    conn: sqlite3.Connection,
    f: EventFilter,
    limit: int = 100,
    offset: int = 0,
    after: tuple[str | None, str] | None = None,
) -> tuple[list[dict], tuple[str | None, str] | None]:
    """A page of :func:`list_events` and the key of its last event when more follow (else None).

    Keyset pagination: ``after`` is the (date, event_id) key of the last event of the previous page
    (:func:`decode_cursor`); events are ordered by date (undated last), then event_id. Each side of
    the filter's actor or dyad (source, target) is read in that order from its index, ``offset +
    limit + 1`` keys at most (from the index alone unless a filter needs another column), and the
    sides are merged, so that no page sorts every match; then the page's records are read.
    """
    where, args = _event_where(f, sides=False)
    base = where[len(" WHERE ") :] if where else "1 = 1"
    want = min(offset + limit + 1, SQL_MAX_INT) if limit >= 0 else -1
    found: dict[str, tuple[int, str, str]] = {}  # event_id: its sort key
    for side, side_args in _sides(f):  # keys only: from the index alone when no other column is filtered
        got = 0
        if after is None or after[0] is not None:
            cond, extra = "e.date IS NOT NULL", []
            if after is not None:
                cond += " AND (e.date, e.event_id) > (?, ?)"
                extra = [after[0], after[1]]
            rows = conn.execute(
                f"SELECT e.date, e.event_id FROM events e "
                f"WHERE {side} AND {base} AND {cond} ORDER BY e.date, e.event_id LIMIT ?",
                [*side_args, *args, *extra, want],
            ).fetchall()
            got = len(rows)
            for date_, event_id in rows:
                found[event_id] = (0, date_, event_id)
        if (want < 0 or got < want) and not (f.date_from or f.date_to):
            cond, extra = "e.date IS NULL", []
            if after is not None and after[0] is None:
                cond += " AND e.event_id > ?"
                extra = [after[1]]
            rows = conn.execute(
                f"SELECT e.date, e.event_id FROM events e "
                f"WHERE {side} AND {base} AND {cond} ORDER BY e.event_id LIMIT ?",
                [*side_args, *args, *extra, want - got if want >= 0 else -1],
            ).fetchall()
            for _, event_id in rows:
                found[event_id] = (1, "", event_id)
    ordered = sorted(found.values())
    page = ordered[offset : offset + limit] if limit >= 0 else ordered[offset:]
    more = limit >= 0 and len(ordered) > offset + limit and bool(page)
    records: dict[str, sqlite3.Row] = {}
    ids = [key[2] for key in page]
    for i in range(0, len(ids), 500):  # then the records of the page's events
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT event_id, article_id, canonical_id, record FROM events WHERE event_id IN ({marks})"
        records.update((r[0], r) for r in conn.execute(sql, chunk))
    out = []
    for key in page:
        r = records[key[2]]
        rec = orjson.loads(r["record"])
        rec["article_id"] = r["article_id"]
        rec["canonical_id"] = r["canonical_id"]
        if "cameo_name" not in rec:  # stored by a Warta before the field existed
            rec["cameo_name"] = ontology.get(rec["cameo"]).name
        out.append(rec)
    last_key = page[-1] if page else None
    return out, ((last_key[1] if last_key[0] == 0 else None, last_key[2]) if more and last_key else None)


def list_events(conn: sqlite3.Connection, f: EventFilter, limit: int = 100, offset: int = 0) -> list[dict]:
    """Event records (as stored JSON, with ``article_id`` and the fused event's ``canonical_id``, null
    for an event not fused) matching ``f``, oldest first (undated last, ties by event_id)."""
    return event_page(conn, f, limit, offset)[0]


def count_events(conn: sqlite3.Connection, f: EventFilter | None = None, cap: int | None = None) -> int:
    """How many events match ``f``; with ``cap``, counting stops past it (the answer is then ``cap + 1``)."""
    f = f or EventFilter(include_unreal=True)
    if cap is None:
        where, args = _event_where(f)
        return int(conn.execute(f"SELECT count(*) FROM events e{where}", args).fetchone()[0])
    where, args = _event_where(f, sides=False)
    base = where[len(" WHERE ") :] if where else "1 = 1"
    overlap = ("e.source_actor = ? AND e.target_actor = ?", [f.actor, f.actor]) if f.actor and not f.dyad else None
    return count_sides(conn, "events e", _sides(f), base, args, cap, overlap)


def count_sides(
    conn: sqlite3.Connection, table: str, sides: list[tuple[str, list[object]]], base: str, args: list[object],
    cap: int | None, overlap: tuple[str, list[object]] | None = None,
) -> int:  # fmt: skip
    """How many rows of ``table`` match ``base`` on one of ``sides``, each side counted from its index;
    the sides are disjoint but for ``overlap`` (an actor's rows to itself, on both sides: taken once).
    With ``cap``, each side is counted only up to it and the answer is at most ``cap + 1``."""
    limit = " LIMIT ?" if cap is not None else ""

    def count(cond: str, cond_args: list[object]) -> int:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {cond} AND {base}{limit}) AS s"
        return int(conn.execute(sql, [*cond_args, *args, *([cap + 1] if cap is not None else [])]).fetchone()[0])

    total = 0
    for side, side_args in sides:
        n = count(side, side_args)
        if cap is not None and n > cap:
            return cap + 1
        total += n
    if overlap is not None:
        total -= count(*overlap)
    return total if cap is None else min(cap + 1, total)
