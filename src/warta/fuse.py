"""Fusion: reports of the same act, across articles, become one canonical event.

Every stored event is one article's report of an act (the events stage has already folded the
headline, lede and body mentions of one article into it). :func:`fuse_pending` attaches each
event not yet fused to a canonical event it matches, or creates one; it only ever touches events
whose ``canonical_id`` is empty, so re-running it changes nothing. When re-coding replaces an
article's events, :func:`refuse` dissolves the canonical events that lost a report and fuses their
other reports again.

The matching rule (its thresholds are measured in ``tests/data/fusion/`` and the README):

* **actors**: the same source and target; either order when the act is mutual (symmetric, or a
  consultation, root 04);
* **code family**: the same CAMEO root; an intent to meet (036) and a meeting (04x) are the same
  family, and a visit (042) matches its hosting (043) in the other direction;
* **dates** at their precisions: two days at most ``MAX_DAY_GAP`` apart, or one date inside the
  other ("2024-06" contains "2024-06-21"); an event with no date matches only a canonical event
  first reported within ``MAX_REPORT_GAP_DAYS`` of its own report;
* **evidence**: when the dates agree only at month or year precision, the two evidence sentences
  must share at least ``MIN_EVIDENCE_JACCARD`` of their content words.

Counting: ``num_mentions`` sums the sentences of every report, ``num_articles`` counts articles,
``num_sources`` counts independent sources — near-duplicate articles (the same wire story on two
sites) count once, and an outlet counts once. ``confidence`` grows with independent sources:
``1 - Π(1 - c)`` over each source's best event confidence, capped at 0.99.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MAX_DAY_GAP = 1
MAX_REPORT_GAP_DAYS = 7
MIN_EVIDENCE_JACCARD = 0.08

_STOP = frozenset(
    "yang dan di ke dari pada untuk dengan dalam itu ini akan telah juga tersebut bahwa oleh sebagai atas "
    "kata ujar para sang kedua pihak negara serta atau tidak sudah masih lebih secara".split()
)


@dataclass(slots=True, frozen=True)
class Report:
    """What fusion needs of one stored event."""

    event_id: str
    article_id: int
    source: str
    target: str
    symmetric: bool
    cameo: str
    date: str | None
    precision: str | None
    sentence: str
    mentions: int
    confidence: float
    published: str | None


def words(text: str) -> frozenset[str]:
    """Content words of a sentence, casefolded."""
    return frozenset(w for w in re.findall(r"[^\W\d_]{3,}", text.casefold()) if w not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _family(code: str) -> str:
    return "04" if code == "036" else code[:2]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def dates_agree(a: str | None, b: str | None) -> tuple[bool, bool]:
    """Whether two ISO prefixes can name the same act, and whether they agree to the day."""
    if a is None or b is None:
        return False, False
    da, db = _day(a), _day(b)
    if da and db:
        return abs((da - db).days) <= MAX_DAY_GAP, True
    return a.startswith(b) or b.startswith(a), False


def same_act(r: Report, c: dict, c_words: frozenset[str]) -> bool:
    """The matching rule: does report ``r`` report canonical event ``c``?"""
    if _family(r.cameo) != _family(c["cameo"]):
        return False
    mutual = r.symmetric or bool(c["symmetric"]) or _family(r.cameo) == "04"
    pair, cpair = (r.source, r.target), (c["source_actor"], c["target_actor"])
    if pair != cpair and not (mutual and pair == cpair[::-1]):
        return False
    if r.date is None or c["date"] is None:
        if r.published is None or c["first_reported"] is None:
            return False
        pa, pc = _day(r.published[:10]), _day(c["first_reported"][:10])
        if pa is None or pc is None or abs((pa - pc).days) > MAX_REPORT_GAP_DAYS:
            return False
        return jaccard(words(r.sentence), c_words) >= MIN_EVIDENCE_JACCARD
    agree, to_the_day = dates_agree(r.date, c["date"])
    if not agree:
        return False
    return to_the_day or jaccard(words(r.sentence), c_words) >= MIN_EVIDENCE_JACCARD


def _pending(conn: sqlite3.Connection, article_id: int | None) -> list[Report]:
    sql = """SELECT e.event_id, e.article_id, e.source_actor, e.target_actor, e.symmetric, e.cameo, e.date,
                    e.date_precision, e.sentence, e.record, e.confidence, a.published
             FROM events e JOIN articles a USING (article_id)
             WHERE e.canonical_id IS NULL AND e.negated = 0 AND e.hypothetical = 0"""
    args: tuple = ()
    if article_id is not None:
        sql += " AND e.article_id = ?"
        args = (article_id,)
    out = []
    for row in conn.execute(sql + " ORDER BY a.published IS NULL, a.published, e.article_id, e.event_id", args):
        rec = json.loads(row["record"])
        out.append(
            Report(
                row["event_id"], row["article_id"], row["source_actor"], row["target_actor"],
                bool(row["symmetric"]), row["cameo"], row["date"], row["date_precision"], row["sentence"],
                max(1, len(rec.get("mentions") or [])), row["confidence"] or 0.5, row["published"],
            )
        )  # fmt: skip
    return out


def _candidates(conn: sqlite3.Connection, r: Report) -> list[sqlite3.Row]:
    roots = {"04", "03"} if _family(r.cameo) == "04" else {r.cameo[:2]}
    marks = ",".join("?" * len(roots))
    return conn.execute(
        f"""SELECT * FROM canonical_events
            WHERE cameo_root IN ({marks})
              AND ((source_actor = ? AND target_actor = ?) OR (source_actor = ? AND target_actor = ?))
            ORDER BY canonical_id""",
        (*roots, r.source, r.target, r.target, r.source),
    ).fetchall()


def _evidence_words(conn: sqlite3.Connection, canonical_id: int) -> frozenset[str]:
    out: set[str] = set()
    for (sentence,) in conn.execute("SELECT sentence FROM events WHERE canonical_id = ?", (canonical_id,)):
        out |= words(sentence)
    return frozenset(out)


def fuse_pending(
    conn: sqlite3.Connection, article_id: int | None = None, *, reuse: dict[str, int] | None = None
) -> int:
    """Attach every unfused event (of one article, or all) to a canonical event; returns how many.

    ``reuse`` (from :func:`refuse`): the id a canonical event founded by this event should take
    again, when it is free; other new canonical events are then numbered after every id in it.
    Runs inside the caller's transaction when there is one.
    """
    from warta import ontology

    n = 0
    for r in _pending(conn, article_id):
        match = None
        for c in _candidates(conn, r):
            same_article = conn.execute(
                "SELECT 1 FROM events WHERE canonical_id = ? AND article_id = ? LIMIT 1",
                (c["canonical_id"], r.article_id),
            ).fetchone()
            if same_article:  # the events stage already judged two reports of one article to be two acts
                continue
            if same_act(r, dict(c), _evidence_words(conn, c["canonical_id"])):
                match = c
                break
        if match is None:
            date_value = r.date
            cur = conn.execute(
                """INSERT INTO canonical_events (canonical_id, source_actor, target_actor, symmetric, cameo, cameo_root,
                       quad_class, goldstein, date, date_precision)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (_new_id(conn, reuse, r.event_id) if reuse else None, r.source, r.target, int(r.symmetric), r.cameo,
                 r.cameo[:2], ontology.quad_class(r.cameo), ontology.goldstein(r.cameo), date_value, r.precision),
            )  # fmt: skip
            canonical_id = int(cur.lastrowid or 0)
        else:
            canonical_id = int(match["canonical_id"])
            _refine_date(conn, canonical_id, match, r)
        conn.execute("UPDATE events SET canonical_id = ? WHERE event_id = ?", (canonical_id, r.event_id))
        _recount(conn, canonical_id)
        n += 1
    return n


