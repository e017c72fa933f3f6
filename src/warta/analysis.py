"""Analysis over fused events: dyad and actor timelines, summaries, exports.

Each real act counts once: these functions read ``canonical_events`` (see :mod:`warta.fuse`).
An actor is a state (ISO alpha-3) or an organisation code. A dyad is unordered unless
``directed``. Periods are ``day``, ``week`` (ISO week, ``2024-W25``), ``month``, ``quarter``
(``2024-Q2``) or ``year``; an event dated more coarsely than the period (a year, for months) is
counted in ``undated``. A timeline lists every period between its first and last (or between the
``date_from`` and ``date_to`` bounds when given), periods without events included, unless asked
not to fill them.
"""

from __future__ import annotations

import calendar
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from warta import ontology
from warta.store.queries import SQL_MAX_INT, count_sides

PERIODS = ("day", "week", "month", "quarter", "year")
_LEN = {"day": 10, "week": 10, "month": 7, "quarter": 7, "year": 4}
MAX_FILLED = 10_000
"""The most periods a filled timeline lists (27 years of days); beyond, a coarser period is needed."""


@dataclass(slots=True)
class Period:
    period: str
    start: str = ""
    end: str = ""
    events: int = 0
    by_quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    by_root: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    event_ids: list[int] = field(default_factory=list)

    @property
    def goldstein_mean(self) -> float | None:
        return _mean(self.goldstein_sum, self.events)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period, "start": self.start, "end": self.end, "events": self.events,
            "by_quad": {str(k): v for k, v in self.by_quad.items()}, "by_root": dict(sorted(self.by_root.items())),
            "goldstein_sum": round(self.goldstein_sum, 2), "goldstein_mean": self.goldstein_mean,
            "canonical_ids": self.event_ids,
        }  # fmt: skip


def _mean(total: float, n: int) -> float | None:
    """A Goldstein mean to two decimals, of the sum rounded first: sums of the same weights added in
    another order (the period counts, the fused events) give the same mean."""
    return round(round(total, 6) / n, 2) if n else None


