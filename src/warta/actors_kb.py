"""The actor knowledge base: states, organisations, roles and people, from the package's data files.

Files (``data/actors/``): ``states.tsv`` (generated from CLDR, iso-codes and GeoNames),
``aliases.tsv`` (press forms and metonyms, by hand), ``igos.tsv``, ``roles.tsv``,
``institutions.tsv`` (named bodies of one state: DPR, KPK, Pentagon, with their sector),
``armed_groups.tsv`` (non-state armed groups, coded to the state where they are based) and
``people.*.tsv`` (terms of office, with each person's sector). :func:`knowledge_base` loads and validates them once and
compiles one Aho-Corasick automaton over every name, casefolded. A user's overlay folder
(:mod:`warta.dicts`) may extend or override every file but ``states.tsv``; one base is cached per overlay.

Case: a name that starts with a capital in the file must start with a capital in the text
("Moon", "Seoul"); an all-capital name of up to four letters must match exactly ("AS", "PM",
"RI"); roles are lowercase in the file and match in any case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import ahocorasick

from warta import ontology
from warta.dicts import Overlay, cached, read_table
from warta.errors import LexiconError
from warta.lexicon import read_tsv


@dataclass(slots=True, frozen=True)
class Entry:
    """What one name stands for.

    ``kind``: ``state``, ``capital``, ``seat``, ``igo``, ``role``, ``person`` or ``institution`` (a
    named body of one state, or an armed group coded to its base state). A ``role`` may carry a
    ``country`` of its own: a title only one state has ("kapolri", "bupati").
    """

    name: str
    kind: str
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    role: str | None = None
    role_kind: str | None = None
    wikidata: str | None = None
    start: str | None = None
    end: str | None = None
    located: bool = False  # an armed group active in many states: coded where the sentence places it


@dataclass(slots=True, frozen=True)
class Term:
    name: str
    country: str
    role: str
    start: str
    end: str | None
    wikidata: str | None


class KnowledgeBase:
    """Names → entries, with a matcher over text."""

    def __init__(self, names: dict[str, tuple[str, list[Entry]]], terms: list[Term], state_names: dict[str, str]):
        self.names = names  # casefolded alias → (alias as written, entries)
        self.terms = terms
        self.state_names = state_names
        self._automaton = ahocorasick.Automaton()
        for low, (written, entries) in names.items():
            self._automaton.add_word(low, (written, tuple(entries)))
        self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str, tuple[Entry, ...]]]:
        """Leftmost-longest, non-overlapping name matches in ``text`` on word boundaries (a role may
        end in the possessive "-nya", which the match then includes).

        Returns ``(start, end, alias, entries)`` tuples.
        """
        low = text.casefold()
        if len(low) != len(text):  # a rare casefold that changes length: fall back to lower()
            low = text.lower()
        cands: list[tuple[int, int, str, tuple[Entry, ...]]] = []
        for end_idx, (written, entries) in self._automaton.iter(low):
            start = end_idx - len(written) + 1
            end = end_idx + 1
            if start > 0 and (
                low[start - 1].isalnum()
                or (low[start - 1] in "-'’" and start > 1 and low[start - 2].isalnum() and low[start - 1] != "-")
            ):
                continue
            if end < len(low) and low[end].isalnum():
                if not (low.startswith("nya", end) and (end + 3 == len(low) or not low[end + 3].isalnum())):
                    continue
                if not any(x.kind == "role" for x in entries):
                    continue
                end += 3  # "duta besarnya", "pemerintahnya": a role with its owner left to the reader
            surface = text[start:end]
            if written[0].isupper() and not surface[0].isupper():
                continue
            if written.isupper() and len(written) <= 4 and surface != written:
                continue
            cands.append((start, end, written, entries))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[tuple[int, int, str, tuple[Entry, ...]]] = []
        last_end = -1
        for c in cands:
            if c[0] >= last_end:
                out.append(c)
                last_end = c[1]
        return out

    def holder(self, country: str, role: str, when: str | None) -> Term | None:
        """Who held ``role`` for ``country`` on ``when`` (an ISO date or prefix), if known."""
        if not when:
            return None
        day = (when + "-01-01"[len(when) - 4 :]) if len(when) < 10 else when
        for t in self.terms:
            if t.country == country and t.role == role and t.start <= day and (t.end is None or day < t.end):
                return t
        return None


def _path(name: str) -> Path:
    return Path(str(resources.files("warta.data").joinpath("actors", name)))


@cached(maxsize=4)
def knowledge_base(overlay: Overlay | None = None) -> KnowledgeBase:
    """Load, validate and index the actor files (once per overlay), with ``overlay``'s ``actors/``
    files applied when one is given.

    Raises:
        LexiconError: a file is malformed or names an unknown state code.
    """
    names: dict[str, tuple[str, list[Entry]]] = {}
    problems: list[str] = []
    countries = ontology.countries()

    def add(alias: str, entry: Entry) -> None:
        alias = alias.strip()
        if not alias:
            return
        _written, entries = names.setdefault(alias.casefold(), (alias, []))
        if entry not in entries:
            entries.append(entry)

    state_names: dict[str, str] = {}
    for row in read_tsv(_path("states.tsv"), ("code", "name"), ("names", "capital", "name_en")):
        code = row["code"]
        state_names[code] = row["name"]
        for alias in [row["name"], *row.get("names").split("|")]:
            if alias:
                add(alias, Entry(name=row["name"], kind="state", country=code))
        if cap := row.get("capital"):
            add(cap, Entry(name=cap, kind="capital", country=code))
    for row in read_table([_path("aliases.tsv")], "actors/aliases.tsv", ("alias", "code", "kind"), ("note",), overlay):
        if row["code"] not in countries:
            problems.append(f"{row.where}: unknown state code {row['code']!r}")
            continue
        if row["kind"] not in ("state", "capital", "seat"):
            problems.append(f"{row.where}: kind must be state, capital or seat, not {row['kind']!r}")
            continue
        add(
            row["alias"],
            Entry(
                name=state_names.get(row["code"], row["alias"]) if row["kind"] == "state" else row["alias"],
                kind=row["kind"],
                country=row["code"],
            ),
        )
    for row in read_table([_path("igos.tsv")], "actors/igos.tsv", ("code", "name", "names_id"), (), overlay):
        if row["code"] not in ontology.igos():
            problems.append(f"{row.where}: unknown organisation code {row['code']!r} (an overlay renames known ones)")
            continue
        for alias in row["names_id"].split("|"):
            add(alias, Entry(name=row["names_id"].split("|")[0], kind="igo", igo=row["code"]))
    for row in read_table(
        [_path("roles.tsv")], "actors/roles.tsv", ("role", "sector", "kind"), ("country", "note"), overlay
    ):
        if row["kind"] not in ("person", "body", "group"):
            problems.append(f"{row.where}: kind must be person, body or group, not {row['kind']!r}")
            continue
        if row.get("country") and row["country"] not in countries:
            problems.append(f"{row.where}: unknown state code {row['country']!r}")
            continue
        add(
            row["role"],
            Entry(
                name=row["role"].casefold(),
                kind="role",
                country=row.get("country") or None,
                sector=row["sector"],
                role=row["role"].casefold(),
                role_kind=row["kind"],
            ),
        )
    for fname in ("institutions.tsv", "armed_groups.tsv"):
        optional = ("aliases", "note") + (("code", "located") if fname == "armed_groups.tsv" else ())
        for row in read_table([_path(fname)], f"actors/{fname}", ("name", "country", "sector"), optional, overlay):
            if row["country"] not in countries:
                problems.append(f"{row.where}: unknown state code {row['country']!r}")
                continue
            if row.get("located") not in (None, "", "yes"):
                problems.append(f"{row.where}: located must be 'yes' or empty, not {row['located']!r}")
                continue
            entry = Entry(name=row["name"], kind="institution", country=row["country"], sector=row["sector"],
                          located=row.get("located") == "yes")  # fmt: skip
            for alias in [row["name"], *row.get("aliases").split("|")]:
                add(alias, entry)
    terms: list[Term] = []
    people = sorted(p.name for p in _path(".").iterdir() if p.name.startswith("people") and p.suffix == ".tsv")
    people_rows = read_table(
        [_path(name) for name in people],
        "actors/people*.tsv",
        ("name", "country", "role", "start"),
        ("aliases", "end", "wikidata", "sector"),
        overlay,
    )
    for row in people_rows:
        is_igo = row["country"] in ontology.igos()
        if row["country"] not in countries and not is_igo:
            problems.append(f"{row.where}: unknown state or organisation code {row['country']!r}")
            continue
        for field_ in ("start", "end"):
            if row.get(field_):
                try:
                    date.fromisoformat(row[field_])
                except ValueError:
                    problems.append(f"{row.where}: {field_} {row[field_]!r} is not an ISO date")
        term = Term(
            row["name"],
            row["country"],
            row["role"].casefold(),
            row["start"],
            row.get("end") or None,
            row.get("wikidata") or None,
        )
        terms.append(term)
        entry = Entry(
            name=row["name"], kind="person", country=None if is_igo else row["country"],
            igo=row["country"] if is_igo else None, sector=row.get("sector") or "GOV", role=term.role,
            wikidata=term.wikidata,
        )  # fmt: skip
        for alias in [row["name"], *row.get("aliases").split("|")]:
            if alias:
                add(alias, entry)
    if problems:
        raise LexiconError(problems)
    return KnowledgeBase(names, terms, state_names)