def _new_id(conn: sqlite3.Connection, reuse: dict[str, int], event_id: str) -> int:
    """The id of a canonical event founded again: its old one when free, else one after every id in use
    or kept for reuse (so that no old id is taken by another canonical event)."""
    wanted = reuse.get(event_id)
    taken = "SELECT 1 FROM canonical_events WHERE canonical_id = ?"
    if wanted is not None and conn.execute(taken, (wanted,)).fetchone() is None:
        return wanted
    top = conn.execute("SELECT MAX(canonical_id) FROM canonical_events").fetchone()[0] or 0
    return max(top, *reuse.values()) + 1


def refuse(conn: sqlite3.Connection, lost: dict[str, int], article_ids: Iterable[int] = ()) -> int:
    """Fuse again after reports were removed or replaced (``warta recode``); returns how many events.

    ``lost`` maps each removed report (event id) to the canonical event it was in. A removed report
    may have been what tied the others to it (its date, its evidence words), so each of these
    canonical events is dissolved: its remaining reports are detached and it is deleted (one left
    with no report simply disappears). The detached reports are then fused again, with the unfused
    events of ``article_ids``, in the order :func:`fuse_pending` uses (publication date, article,
    event) and by the same rule. A dissolved canonical event founded again by one of its old reports
    (or by the new version of a replaced one) keeps its id, so links to it stay valid and later
    reports meet the candidates in the order they met them before.

    Runs inside the caller's transaction.
    """
    articles = set(article_ids)
    reuse = dict(lost)
    for canonical_id in sorted(set(lost.values())):
        for event_id, article_id in conn.execute(
            "SELECT event_id, article_id FROM events WHERE canonical_id = ?", (canonical_id,)
        ).fetchall():
            reuse[event_id] = canonical_id
            articles.add(article_id)
        conn.execute("UPDATE events SET canonical_id = NULL WHERE canonical_id = ?", (canonical_id,))
        conn.execute("DELETE FROM canonical_events WHERE canonical_id = ?", (canonical_id,))
    ordered = conn.execute(
        f"""SELECT article_id FROM articles WHERE article_id IN ({",".join("?" * len(articles))})
            ORDER BY published IS NULL, published, article_id""",
        tuple(articles),
    ).fetchall()
    return sum(fuse_pending(conn, article_id, reuse=reuse) for (article_id,) in ordered)