def period_of(value: str | None, by: str) -> str | None:
    """The period an ISO prefix falls in, or None when it is coarser than the period."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    if value is None or len(value) < _LEN[by]:
        return None
    if by == "week":
        y, w, _ = date.fromisoformat(value[:10]).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if by == "quarter":
        return f"{value[:4]}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    return value[: _LEN[by]]


def period_bounds(period: str, by: str) -> tuple[date, date]:
    """The first and last day of a period label (``2024-W25``, ``2024-Q2``, ``2024-06``, …)."""
    if by == "day":
        first = date.fromisoformat(period)
        return first, first
    if by == "week":
        first = date.fromisocalendar(int(period[:4]), int(period[6:]), 1)
        return first, first + timedelta(days=min(6, (date.max - first).days))
    if by == "year":
        return date(int(period), 1, 1), date(int(period), 12, 31)
    y = int(period[:4])
    m = (int(period[6:]) - 1) * 3 + 1 if by == "quarter" else int(period[5:7])
    last = m + 2 if by == "quarter" else m
    return date(y, m, 1), date(y, last, calendar.monthrange(y, last)[1])


def period_range(first: str, last: str, by: str, limit: int = MAX_FILLED) -> list[str]:
    """Every period label from ``first`` to ``last`` (labels of ``by``), both included.

    Raises:
        ValueError: more than ``limit`` periods.
    """
    return [label for label, _, _ in _walk(first, last, by, limit)]


def _walk(first: str, last: str, by: str, limit: int = MAX_FILLED) -> list[tuple[str, date, date]]:
    """Every period from ``first`` to ``last`` with its first and last day."""
    if by in ("month", "quarter", "year"):
        return _walk_months(first, last, by, limit)
    out: list[tuple[str, date, date]] = []
    day, end = period_bounds(first, by)[0], period_bounds(last, by)[0]
    while day <= end:
        if len(out) == limit:
            raise ValueError(
                f"more than {limit:,} periods of a {by} to list; choose a coarser period, a narrower date range, "
                "or no filling of the periods without events"
            )
        label = _label(day, by)
        start, stop = period_bounds(label, by)
        out.append((label, start, stop))
        if stop == date.max:
            break
        day = stop + timedelta(days=1)
    return out


def _walk_months(first: str, last: str, by: str, limit: int) -> list[tuple[str, date, date]]:
    """:func:`_walk` for months, quarters and years, by arithmetic on their numbers."""
    step = {"month": 1, "quarter": 3, "year": 12}[by]
    start, end = period_bounds(first, by)[0], period_bounds(last, by)[0]
    a, b = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
    if (b - a) // step + 1 > limit:
        raise ValueError(
            f"more than {limit:,} periods of a {by} to list; choose a coarser period, a narrower date range, "
            "or no filling of the periods without events"
        )
    out = []
    for n in range(a, b + 1, step):
        y, m = divmod(n, 12)
        m_last = m + step  # the month after the period, 1-based
        stop = date(y, 12, 31) if m_last == 12 else date(y, m_last + 1, 1) - timedelta(days=1)
        label = (
            str(y).zfill(4) if by == "year" else f"{y:04d}-Q{m // 3 + 1}" if by == "quarter" else f"{y:04d}-{m + 1:02d}"
        )
        out.append((label, date(y, m + 1, 1), stop))
    return out


def is_period(label: str, by: str) -> bool:
    """Whether ``label`` names a period of ``by`` as :func:`period_of` does (``2024-06``, ``2024-W25``)."""
    try:
        return _label(period_bounds(label, by)[0], by) == label
    except (ValueError, IndexError):
        return False


def _label(day: date, by: str) -> str:
    """The label of the period of ``by`` that holds ``day``."""
    return period_of(day.isoformat(), by)  # type: ignore[return-value]


def _bound_day(value: str, last: bool) -> date:
    """The first (or last) day of a date bound given as an ISO prefix (2024, 2024-06, 2024-06-21)."""
    if len(value) >= 10:
        return date.fromisoformat(value[:10])
    if len(value) >= 7:
        first, end = period_bounds(value[:7], "month")
        return end if last else first
    return date(int(value[:4]), 12, 31) if last else date(int(value[:4]), 1, 1)


def _where(a: str, b: str | None, directed: bool, date_from: str | None, date_to: str | None) -> tuple[str, list]:
    if b is None:
        where, args = "(source_actor = ? OR target_actor = ?)", [a, a]
    elif directed:
        where, args = "(source_actor = ? AND target_actor = ?)", [a, b]
    else:
        where = "((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))"
        args = [a, b, b, a]
    conds, date_args = _date_where(date_from, date_to)
    return " AND ".join([where, *conds]), [*args, *date_args]


def _date_where(date_from: str | None, date_to: str | None) -> tuple[list[str], list]:
    """The conditions of the date bounds on a fused event's date (its prefix of the bound's length)."""
    conds: list[str] = []
    args: list = []
    if date_from:
        conds.append("date IS NOT NULL AND substr(date, 1, ?) >= ?")
        args += [len(date_from), date_from]
    if date_to:
        conds.append("date IS NOT NULL AND substr(date, 1, ?) <= ?")
        args += [len(date_to), date_to]
    return conds, args


def canonical_events(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, directed: bool = False,
    date_from: str | None = None, date_to: str | None = None, period: str | None = None, by: str = "month",
) -> list[dict[str, Any]]:  # fmt: skip
    """The fused events of an actor or dyad, oldest first (optionally those of one period)."""
    where, args = _where(a, b, directed, date_from, date_to)
    if period:  # the period's dates, as a range an index can seek (the exact test follows)
        start, end = period_bounds(period, by)
        where += " AND date >= ? AND date <= ?"
        args += [start.isoformat()[: _LEN[by]], end.isoformat()[: _LEN[by]] + "~"]
    sql = f"SELECT * FROM canonical_events WHERE {where} ORDER BY date, canonical_id"
    rows = [dict(r) for r in conn.execute(sql, args)]
    if period:
        rows = [r for r in rows if period_of(r["date"], by) == period]
    return rows


def fused_page(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, directed: bool = False,
    date_from: str | None = None, date_to: str | None = None, period: str | None = None, by: str = "month",
    limit: int = 200, offset: int = 0, cap: int | None = None,
) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """A page of :func:`canonical_events` (the same order: by date, undated first, then id) and how
    many there are, counted up to ``cap`` (then ``cap + 1``; None: every one).

    Each side of the actor or dyad (source, target) is read in that order from its index, ``offset +
    limit`` keys at most, and the sides merged, so that a page of an actor of 600,000 fused events
    reads a page's worth of keys, not every one; then the page's rows are read.
    """
    sides = _fused_sides(a, b, directed)
    conds, args = _date_where(date_from, date_to)
    if period:  # exactly the dates period_of puts in the period: at least as fine as it, within its days
        n = _LEN[by]
        start, end = period_bounds(period, by)
        conds.append("date IS NOT NULL AND length(date) >= ? AND date >= ? AND date <= ?")
        args += [n, start.isoformat()[:n], end.isoformat()[:n] + "~"]
    base = " AND ".join(conds) or "1 = 1"
    keys: dict[int, tuple[int, str, int]] = {}
    want = min(offset + limit, SQL_MAX_INT)
    for side, side_args in sides:
        sql = f"SELECT canonical_id, date FROM canonical_events WHERE {side} AND {base} ORDER BY date, canonical_id"
        for canonical_id, value in conn.execute(sql + " LIMIT ?", [*side_args, *args, want]):
            keys[canonical_id] = (value is not None, value or "", canonical_id)
    page = [k[2] for k in sorted(keys.values())[offset : offset + limit]]
    rows: dict[int, dict[str, Any]] = {}
    for i in range(0, len(page), 500):
        chunk = page[i : i + 500]
        sql = f"SELECT * FROM canonical_events WHERE canonical_id IN ({','.join('?' * len(chunk))})"
        rows.update((r["canonical_id"], dict(r)) for r in conn.execute(sql, chunk))

    overlap = ("source_actor = ? AND target_actor = ?", [a, a]) if b is None else None
    return [rows[i] for i in page], count_sides(conn, "canonical_events", sides, base, args, cap, overlap)


def timeline(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, by: str = "month", directed: bool = False,
    date_from: str | None = None, date_to: str | None = None, fill: bool = True, ids: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """Counts per period by QuadClass and CAMEO root, Goldstein sum and mean, top types, first/last.

    With ``fill``, the periods without events between the first and the last period (or the
    periods of ``date_from`` and ``date_to`` when given) are listed too, with zero counts. The counts
    come from the pre-aggregated period counts (:mod:`warta.store.aggregates`), so their cost grows
    with the periods and codes, not with the events; ``ids`` adds each period's fused events
    (``canonical_ids``), read from the fused events themselves (None in each period without it).
    Top types are the five most frequent codes, ties by code.

    Raises:
        ValueError: an unknown period, or more than :data:`MAX_FILLED` periods to fill.
    """
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    need = min(10, max(_LEN[by], len(date_from or ""), len(date_to or "")))
    scope, scope_args = _count_scope(a, b, directed)
    args = list(scope_args)
    levels = [level for level in (0, 4, 7, 10) if level <= need]  # a seek per level, not a scan of the days
    where = f"{scope} AND plen IN ({', '.join('?' * len(levels))}) AND (plen = ? OR date_len = plen) AND events > 0"
    args += [*levels, need]
    # a date at least as fine as a bound is compared by its prefix; a coarser one with the bound's prefix
    if date_from:
        where += " AND date_len > 0 AND CASE WHEN plen >= ? THEN substr(period, 1, ?) >= ?"
        where += " ELSE period > substr(?, 1, plen) END"
        args += [len(date_from), len(date_from), date_from, date_from]
    if date_to:
        where += " AND date_len > 0 AND CASE WHEN plen >= ? THEN substr(period, 1, ?) <= ?"
        where += " ELSE period <= substr(?, 1, plen) END"
        args += [len(date_to), len(date_to), date_to, date_to]
    table = "actor_counts" if b is None else "dyad_counts"
    periods: dict[str, Period] = {}
    undated = total = 0
    goldstein_total = 0.0
    for plen, period, root, quad, n, gsum in conn.execute(
        f"""SELECT plen, period, cameo_root, quad_class, sum(events), sum(goldstein_sum) FROM {table}
            WHERE {where} GROUP BY plen, period, cameo_root, quad_class""",
        args,
    ):
        total += n
        goldstein_total += gsum
        p = period_of(period, by) if by in ("week", "quarter") else period[: _LEN[by]]
        if plen < _LEN[by]:
            p = None
        if p is None:
            undated += n
            continue
        per = periods.get(p) or periods.setdefault(p, Period(p))
        per.events += n
        per.by_quad[int(quad)] += n
        per.by_root[root] = per.by_root.get(root, 0) + n
        per.goldstein_sum += gsum
    if not (date_from or date_to):  # every event once at its year (or undated): fewer rows than at `need`
        type_where, type_args = f"{scope} AND plen IN (0, 4) AND events > 0", scope_args
    else:
        type_where, type_args = where, args
    types = conn.execute(
        f"SELECT cameo, sum(events) AS n FROM {table} WHERE {type_where} GROUP BY cameo ORDER BY n DESC, cameo LIMIT 5",
        type_args,
    ).fetchall()
    if ids:
        for per in periods.values():
            per.event_ids = []
        raw, raw_args = _where(a, b, directed, date_from, date_to)
        sql = f"SELECT canonical_id, date FROM canonical_events WHERE {raw} ORDER BY date, canonical_id"
        for canonical_id, value in conn.execute(sql, raw_args):
            p = period_of(value, by)
            if p is not None:
                periods[p].event_ids.append(int(canonical_id))
    out = _period_rows(periods, by, date_from, date_to, fill, ids)
    return {
        "actor": a, "other": b, "directed": directed, "by": by, "filled": fill, "events": total,
        "undated": undated, "periods": out,
        "goldstein_sum": round(goldstein_total, 2), "goldstein_mean": _mean(goldstein_total, total),
        "top_types": [
            {"cameo": c, "name": ontology.get(c).name, "name_id": ontology.cameo_name(c, "id"), "events": n}
            for c, n in types
        ],
        "first": _edge(conn, a, b, directed, date_from, date_to, last=False),
        "last": _edge(conn, a, b, directed, date_from, date_to, last=True),
    }  # fmt: skip


def _period_rows(
    periods: dict[str, Period], by: str, date_from: str | None, date_to: str | None, fill: bool, ids: bool
) -> list[dict[str, Any]]:
    """The periods in order, with their bounds; with ``fill``, the empty ones between (and out to the
    date bounds) too. ``ids`` False: ``canonical_ids`` is None in every period."""
    labels = sorted(periods)
    bounds: dict[str, tuple[date, date]] = {}
    if fill and (labels or (date_from and date_to)):
        first = _label(_bound_day(date_from, False), by) if date_from else labels[0]
        last = _label(_bound_day(date_to, True), by) if date_to else labels[-1]
        bounds = {label: (start, end) for label, start, end in _walk(first, last, by)}
        labels = sorted(bounds.keys() | set(labels))
    out = []
    for label in labels:
        start, end = bounds.get(label) or period_bounds(label, by)
        if label in periods:
            per = periods[label]
            per.start, per.end = start.isoformat(), end.isoformat()
            row = per.as_dict()
            if not ids:
                row["canonical_ids"] = None
            out.append(row)
        else:  # an empty period, built directly: a fill may hold thousands
            out.append({"period": label, "start": start.isoformat(), "end": end.isoformat(), "events": 0,
                        "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}, "by_root": {}, "goldstein_sum": 0.0,
                        "goldstein_mean": None, "canonical_ids": [] if ids else None})  # fmt: skip
    return out


def _count_scope(a: str, b: str | None, directed: bool) -> tuple[str, list]:
    """The rows of the period counts of an actor (``actor_counts``) or a dyad (``dyad_counts``)."""
    if b is None:
        return "actor = ?", [a]
    if directed or a == b:
        return "source_actor = ? AND target_actor = ?", [a, b]
    return "((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))", [a, b, b, a]


def _fused_sides(a: str, b: str | None, directed: bool) -> list[tuple[str, list[object]]]:
    """An actor's or dyad's fused events as conditions each of which an index reads in date order."""
    if b is None:
        return [("source_actor = ?", [a]), ("target_actor = ?", [a])]
    if directed or a == b:
        return [("source_actor = ? AND target_actor = ?", [a, b])]
    return [("source_actor = ? AND target_actor = ?", [a, b]), ("source_actor = ? AND target_actor = ?", [b, a])]


def _edge(
    conn: sqlite3.Connection, a: str, b: str | None, directed: bool, date_from: str | None, date_to: str | None,
    *, last: bool,
) -> dict[str, Any] | None:  # fmt: skip
    """The first (or last) dated fused event of an actor or dyad, by date then id: one index seek per side."""
    sides = _fused_sides(a, b, directed)
    order = "date DESC, canonical_id DESC" if last else "date, canonical_id"
    found = []
    for side, args in sides:
        where, extra = side + " AND date > ''", list(args)
        if date_from:  # the exact bound, and a looser one an index can seek
            where += " AND substr(date, 1, ?) >= ? AND date >= ?"
            extra += [len(date_from), date_from, date_from]
        if date_to:
            where += " AND substr(date, 1, ?) <= ? AND date <= ?"
            extra += [len(date_to), date_to, date_to + "~"]
        row = conn.execute(f"SELECT * FROM canonical_events WHERE {where} ORDER BY {order} LIMIT 1", extra).fetchone()
        if row is not None:
            found.append(dict(row))
    if not found:
        return None
    pick = max if last else min
    return pick(found, key=lambda r: (r["date"], r["canonical_id"]))


def timeline_from_events(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, by: str = "month", directed: bool = False,
    date_from: str | None = None, date_to: str | None = None, fill: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """:func:`timeline` computed from the fused events themselves, row by row, not from the period counts.

    The reference the period counts are checked against (tests); slow on a large store.

    Raises:
        ValueError: an unknown period, or more than :data:`MAX_FILLED` periods to fill.
    """
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    rows = canonical_events(conn, a, b, directed=directed, date_from=date_from, date_to=date_to)
    periods: dict[str, Period] = {}
    undated = 0
    types: Counter[str] = Counter()
    for r in rows:
        types[r["cameo"]] += 1
        p = period_of(r["date"], by)
        if p is None:
            undated += 1
            continue
        per = periods.setdefault(p, Period(p))
        per.events += 1
        per.by_quad[int(r["quad_class"])] += 1
        per.by_root[r["cameo_root"]] = per.by_root.get(r["cameo_root"], 0) + 1
        per.goldstein_sum += float(r["goldstein"] or 0.0)
        per.event_ids.append(int(r["canonical_id"]))
    out = _period_rows(periods, by, date_from, date_to, fill, ids=True)
    dated = [r for r in rows if r["date"]]
    return {
        "actor": a, "other": b, "directed": directed, "by": by, "filled": fill, "events": len(rows),
        "undated": undated, "periods": out,
        "goldstein_sum": round(sum(float(r["goldstein"] or 0) for r in rows), 2),
        "goldstein_mean": _mean(sum(float(r["goldstein"] or 0) for r in rows), len(rows)),
        "top_types": [
            {"cameo": c, "name": ontology.get(c).name, "name_id": ontology.cameo_name(c, "id"), "events": n}
            for c, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        ],
        "first": dated[0] if dated else None, "last": dated[-1] if dated else None,
    }  # fmt: skip


def canonical_detail(conn: sqlite3.Connection, canonical_id: int) -> dict[str, Any] | None:
    """One fused event with every report: article, outlet, sentence and spans."""
    import json

    row = conn.execute("SELECT * FROM canonical_events WHERE canonical_id = ?", (canonical_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["name"] = ontology.get(row["cameo"]).name
    mentions = []
    for m in conn.execute(
        """SELECT e.event_id, e.article_id, e.record, a.ref, a.outlet, a.title, a.published, a.url
           FROM events e JOIN articles a USING (article_id)
           WHERE e.canonical_id = ? ORDER BY a.published, e.event_id""",
        (canonical_id,),
    ):
        rec = json.loads(m["record"])
        mentions.append(
            {"event_id": m["event_id"], "article_id": m["article_id"], "article": m["ref"], "outlet": m["outlet"],
             "title": m["title"], "published": m["published"], "url": m["url"], "record": rec}
        )  # fmt: skip
    out["mentions"] = mentions
    return out
