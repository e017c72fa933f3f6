"""The Python API, for notebooks and scripts: code text, query a store, build timelines.

    >>> import warta
    >>> events = warta.code("Seoul (ANTARA) - Korea Selatan mengecam Rusia pada Selasa (4/6/2024).")
    >>> events[0].source.code, events[0].cameo, events[0].target.code
    ('KOR', '111', 'RUS')
    >>> db = warta.open("warta.db")                    # a store made by `warta ingest`
    >>> db.events(dyad="KOR-RUS", since="2024").to_pandas()   # pandas is optional
    >>> warta.timeline("warta.db", "KOR", "RUS", by="quarter").to_pandas()

These are thin wrappers over the same functions the CLI and the HTTP API use.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from warta.article import Article, Given
from warta.errors import WartaError
from warta.record import EventRecord


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise WartaError("to_pandas() needs pandas: pip install pandas") from None
    return pandas


class Events(list[EventRecord]):
    """A list of event records that can become a pandas DataFrame (one flat row per record)."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dictionaries (as ``warta code -f jsonl`` prints them)."""
        return [r.to_dict() for r in self]

    def to_pandas(self) -> Any:
        """A DataFrame with the flat columns of ``warta export -f csv`` (needs pandas)."""
        from warta.export import CSV_COLUMNS, flatten

        return _pandas().DataFrame([flatten(d) for d in self.to_dicts()], columns=list(CSV_COLUMNS))


class Timeline(dict[str, Any]):
    """A timeline as ``/api/timeline`` returns it; :meth:`to_pandas` gives one row per period."""

    def to_pandas(self) -> Any:
        """Periods as rows: period, events, quad1–quad4, Goldstein sum and mean (needs pandas)."""
        rows = []
        for p in self.get("periods", []):
            q = p.get("by_quad", {})
            rows.append(
                {
                    "period": p["period"], "events": p["events"],
                    **{f"quad{i}": q.get(str(i), 0) for i in range(1, 5)},
                    "goldstein_sum": p.get("goldstein_sum"), "goldstein_mean": p.get("goldstein_mean"),
                }
            )  # fmt: skip
        return _pandas().DataFrame(rows)


def code(
    text_or_path: str | Path,
    *,
    published: str | None = None,
    lang: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Events:
    """Code one text, or every article in a file or folder, into event records.

    Args:
        text_or_path: the article's text, or a :class:`~pathlib.Path` (a string naming an
            existing file or folder counts as a path) to a page, a feed or a folder of them.
        published: the publication date (ISO) that relative dates in the text resolve against;
            for a text only (files and feeds carry their own).
        lang: the text's language, ``id``, ``ms`` or ``en`` (coded with PETRARCH dictionaries);
            detected when not given.
        title, url: the article's title and address, for a text only.

    Raises:
        WartaError: a language Warta does not code, or a path that cannot be read.
    """
    from warta import lang as languages
    from warta.coder import code_article, code_paths

    if lang is not None and lang not in languages.readable():
        names = ", ".join(f"{', '.join(sorted(p.reads))} ({p.name})" for p in languages.packs())
        raise WartaError(f"lang {lang!r}: Warta codes {names}")
    path = _as_path(text_or_path)
    if path is not None:
        out = Events()
        problems = []
        for coded in code_paths([path]):
            if coded.error is not None:
                problems.append(str(coded.error))
            out.extend(coded.records or [])
        if problems and not out:
            raise WartaError("; ".join(problems))
        return out
    text = str(text_or_path)
    given = Given(
        published=published, published_precision="day" if published else None, language=lang, title=title, url=url
    )
    art = Article(ref="text", source="<text>", fmt="text", raw=text, plain=text, given=given)
    return Events(code_article(art)[1])


def _as_path(value: str | Path) -> Path | None:
    if isinstance(value, Path):
        return value
    if "\n" in value or len(value) > 1024:
        return None
    try:
        path = Path(value)
        return path if path.exists() else None
    except (OSError, ValueError):
        return None


class Database:
    """An open store (``warta.open(path)``, or a ``postgresql://`` URL), read-only: query its events
    and timelines."""

    def __init__(self, path: str | Path) -> None:
        from warta.store.db import Store
        from warta.store.postgres import is_url

        if not is_url(path) and not Path(path).exists():
            raise WartaError(f"{path}: no such store; create one with `warta ingest PATH --db {path}`")
        self.store = Store(path, readonly=True)
        self.path = self.store.path

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"warta.open({self.path!r})"

    def articles(self) -> int:
        """The number of stored articles."""
        from warta.store.queries import count_articles

        return count_articles(self.store.conn)

    def events(
        self,
        *,
        actor: str | None = None,
        dyad: str | tuple[str, str] | None = None,
        directed: bool = False,
        since: str | None = None,
        until: str | None = None,
        code: str | None = None,
        text: str | None = None,
        include_unreal: bool = False,
        limit: int | None = None,
    ) -> Events:
        """Stored per-article event records matching every filter given, oldest first.

        Args:
            actor: a state (``KOR``) or organisation (``UNO``), either side.
            dyad: two actors, ``"KOR-RUS"`` or ``("KOR", "RUS")``; either direction unless ``directed``.
            since, until: ISO dates or prefixes (``2024``, ``2024-05``), inclusive.
            code: a CAMEO code or prefix (``"04"``, ``"042"``).
            text: words in the evidence sentence.
            include_unreal: include negated and hypothetical events.
            limit: at most this many (all when None).

        Raises:
            ValueError: an impossible date, or ``since`` after ``until``.
        """
        from warta.store.queries import EventFilter, check_date_range, list_events

        check_date_range(since, until, ("since", "until"))
        pair = _dyad(dyad)
        flt = EventFilter(
            actor=actor.upper() if actor else None, dyad=pair, directed=directed, date_from=since, date_to=until,
            code=code, text=text, include_unreal=include_unreal,
        )  # fmt: skip
        rows = list_events(self.store.conn, flt, limit=limit if limit is not None else -1)
        return Events(EventRecord.from_dict(r) for r in rows)

    def timeline(
        self,
        actor: str,
        other: str | None = None,
        *,
        by: str = "month",
        directed: bool = False,
        since: str | None = None,
        until: str | None = None,
        **options: Any,
    ) -> Timeline:
        """Fused events of a dyad (or of one actor) per period, as ``warta dyad`` shows them."""
        from warta.analysis import timeline
        from warta.store.queries import check_date_range

        check_date_range(since, until, ("since", "until"))
        data = timeline(
            self.store.conn, actor.upper(), other.upper() if other else None, by=by, directed=directed,
            date_from=since, date_to=until, **options,
        )  # fmt: skip
        return Timeline(data)


def _dyad(value: str | tuple[str, str] | Iterable[str] | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.upper().replace("–", "-").split("-") if isinstance(value, str) else [str(v).upper() for v in value]
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"dyad: two actors such as 'KOR-RUS' or ('KOR', 'RUS'), not {value!r}")
    return parts[0], parts[1]


def open_store(path: str | Path) -> Database:
    """Open a store for reading (``warta.open``)."""
    return Database(path)


def timeline(db: str | Path | Database, actor: str, other: str | None = None, **options: Any) -> Timeline:
    """A dyad's (or an actor's) timeline from the store at ``db`` (see :meth:`Database.timeline`)."""
    if isinstance(db, Database):
        return db.timeline(actor, other, **options)
    with Database(db) as opened:
        return opened.timeline(actor, other, **options)
