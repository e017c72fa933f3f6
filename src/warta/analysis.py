"""Analysis over fused events: dyad and actor timelines, summaries, exports.

Each real act counts once: these functions read ``canonical_events`` (see :mod:`warta.fuse`).
An actor is a state (ISO alpha-3) or an organisation code. A dyad is unordered unless
``directed``. Periods are ``day``, ``week`` (ISO week, ``2024-W25``), ``month`` or ``year``; an
event dated more coarsely than the period (a year, for months) is counted in ``undated``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warta import ontology

PERIODS = ("day", "week", "month", "year")
_LEN = {"day": 10, "week": 10, "month": 7, "year": 4}


@dataclass(slots=True)
class Period:
    period: str
    events: int = 0
    by_quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    by_root: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    event_ids: list[int] = field(default_factory=list)

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.events, 2) if self.events else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period, "events": self.events, "by_quad": {str(k): v for k, v in self.by_quad.items()},
            "by_root": dict(sorted(self.by_root.items())), "goldstein_sum": round(self.goldstein_sum, 2),
            "goldstein_mean": self.goldstein_mean, "canonical_ids": self.event_ids,
        }  # fmt: skip


def period_of(value: str | None, by: str) -> str | None:
    """The period an ISO prefix falls in, or None when it is coarser than the period."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    if value is None or len(value) < _LEN[by]:
        return None
    if by == "week":
        y, w, _ = date.fromisoformat(value[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    return value[: _LEN[by]]


def _where(a: str, b: str | None, directed: bool, date_from: str | None, date_to: str | None) -> tuple[str, list]:
    if b is None:
        where, args = "(source_actor = ? OR target_actor = ?)", [a, a]
    elif directed:
        where, args = "(source_actor = ? AND target_actor = ?)", [a, b]
    else:
        where = "((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))"
        args = [a, b, b, a]
    if date_from:
        where += " AND date IS NOT NULL AND substr(date, 1, ?) >= ?"
        args += [len(date_from), date_from]
    if date_to:
        where += " AND date IS NOT NULL AND substr(date, 1, ?) <= ?"
        args += [len(date_to), date_to]
    return where, args


def canonical_events(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, directed: bool = False,
    date_from: str | None = None, date_to: str | None = None, period: str | None = None, by: str = "month",
) -> list[dict[str, Any]]:  # fmt: skip
    """The fused events of an actor or dyad, oldest first (optionally those of one period)."""
    where, args = _where(a, b, directed, date_from, date_to)
    sql = f"SELECT * FROM canonical_events WHERE {where} ORDER BY date, canonical_id"
    rows = [dict(r) for r in conn.execute(sql, args)]
    if period:
        rows = [r for r in rows if period_of(r["date"], by) == period]
    return rows


def timeline(
    conn: sqlite3.Connection, a: str, b: str | None = None, *, by: str = "month", directed: bool = False,
    date_from: str | None = None, date_to: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Counts per period by QuadClass and CAMEO root, Goldstein sum and mean, top types, first/last."""
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
    dated = [r for r in rows if r["date"]]
    return {
        "actor": a, "other": b, "directed": directed, "by": by, "events": len(rows), "undated": undated,
        "periods": [periods[k].as_dict() for k in sorted(periods)],
        "goldstein_sum": round(sum(float(r["goldstein"] or 0) for r in rows), 2),
        "goldstein_mean": round(sum(float(r["goldstein"] or 0) for r in rows) / len(rows), 2) if rows else None,
        "top_types": [{"cameo": c, "name": ontology.get(c).name, "events": n} for c, n in types.most_common(5)],
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
