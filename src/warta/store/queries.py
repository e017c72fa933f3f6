"""Read queries over the store, as named functions returning plain dataclasses.

The CLI, and later the HTTP API and the dashboard, are thin layers over these.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from warta.article import DroppedLine


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
_DETAIL_SQL = f"""SELECT {_ROW_COLUMNS}, a.url, a.dateline, a.outlet_rule, a.published_rule, a.text, a.paragraphs
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
    )


def fts_query(query: str) -> str:
    """A user's words as an FTS5 query: each word quoted (so punctuation is safe), all required."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words)


def search_articles(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over titles and clean text, best first."""
    match = fts_query(query)
    if not match:
        return []
    sql = """SELECT a.article_id, a.ref, a.title, a.outlet, a.published,
                    snippet(articles_fts, 1, '[', ']', '…', 14)
               FROM articles_fts JOIN articles a ON a.article_id = articles_fts.rowid
              WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"""
    return [SearchHit(*r) for r in conn.execute(sql, (match, limit))]
