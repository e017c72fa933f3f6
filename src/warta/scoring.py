"""Scoring coded events against gold, exactly as the annotation guidelines define it.

A system event matches a gold event of the same article when the source and target agree (either
order if the gold event is symmetric), the system's CAMEO root is one of the gold's ``roots`` and,
for the strict score, the system's date falls inside the gold date at the gold's precision (the
system date starts with the gold date; a gold date of null accepts any date). Each gold event is
matched at most once; a further system event that matches an already matched gold event is a
duplicate.

    precision = system events matched to a gold event (core or not) / system events
    recall    = core gold events matched / core gold events
    extra-event rate = system events matched to no gold event (false ones and duplicates) / gold events

System events marked negated or hypothetical are left out of both, and so are events with an
international organisation outside the five the gold files annotate (:data:`SCORED_IGOS`: IMF,
World Bank, OIC, WHO … are neither matched nor false). Matching is greedy in the system's order;
each system event takes the first unmatched gold event it fits, core events first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from warta import ontology
from warta.gold import GoldEvent, article_key
from warta.record import EventRecord

SCORED_IGOS = frozenset({"UNO", "EEC", "ASN", "NAT", "IAE"})
"""The organisations gold files annotate; events with any other organisation are not scored."""


def scored(ev: EventRecord) -> bool:
    """Whether an event counts in scoring: real (not negated, not hypothetical), and with states or
    the five annotated organisations on both sides."""
    if ev.negated or ev.hypothetical:
        return False
    igos = ontology.igos()
    return all(k not in igos or k in SCORED_IGOS for k in (ev.source.key, ev.target.key))


@dataclass(slots=True)
class Scores:
    """One scoring run (lenient or strict)."""

    system: int = 0
    matched: int = 0
    duplicates: int = 0
    false: int = 0
    core_gold: int = 0
    core_matched: int = 0
    gold: int = 0
    misses: list[GoldEvent] = field(default_factory=list)
    wrong: list[tuple[EventRecord, str]] = field(default_factory=list)  # (event, "false" | "duplicate")

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.core_matched / self.core_gold if self.core_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def extra_rate(self) -> float:
        return (self.false + self.duplicates) / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "system_events": self.system,
            "matched": self.matched,
            "duplicates": self.duplicates,
            "false": self.false,
            "extra_event_rate": round(self.extra_rate, 4),
            "core_gold": self.core_gold,
            "core_matched": self.core_matched,
            "gold": self.gold,
        }


def _actors_match(ev: EventRecord, g: GoldEvent) -> bool:
    pair = (ev.source.key, ev.target.key)
    return pair == (g.source, g.target) or (g.symmetric and pair == (g.target, g.source))


def _date_inside(ev: EventRecord, g: GoldEvent) -> bool:
    if g.date is None:
        return True
    return ev.date is not None and str(ev.date).startswith(g.date)


def matches(ev: EventRecord, g: GoldEvent, strict: bool) -> bool:
    """Whether a system event fits a gold event of the same article."""
    return (
        article_key(ev.article) == g.article
        and _actors_match(ev, g)
        and ev.cameo_root in g.roots
        and (not strict or _date_inside(ev, g))
    )


def score(gold: list[GoldEvent], system: list[EventRecord], strict: bool, root: str | None = None) -> Scores:
    """Score ``system`` against ``gold``; with ``root``, only that CAMEO root's events count.

    With ``root`` set, precision counts system events of that root, and recall the core gold
    events whose preferred code has that root.
    """
    s = Scores()
    by_article: dict[str, list[GoldEvent]] = defaultdict(list)
    for g in gold:
        by_article[g.article].append(g)
    counted_gold = [g for g in gold if root is None or g.code[:2] == root]
    s.gold = len(counted_gold)
    s.core_gold = sum(g.core for g in counted_gold)
    matched: set[str] = set()
    for ev in system:
        if not scored(ev):
            continue
        candidates = sorted(
            (g for g in by_article.get(article_key(ev.article), []) if matches(ev, g, strict)),
            key=lambda g: (not g.core, g.code != ev.cameo),
        )
        free = [g for g in candidates if g.id not in matched]
        in_scope = root is None or ev.cameo_root == root
        if free:
            matched.add(free[0].id)
            if in_scope:
                s.system += 1
                s.matched += 1
        elif in_scope:
            s.system += 1
            kind = "duplicate" if candidates else "false"
            s.duplicates += kind == "duplicate"
            s.false += kind == "false"
            s.wrong.append((ev, kind))
    s.core_matched = sum(1 for g in counted_gold if g.core and g.id in matched)
    s.misses = [g for g in counted_gold if g.core and g.id not in matched]
    return s


def evaluate(gold: list[GoldEvent], system: list[EventRecord]) -> dict[str, Any]:
    """Lenient and strict scores, and a per-root breakdown of both."""
    roots = sorted({g.code[:2] for g in gold} | {e.cameo_root for e in system})
    return {
        "lenient": score(gold, system, strict=False),
        "strict": score(gold, system, strict=True),
        "by_root": {
            r: {"lenient": score(gold, system, False, r), "strict": score(gold, system, True, r)} for r in roots
        },
    }