def _refine_date(conn: sqlite3.Connection, canonical_id: int, c: sqlite3.Row, r: Report) -> None:
    """Keep the finest date the reports agree on."""
    if r.date and (c["date"] is None or len(r.date) > len(c["date"])):
        conn.execute(
            "UPDATE canonical_events SET date = ?, date_precision = ? WHERE canonical_id = ?",
            (r.date, r.precision, canonical_id),
        )
    if r.symmetric and not c["symmetric"]:
        conn.execute("UPDATE canonical_events SET symmetric = 1 WHERE canonical_id = ?", (canonical_id,))


def _recount(conn: sqlite3.Connection, canonical_id: int) -> None:
    rows = conn.execute(
        """SELECT e.article_id, e.record, e.confidence, a.published, a.ingested_at, d.duplicate_of AS dup,
                  CASE WHEN d.duplicate_of IS NULL THEN a.outlet ELSE o.outlet END AS root_outlet
           FROM events e JOIN articles a USING (article_id)
           LEFT JOIN near_duplicates d ON d.article_id = e.article_id
               AND d.duplicate_of = (SELECT MIN(duplicate_of) FROM near_duplicates WHERE article_id = e.article_id)
           LEFT JOIN articles o ON o.article_id = d.duplicate_of
           WHERE e.canonical_id = ?""",
        (canonical_id,),
    ).fetchall()
    mentions = sum(max(1, len(json.loads(r["record"]).get("mentions") or [])) for r in rows)
    articles = {r["article_id"] for r in rows}
    best: dict[str, float] = {}
    for r in rows:
        root = r["dup"] or r["article_id"]  # a near-duplicate counts as the article it copies, and its outlet
        key = (r["root_outlet"] or "").casefold() or f"story:{root}"
        best[key] = max(best.get(key, 0.0), float(r["confidence"] or 0.5))
    conf = 1.0
    for c in best.values():
        conf *= 1 - c
    reported = sorted(r["published"] or r["ingested_at"][:10] for r in rows)
    conn.execute(
        """UPDATE canonical_events SET num_mentions = ?, num_articles = ?, num_sources = ?, confidence = ?,
               first_reported = ?, last_reported = ? WHERE canonical_id = ?""",
        (mentions, len(articles), len(best), round(min(0.99, 1 - conf), 3), reported[0], reported[-1], canonical_id),
    )


