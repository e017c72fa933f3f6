"""Gold-standard event files: loading and validating them against the annotation guidelines.

A gold line::

    {"doc": "003_….txt", "id": "003-1", "core": true, "source": "KOR", "target": "RUS",
     "symmetric": false, "roots": ["11"], "code": "114", "date": "2024-06-21", "precision": "day",
     "evidence": "Kementerian Luar Negeri Korea Selatan memanggil Duta Besar Rusia", "note": "…"}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from warta import ontology
from warta.record import RecordError, check_date


@dataclass(slots=True, frozen=True)
class GoldEvent:
    doc: str
    id: str
    core: bool
    source: str
    target: str
    symmetric: bool
    roots: tuple[str, ...]
    code: str
    date: str | None
    precision: str | None
    evidence: str
    note: str = ""

    @property
    def article(self) -> str:
        """The article name the system uses: the doc's base name without extension."""
        return article_key(self.doc)


def article_key(name: str) -> str:
    """``"000_x.txt"`` and ``"000_x"`` name the same article."""
    return re.sub(r"\.(txt|text|html?|xhtml|jsonl?|ndjson)$", "", Path(name).name, flags=re.IGNORECASE)


_REQUIRED = ("doc", "id", "core", "source", "target", "symmetric", "roots", "code", "date", "precision", "evidence")


def _problems(rec: object) -> list[str]:
    if not isinstance(rec, dict):
        return ["a gold line must be a JSON object"]
    out = [f"missing field {k!r}" for k in _REQUIRED if k not in rec]
    if out:
        return out
    for key in ("core", "symmetric"):
        if not isinstance(rec[key], bool):
            out.append(f"{key!r} must be true or false")
    for key in ("source", "target"):
        if not ontology.is_actor_code(str(rec[key])):
            out.append(f"{key} {rec[key]!r} is neither an ISO 3166-1 alpha-3 state nor a known organisation")
    roots = rec["roots"]
    if not isinstance(roots, list) or not roots:
        out.append("'roots' must be a non-empty list")
    else:
        out += [f"unknown CAMEO root {r!r}" for r in roots if r not in ontology.ROOTS]
    code = str(rec["code"])
    if not ontology.is_code(code):
        out.append(f"unknown CAMEO code {code!r}")
    elif isinstance(roots, list) and code[:2] not in roots:
        out.append(f"code {code!r} is not under any of its roots {roots}")
    try:
        check_date(rec["date"], rec["precision"])
    except RecordError as exc:
        out.append(str(exc))
    if not str(rec["evidence"]).strip():
        out.append("empty evidence")
    return out


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def evidence_in_text(evidence: str, text: str) -> bool:
    """The evidence occurs in the text; ``...`` in the evidence stands for elided words."""
    pos = 0
    hay = _norm(text)
    for piece in (p for p in (_norm(x) for x in evidence.split("...")) if p):
        found = hay.find(piece, pos)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def load_gold(path: str | Path) -> list[GoldEvent]:
    """Load a gold file, raising on the first invalid line (use :func:`check_gold` for all)."""
    problems = check_gold(path)
    if problems:
        raise RecordError(f"{path}: invalid gold file:\n  " + "\n  ".join(problems[:20]))
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(
                GoldEvent(
                    doc=r["doc"],
                    id=str(r["id"]),
                    core=r["core"],
                    source=r["source"],
                    target=r["target"],
                    symmetric=r["symmetric"],
                    roots=tuple(r["roots"]),
                    code=str(r["code"]),
                    date=r["date"],
                    precision=r["precision"],
                    evidence=r["evidence"],
                    note=r.get("note") or "",
                )
            )
    return out


def check_gold(path: str | Path, articles: str | Path | None = None) -> list[str]:
    """Every problem of a gold file, as ``file:line: message``; empty when it is valid.

    Args:
        path: the gold JSON Lines file.
        articles: a folder of the articles (``doc`` names a file in it); when given, each
            evidence must occur in its article's text.
    """
    p = Path(path)
    problems: list[str] = []
    seen: dict[str, int] = {}
    texts: dict[str, str | None] = {}
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{p}: cannot read: {exc}"]
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{p.name}:{no}: invalid JSON: {exc.msg}")
            continue
        found = _problems(rec)
        if isinstance(rec, dict) and "id" in rec:
            if rec["id"] in seen:
                found.append(f"id {rec['id']!r} already used on line {seen[rec['id']]}")
            seen.setdefault(rec["id"], no)
        if not found and articles is not None:
            doc = rec["doc"]
            if doc not in texts:
                f = Path(articles) / doc
                texts[doc] = f.read_text(encoding="utf-8", errors="replace") if f.is_file() else None
            if texts[doc] is None:
                found.append(f"article {doc!r} not found in {articles}")
            elif not evidence_in_text(rec["evidence"], texts[doc] or ""):
                found.append(f"evidence not found in {doc}: {rec['evidence'][:60]!r}")
        problems += [f"{p.name}:{no}: {msg}" for msg in found]
    return problems