def pairwise_scores(reports: list[dict]) -> dict[str, float | int]:
    """Pairwise precision and recall of fusion on labelled reports.

    Each report is a dict with ``act`` (the label: reports of one act share it), ``article``,
    ``outlet``, ``published``, ``sentence``, ``source``, ``target``, ``cameo``, ``date`` and
    ``symmetric``. They are stored in an in-memory store in order of publication and fused by
    :func:`fuse_pending` itself; then every pair of reports from different articles is judged:
    fused together or not, against reported as one act or not.
    """
    from itertools import combinations

    from warta import ontology
    from warta.store.db import connect

    conn = connect(":memory:")
    conn.execute("BEGIN")
    ids: dict[str, int] = {}
    for n, r in enumerate(sorted(reports, key=lambda r: (r["published"] or "", r["article"]))):
        if r["article"] not in ids:
            cur = conn.execute(
                """INSERT INTO articles (ref, source, format, outlet, published, text, paragraphs, content_hash,
                       ingested_at) VALUES (?, ?, 'feed', ?, ?, '', '[]', ?, ?)""",
                (r["article"], r["article"], r["outlet"], r["published"], r["article"], r["published"] or ""),
            )
            ids[r["article"]] = int(cur.lastrowid or 0)
        rec = {"mentions": [0]}
        conn.execute(
            """INSERT INTO events (event_id, article_id, date, date_precision, source_actor, target_actor, cameo,
                   cameo_root, quad_class, goldstein, symmetric, sentence, confidence, record)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.8, ?)""",
            (f"r{n}", ids[r["article"]], r["date"], _precision(r["date"]), r["source"], r["target"], r["cameo"],
             r["cameo"][:2], ontology.quad_class(r["cameo"]), ontology.goldstein(r["cameo"]), int(r["symmetric"]),
             r["sentence"], json.dumps(rec)),
        )  # fmt: skip
        r["_event"] = f"r{n}"
    fuse_pending(conn)
    canon = dict(conn.execute("SELECT event_id, canonical_id FROM events").fetchall())
    tp = fp = fn = tn = 0
    cross_outlet = {"tp": 0, "fp": 0, "fn": 0}
    for a, b in combinations(reports, 2):
        if a["article"] == b["article"]:
            continue
        same = a["act"] == b["act"]
        fused = canon[a["_event"]] == canon[b["_event"]]
        tp += same and fused
        fp += fused and not same
        fn += same and not fused
        tn += not same and not fused
        if a["outlet"] != b["outlet"]:
            cross_outlet["tp"] += same and fused
            cross_outlet["fp"] += fused and not same
            cross_outlet["fn"] += same and not fused
    conn.close()
    out: dict[str, float | int] = {
        "reports": len(reports), "pairs": tp + fp + fn + tn, "same_act_pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }  # fmt: skip
    out.update({f"cross_outlet_{k}": v for k, v in cross_outlet.items()})
    return out


def _precision(value: str | None) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(value)) if value else None
