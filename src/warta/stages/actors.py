"""Actors: every reference to a state or an organisation, sentence by sentence.

Requires ``text``, ``sentences`` and ``meta``; assigns ``actors``. Reads the actor knowledge base
(:mod:`warta.actors_kb`).

In each sentence, names are found with one automaton over the knowledge base, then composed:

* a role or body followed by a state takes that state ("Kementerian Luar Negeri Korea Selatan",
  "pasukan Korea Utara", "Pejabat Korea Selatan itu"); role chains are one mention ("Duta Besar
  Keliling Kementerian Luar Negeri Rusia"); an envoy's posting ("untuk Korea Utara") is read as
  part of the mention and does not change its state;
* a name in apposition takes the role's state and is remembered for the article ("Duta Besar
  Rusia, Georgy Zinoviev"; "Yoon Joo-seok, Direktur Jenderal … Kementerian Luar Negeri");
* a known person takes their state from the knowledge base ("Putin", "Choe Son-hui");
* later short mentions ("Zinoviev", "Kim", "Duta Besar Matsegora") resolve to the most recent
  person of the article with that name; "ia"/"dia"/"beliau" to the last person, and "mereka",
  "kedua negara", "kedua pihak", "kedua menteri" to the last two actors (a ``group`` mention);
* a bare body ("Kementerian itu") resolves to the last body of that kind in the article;
* a state or capital after "di" (or "asal", "ibu kota") is a place, not an actor
  (``kind="place"``): "di Moskow", "di Kabul, Afghanistan", "wisatawan asal Ekuador".
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from warta import dicts, lang, ontology
from warta.actors_kb import Entry, KnowledgeBase, knowledge_base
from warta.article import ActorMention, Article
from warta.stages.sentences import in_quote

_NAME = re.compile(r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*(?:\s+[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*){0,3}")
_APPOSITION_NAME = re.compile(r"\s+(" + _NAME.pattern + r")|\s*,\s*(" + _NAME.pattern + r")(?=\s*(?:[,.;]|$))")
_PRONOUN = re.compile(r"\b(?:[Ii]a|[Dd]ia|[Bb]eliau|[Pp]ihaknya|dirinya)\b")
_CAPWORD = re.compile(r"\b[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*")
_THAT_STATE = re.compile(r"\b[Nn]egara\s+(?:tersebut|itu|ini)\b")
_GROUP = re.compile(
    r"\b(?:[Mm]ereka|[Kk]eduanya|[Kk]edua\s+(?:negara|pihak|menteri|pemimpin|delegasi|pejabat|kepala\s+negara|belah\s+pihak))\b"
)
_ROLE_QUALIFIERS = frozenset("Pertama Kedua Ketiga Senior Khusus Utama Tetap Baru".split())
_STRONG_GROUP = re.compile(r"(?i)keduanya|kedua\s+(?:negara|pihak|pemimpin|kepala|menteri|delegasi|belah)")
_FIXED_PAIRS = {"kedua korea": ("KOR", "PRK"), "dua korea": ("KOR", "PRK"), "antar-korea": ("KOR", "PRK"),
                "antarkorea": ("KOR", "PRK"), "inter-korea": ("KOR", "PRK")}  # fmt: skip
_FIXED_PAIR_RE = re.compile(r"\b(?:[Kk]edua|[Dd]ua)\s+Korea\b|\b[Aa]ntar-?[Kk]orea\b|\bInter-Korea\b")
_NAMED_AFTER = re.compile(
    r"\b(?:perjanjian|kesepakatan|pakta|deklarasi|konvensi|protokol|konferensi|persetujuan|traktat|perundingan|"
    r"format|proses|kelompok|komunike)\s+$",
    re.IGNORECASE,
)
"""A capital after these names an agreement or a forum ("pakta Paris", "format Normandia"), not a state."""
_PLACE_BEFORE = re.compile(r"(?:\b[Dd]i|\b[Kk]ota|\b[Ii]bu\s+kota|\b[Aa]sal|\b[Ss]etibanya\s+di)\s+$")
_CHAIN_GAP = re.compile(r"^\s+(?:[A-Z][\w-]*\s+){0,4}$|^\s+$")
_UNTUK = re.compile(r"^\s+untuk\s+$")
_STOP_NAMES = frozenset(
    "Pada Dalam Menurut Sementara Selain Namun Tetapi Akan Saat Kini Ini Itu Para Sang Sebelum Sesudah "
    "Setelah Hal Adapun Kedua Tahun Bulan Pekan Minggu Senin Selasa Rabu Kamis Jumat Sabtu Januari "
    "Februari Maret April Mei Juni Juli Agustus September Oktober November Desember Direktur Jenderal "
    "Urusan Keamanan Konsuler Kementerian Menteri Luar Negeri Duta Besar Wakil Presiden Perdana Pemimpin "
    "Utara Selatan ".split()
)


_PEOPLE_SECTORS = frozenset({"CVL", "LAB", "OPP", "MIL", "EDU", "REB", "COP"})
_CIVILIANS = frozenset({"CVL", "LAB", "EDU", "REF", "AGR"})
"""Sectors of people one story may name by several words ("warga", "pekerja", "buruh")."""


@dataclass(slots=True)
class _Discourse:
    """What the article has introduced so far."""

    persons: dict[str, ActorMention] = field(default_factory=dict)  # short or full name → mention
    last_person: ActorMention | None = None
    last_person_at_start: ActorMention | None = None
    recent: list[ActorMention] = field(default_factory=list)  # most recent first, distinct keys
    bodies: dict[str, ActorMention] = field(default_factory=dict)  # role → last body mention
    subjects: list[ActorMention] = field(default_factory=list)  # the previous sentence's subject
    people: ActorMention | None = None  # the last group of people with a state ("warga Korea Utara")
    previous: list[ActorMention] = field(default_factory=list)  # the previous sentence's actors
    named: list[ActorMention] = field(default_factory=list)  # named people, most recent first, distinct names
    focus: str | None = None  # the state the article is about (article_focus)
    by_role: dict[str, ActorMention] = field(default_factory=dict)  # title → the last person named with it

    def introduce(self, m: ActorMention, name: str | None = None) -> None:
        # a body referred back to ("pemerintah Myanmar" again) is no person for "ia" to point to
        if (m.kind in ("person", "coref") and m.name[:1].isupper()) or (m.kind == "role" and name):
            self.last_person = m
            self.named = [m, *[p for p in self.named if p.name != m.name][:5]]
        if name:
            parts = [p for p in name.split() if len(p) >= 2 and p[0].isupper() and p not in _STOP_NAMES]
            for key in {name, *(parts[:1] + parts[-1:])}:
                self.persons[key] = m
        self.note(m)

    def note(self, m: ActorMention) -> None:
        if m.key is None or m.kind == "group":
            return
        self.recent = [m, *[r for r in self.recent if r.key != m.key][:5]]

    def pair(self, strong: bool = True, people: bool = False) -> tuple[ActorMention, ...] | None:
        """The actors "kedua negara" / "keduanya" / "mereka" stand for: the previous subject, else the
        last two named people (``people``: "keduanya", "kedua pemimpin"), else the two actors of the
        previous sentence, else the last two.

        A previous subject that is one group of people ("para pekerja", "warga Korea Utara") is
        returned alone: "mereka" are those people.
        """
        if people:
            named = [m for m in _distinct(self.subjects, True) if m.kind in _PEOPLE_KINDS]
            if len(named) >= 2:
                return named[0], named[1]
            if strong and len(self.named) >= 2 and self.named[0].sentence - self.named[1].sentence <= 2:
                return self.named[1], self.named[0]
        subj = _distinct(self.subjects)
        if len(subj) >= 2:
            return subj[0], subj[1]
        if len(subj) == 1 and subj[0].sector in _PEOPLE_SECTORS:
            return (subj[0],)
        prev = _distinct(self.previous)
        if len(prev) == 2 and strong:  # "Lavrov bertemu dengan Choe … Keduanya sepakat": the two just named
            return prev[0], prev[1]
        if not strong:  # "mereka": only a subject just named
            return None
        return (self.recent[1], self.recent[0]) if len(self.recent) >= 2 else None


_PEOPLE_KINDS = ("person", "coref", "institution")


def _distinct(ms: list[ActorMention], people: bool = False) -> list[ActorMention]:
    """Mentions of distinct actors, groups replaced by their members: distinct states, or with
    ``people`` distinct named people and bodies (two ministers of one state are two)."""
    out: list[ActorMention] = []
    for m in ms:
        for x in m.members or (m,):
            if x.key is None or x.kind == "group":
                continue
            ident = (x.key, x.name.casefold()) if people and x.kind in _PEOPLE_KINDS else x.key
            if all(((o.key, o.name.casefold()) if people and o.kind in _PEOPLE_KINDS else o.key) != ident
                   for o in out):  # fmt: skip
                out.append(x)
    return out


def _keys(ms: list[ActorMention]) -> list[str]:
    """Distinct actor keys of mentions, a group contributing both of its actors."""
    out: list[str] = []
    for m in ms:
        for k in (m.key, m.other):
            if k and k not in out:
                out.append(k)
    return out


_VERBISH = re.compile(r"\b(?:me[mn]?g?y?|ber?|di|ter)[a-z]{3,}\b|\b(?:akan|telah|sudah|sedang|juga|sepakat|tidak)\b")
_NOT_VERBS = frozenset(
    "bersama beserta berdasarkan terhadap tersebut terkait termasuk terutama terakhir terbaru terhormat "
    "mengenai menurut melalui menjelang menuju mendatang berbagai diri dirinya tertinggi menteri menlu ".split()
)
_ATTRIBUTION_LEAD = re.compile(
    r"^\s*(?:[Mm]enurut|[Bb]erdasarkan|[Dd]alam|[Pp]ada|[Ss]ebelum|[Ss]etelah|[Ss]elain)\b[^,]*,"
)


def subject_of(text: str, offset: int, mentions: list[ActorMention]) -> list[ActorMention]:
    """The sentence's subject: the actors before its first verb, past a leading adverbial clause."""
    lead = _ATTRIBUTION_LEAD.match(text)
    begin = lead.end() if lead else 0
    spans = [(m.start - offset, m.end - offset) for m in mentions]
    stop = len(text)
    for verb in _VERBISH.finditer(text, begin):
        if verb.group() in _NOT_VERBS or any(a <= verb.start() < b for a, b in spans):
            continue
        stop = verb.start()
        break
    return [m for m in mentions if begin <= m.start - offset < stop and m.kind != "place"]


def _mention(start: int, end: int, si: int, e: Entry, kind: str | None = None, **kw: object) -> ActorMention:
    fields = dict(name=e.name, kind=kind or e.kind, country=e.country, igo=e.igo, sector=e.sector, wikidata=e.wikidata)
    fields.update(kw)  # type: ignore[arg-type]
    return ActorMention(start=start, end=end, sentence=si, **fields)  # type: ignore[arg-type]


_AT_PLACE = re.compile(
    r"\bdi\s+(?:(?:dekat|sekitar|wilayah|kota|provinsi|utara|selatan|barat|timur)\s+)*(?:[A-Z][\w-]*,?\s+){0,3}$"
)
"""What comes before the state a sentence places something in: "di dekat Mosul, " before "Irak"."""


def _located_in(text: str, found: list[tuple[int, int, str, tuple[Entry, ...]]], at: int) -> str | None:
    """The state a sentence places an act in ("… di dekat Mosul, Irak"), nearest to ``at``."""
    states = [
        (abs(s - at), x.country)
        for s, _e, _alias, entries in found
        if (x := _actor_entry(entries)) is not None and x.kind in ("state", "capital") and x.country
        and _AT_PLACE.search(text[max(0, s - 40) : s])
    ]  # fmt: skip
    return min(states)[1] if states else None


def _actor_entry(entries: tuple[Entry, ...]) -> Entry | None:
    for kind in ("person", "institution", "state", "igo", "capital", "seat"):
        for e in entries:
            if e.kind == kind:
                return e
    return None


def resolve_sentence(
    text: str,
    offset: int,
    si: int,
    kb: KnowledgeBase,
    disc: _Discourse,
    title: bool = False,
    skip: int = 0,
    found: list[tuple[int, int, str, tuple[Entry, ...]]] | None = None,
) -> list[ActorMention]:
    """The actor mentions of one sentence ``text`` starting at ``offset`` in the clean text.

    ``title``: the sentence is a headline (title case: no names are read from capitals).
    ``skip``: the length of a dateline that opens the sentence ("Bangkok (ANTARA News) -"): the
    place it names is no actor. ``found``: the knowledge base's matches in ``text``, if already known.
    """
    found = kb.find(text) if found is None else found
    disc.last_person_at_start = disc.last_person
    out: list[ActorMention] = []
    covered: list[tuple[int, int]] = []
    i = 0
    while i < len(found):
        s, e, _alias, entries = found[i]
        role = next((x for x in entries if x.kind == "role"), None)
        if role is None:
            ent = _actor_entry(entries)
            if ent is None:
                i += 1
                continue
            after_place = (
                bool(out) and out[-1].kind == "place" and re.fullmatch(r"\s*,\s*", text[out[-1].end - offset : s])
            )
            named_after = ent.kind == "capital" and _NAMED_AFTER.search(text[max(0, s - 16) : s])
            city_before = _CITY_BEFORE.search(text[max(0, s - 40) : s])  # "di Osaka, Jepang"
            if ent.kind in ("state", "capital") and (
                _PLACE_BEFORE.search(text[max(0, s - 14) : s]) or after_place or named_after or city_before
            ):
                out.append(_mention(offset + s, offset + e, si, ent, kind="place"))
            elif ent.kind == "person":
                m = _mention(offset + s, offset + e, si, ent)
                out.append(m)
                disc.introduce(m, ent.name)
                if ent.role:
                    disc.by_role[ent.role] = m
            elif (
                ent.kind == "institution"
                and i + 1 < len(found)
                and re.fullmatch(r"\s+", text[e : found[i + 1][0]])
                and (st := _actor_entry(found[i + 1][3])) is not None
                and st.kind in ("state", "capital")
                and st.country != ent.country
            ):  # "Kemenhan Jepang": a body of that name in another state
                e = found[i + 1][1]
                out.append(_mention(offset + s, offset + e, si, ent, kind="role", country=st.country))
                i += 1
            else:
                where = _located_in(text, found, s) if ent.located else None
                m = _mention(offset + s, offset + e, si, ent, **({"country": where} if where else {}))
                out.append(m)
            covered.append((s, e))
            i += 1
            continue
        # a role: chain further roles, then take a following state / organisation
        j = i
        while (
            j + 1 < len(found)
            and any(x.kind == "role" for x in found[j + 1][3])
            and _CHAIN_GAP.match(text[found[j][1] : found[j + 1][0]])
        ):
            j += 1
        end = found[j][1]
        state: Entry | None = None
        k = j + 1
        # the state after the role, past up to three capitalised words of a title ("Duta Besar Pelucutan
        # Senjata AS Robert Wood")
        if k < len(found) and re.fullmatch(
            r"\s+(?:dari\s+|asal\s+)?(?:[A-Z][\w-]*\s+){0,3}|\s+(?:\([^)]{1,40}\)\s+)?", text[end : found[k][0]]
        ):
            cand = _actor_entry(found[k][3])
            if cand is not None and cand.kind in ("state", "igo", "capital", "seat", "institution"):
                state = cand  # "pengungsi asal Somalia", "Juru Bicara Polri": the institution's state and sector
                end = found[k][1]
                k += 1
        if state is not None and k < len(found) and _UNTUK.match(text[end : found[k][0]]):
            if (posting := _actor_entry(found[k][3])) is not None and posting.kind in ("state", "capital", "igo"):
                end = found[k][1]
                k += 1
        head = next(x for x in found[i][3] if x.kind == "role")
        sector = next(x for x in found[j][3] if x.kind == "role").sector
        if text[found[j][1] - 3 : found[j][1]].casefold() == "nya" and not title:
            # "Daniel Moreau mengkritik sikap duta besarnya", "Mesir akan memeriksa penjaga yang
            # melukai tiga warganya": the role of the sentence's subject, else of the last one's
            owner = next(
                (x for x in out if x.kind != "place" and (x.country or x.igo) and x.start >= offset + skip), None
            )
            owner = owner or next((x for x in disc.subjects if x.country or x.igo), None)
            end, k = found[j][1], j + 1
            if k < len(found) and _UNTUK.match(text[end : found[k][0]]):
                posting = _actor_entry(found[k][3])
                if posting is not None and posting.kind in ("state", "capital", "igo"):
                    end, k = found[k][1], k + 1  # "duta besarnya untuk ASEAN": where he is posted
            if owner is not None:
                m = ActorMention(start=offset + s, end=offset + end, sentence=si, name=head.name,
                                 kind="role", country=owner.country, igo=owner.igo, sector=sector)  # fmt: skip
                out.append(m)
            covered.append((s, end))
            i = k
            continue
        if state is not None and state.kind == "institution":
            sector = state.sector
        # a person named in apposition: a known person, or a capitalised name
        person: Entry | None = None
        pname: str | None = None
        if k < len(found) and re.fullmatch(r"\s*,?\s*(?:[A-Z][\w-]*\s+){0,4}", text[end : found[k][0]]):
            # "Menteri Koordinator Bidang Kemaritiman Luhut Binsar Pandjaitan": past the words of the title
            p = _actor_entry(found[k][3])
            if p is not None and p.kind == "person":
                person, pname, end = p, p.name, found[k][1]
                k += 1
        if (
            person is None
            and not title
            and head.role_kind == "person"
            and (m_name := _APPOSITION_NAME.match(text, end))
        ):
            g = 1 if m_name.group(1) else 2
            cand_name = _trim_name(m_name.group(g))
            if cand_name and cand_name.split()[0] not in _STOP_NAMES:
                pname = cand_name
                end = m_name.start(g) + m_name.group(g).find(cand_name) + len(cand_name)
                while k < len(found) and found[k][0] < end:
                    k += 1
        chain = [x.role or "" for t in found[i : j + 1] for x in t[3] if x.kind == "role"]
        own = next((x.country for t in found[i : j + 1] for x in t[3] if x.kind == "role" and x.country), None)
        country = state.country if state else (person.country if person else own)  # "Kapolri": Indonesia's
        if state is not None and state.located:
            country = _located_in(text, found, s) or country  # "pemimpin ISIS … di Mosul, Irak"
        igo = state.igo if state else None
        m: ActorMention | None = None
        if country or igo:
            m = ActorMention(
                start=offset + s,
                end=offset + end,
                sentence=si,
                name=pname or _label(head, state, kb),
                kind="person" if pname else "role",
                country=country,
                igo=igo,
                sector=sector,
                wikidata=person.wikidata if person else None,
            )
        elif pname and pname in disc.persons:  # "Duta Besar Matsegora"
            prev = disc.persons[pname]
            m = replace(prev, start=offset + s, end=offset + end, sentence=si, kind="coref")
        elif pname and (cited := _cited_before(out, text, offset, s)) is not None:
            # "Menurut Kemlu Korea Selatan, Wakil Menlu Pertama Kim Hong-kyun …": the body just cited
            m = ActorMention(start=offset + s, end=offset + end, sentence=si, name=pname, kind="person",
                             country=cited.country, igo=cited.igo, sector=sector)  # fmt: skip
        elif _attributive(text, s, kb) and not pname:
            pass  # "latihan militer", "kapal perang": the role word describes a noun, it is no actor
        elif (
            not pname
            and head.role_kind == "person"
            and (holder := disc.by_role.get(head.role or "")) is not None
            and j == i
        ):  # "Presiden", "Raja" alone: the last person named with that title
            m = replace(holder, start=offset + s, end=offset + e, sentence=si, kind="coref")
        elif (prev_body := _remembered(chain, disc)) is not None and (head.role_kind == "body" or not pname):
            # a role named before with its state: "pemerintah", "tahanan", "menteri" are the same again
            m = replace(prev_body, start=offset + s, end=offset + e, sentence=si, kind="coref")
        elif prev_body is not None and pname:
            # "Yoon Joo-seok, Direktur Jenderal … Kementerian Luar Negeri": the ministry named before
            m = ActorMention(start=offset + s, end=offset + end, sentence=si, name=pname, kind="person",
                             country=prev_body.country, igo=prev_body.igo, sector=sector)  # fmt: skip
        elif (
            head.role_kind == "group"
            and disc.people is not None
            and (disc.people.sector == head.sector or {disc.people.sector, head.sector} <= _CIVILIANS)
            and head.sector in _PEOPLE_SECTORS
            and re.search(
                r"\b(?:[Pp]ara|[Kk]aum|[Ss]ejumlah|[Rr]ibuan|[Rr]atusan|[Pp]uluhan)\s+$", text[max(0, s - 12) : s]
            )
        ):  # "Para pekerja": the people named before
            m = replace(disc.people, start=offset + s, end=offset + e, sentence=si, kind="coref")
        if (
            m is None
            and not pname
            and not _attributive(text, s, kb)
            and (placed := _placed_after(text, found, found[j][1])) is not None
        ):
            # "para pengusaha tekstil yang ada di Osaka": people of the place they are said to be in
            m = ActorMention(start=offset + s, end=offset + found[j][1], sentence=si, name=head.name, kind="role",
                             country=placed, sector=sector)  # fmt: skip
        elif (
            m is None
            and not re.search(
                r"\b(?:sebagai|selaku|menjadi|jadi|[Kk]edua|[Pp]ara)\s+(?:\w+\s+)?$", text[max(0, s - 25) : s]
            )
            and not _attributive(text, s, kb)
            and (home := _home_state(found[i][3], disc, sector, _place_state(text, found))) is not None
        ):
            # a role with no state of its own: the state of a named body of that name ("Kementerian Luar
            # Negeri" alone is Indonesia's), else the state the article is about ("polisi", "massa")
            m = ActorMention(start=offset + s, end=offset + (end if pname else found[j][1]), sentence=si,
                             name=pname or head.name, kind="person" if pname else "role", country=home,
                             sector=sector, focus=not any(x.kind == "institution" for x in found[i][3]))  # fmt: skip
        if m is not None:
            out.append(m)
            if m.kind == "role" and not m.focus:
                for role in chain:
                    disc.bodies[role] = m
            if pname and m.kind in ("person", "coref") and head.role_kind == "person":
                disc.by_role[head.role or ""] = m
            if head.role_kind == "group" and m.kind == "role" and sector in _PEOPLE_SECTORS and not m.focus:
                disc.people = m
            disc.introduce(m, pname)
            covered.append((s, end))
        else:
            covered.append((s, found[j][1]))  # the role words only: a name after it may be read again
        i = k if k > i else i + 1
    # "NAME, ROLE" where the role had no state: the name takes the state last named before it
    if not title:
        out = _names_before_roles(text, offset, si, out, covered, disc)
    # short names of earlier persons, pronouns and groups
    out.extend(_corefs(text, offset, si, covered, disc, out))
    if not title and disc.focus == "IDN":
        out.extend(_unknown_people(text, offset, si, covered, disc, kb, skip))
    out.extend(_quoted_first_person(text, offset, si, out, covered))
    out.sort(key=lambda m: m.start)
    out = [_route_place(m, text, offset, out) for m in out if m.start >= offset + skip]
    for m in out:
        if m.kind not in ("place", "group"):
            disc.note(m)
    disc.subjects = subject_of(text, offset, out)
    disc.previous = [m for m in out if m.kind not in ("place",)]
    return out


_FIRST_PERSON = re.compile(r"\b(?:[Kk]ami|[Kk]ita|[Ss]aya)\b")
_SAID_BY = re.compile(
    r"(?:[\"”]\s*,?|,\s*[\"”])\s*(?:kata|ujar|ucap|tutur|tegas|jelas|imbuh|tambah|beber|ungkap|papar|lanjut|terang|sebut|tukas|"
    r"pungkas|katanya|kilah|seru|tulis)(?:nya)?\s+"
)


def _quoted_first_person(
    text: str, offset: int, si: int, out: list[ActorMention], covered: list[tuple[int, int]]
) -> list[ActorMention]:
    """ "Kami mendesak Rusia …," kata juru bicara Kemlu Korsel: "kami" is the speaker named after the quote."""
    said = _SAID_BY.search(text)
    if said is None:
        return []
    speaker = next((m for m in out if m.start - offset >= said.end() and m.key and m.kind != "place"), None)
    if speaker is None or speaker.start - offset > said.end() + 60:
        return []
    found = []
    for m in _FIRST_PERSON.finditer(text, 0, said.start()):
        if in_quote(text, m.start()) and not any(m.start() < ce and cs < m.end() for cs, ce in covered):
            found.append(replace(speaker, start=offset + m.start(), end=offset + m.end(), sentence=si, kind="coref"))
    return found


def _route_place(m: ActorMention, text: str, offset: int, mentions: list[ActorMention]) -> ActorMention:
    """A capital in a route ("Ho Chi Minh - Jakarta") is a place: its dash neighbour is no actor."""
    if m.kind != "capital":
        return m
    a, b = m.start - offset, m.end - offset
    before = re.search(r"([A-Z][\w.]*)\s*[-–]\s*$", text[max(0, a - 40) : a])
    after = re.match(r"\s*[-–]\s*([A-Z][\w.]*)", text[b:])
    for hit, start in ((before, max(0, a - 40)), (after, b)):
        if hit is None:
            continue
        s0 = offset + start + hit.start(1)
        if not any(o.start <= s0 < o.end for o in mentions if o is not m and o.kind != "place"):
            return replace(m, kind="place")
    return m


_VERB_LIKE = re.compile(r"(?:me[mny]?|meng|di|ber?|ter|per)[a-z]{3,}")


POSSESSED = frozenset(
    "langkah kebijakan keputusan sikap upaya tindakan pernyataan rencana usulan klaim permintaan perintah "
    "instruksi posisi program alasan niat keinginan tanggapan reaksi respons".split()
)
"""Nouns whose following role word is their owner ("langkah pemerintah"), not a modifier."""


def _attributive(text: str, s: int, kb: KnowledgeBase) -> bool:
    """A role word that modifies the noun before it ("latihan militer", "kapal perang"): no actor.

    The word before is a lowercase noun: not a function word, not a verb, not a role itself.
    """
    from warta.triggers import stopwords

    m = re.search(r"(?<![\w-])([A-Za-z]+)\s+$", text[max(0, s - 30) : s])
    if m is None or not m.group(1).islower():
        return False  # the first word, or after a capitalised one ("Seorang pelaku", "Presiden AS")
    w = m.group(1)
    if w in stopwords() or _VERB_LIKE.fullmatch(w) or w in ("para", "kaum", "pihak", "seorang", "sekelompok"):
        return False
    if w.endswith("nya") and len(w) > 5:
        return False  # "esensinya pelaku …": a noun phrase ends at "-nya"
    if _event_noun(w, dicts.active()) or w in POSSESSED:
        return False  # "pemeriksaan polisi", "langkah pemerintah": the role is the act's agent or owner
    return not any(e.kind == "role" for e in kb.names.get(w, ("", ()))[1])


@functools.cache
def _event_noun(word: str, overlay: dicts.Overlay | None) -> bool:
    from warta.triggers import load_lexicon

    lex = load_lexicon("id", overlay)
    return any(voice == "noun" or rule.frame == "noun" for rule, voice, _n in lex.matches([word], 0))


def _remembered(chain: list[str], disc: _Discourse) -> ActorMention | None:
    """The last mention, with its state, of a role of ``chain`` (the last role first: the body)."""
    for role in reversed(chain):
        for r, b in disc.bodies.items():
            if r.startswith(role):
                return b
    return None


_CITY_BEFORE = re.compile(r"\b(?:di|ke|dari)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s*,\s*$")
_PLACED = re.compile(r"\s+(?:[\w-]+\s+){0,4}?yang\s+(?:ada|berada|tinggal|bermukim|bekerja)\s+di\s+(?:kota\s+)?")


def _placed_after(text: str, found: list[tuple[int, int, str, tuple[Entry, ...]]], end: int) -> str | None:
    """The state of the place a role without one is said to be in, right after it: "pelaku usaha yang
    ada di Istanbul" → TUR (a state or capital the knowledge base knows, else a large city)."""
    from warta.places import lookup

    m = _PLACED.match(text, end)
    if m is None:
        return None
    for s, _e, _alias, entries in found:
        if s == m.end() and (ent := _actor_entry(entries)) is not None and ent.kind in ("state", "capital"):
            return ent.country
    city = re.match(r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?", text[m.end() :])
    place = lookup(city.group(), min_population=200_000) if city else None
    return place.country if place is not None else None


def _home_state(
    entries: tuple[Entry, ...], disc: _Discourse, sector: str | None = None, where: str | None = None
) -> str | None:
    """The state of a role named without one: a named body of that name, else for militants, gunmen
    and criminals the state where the sentence places them (``where``), else the story's state."""
    inst = next((x for x in entries if x.kind == "institution"), None)
    if inst is not None:
        return inst.country
    if sector in IRREGULAR and where:
        return where
    return disc.focus


IRREGULAR = frozenset({"REB", "INS", "SEP", "CRM", "UAF"})
"""Sectors of people who take up arms without being a state's armed force."""


def _place_state(text: str, found: list[tuple[int, int, str, tuple[Entry, ...]]]) -> str | None:
    """The state a sentence places its events in: "di Davao, Filipina", "di Kabul"."""
    for s, _e, _alias, entries in found:
        ent = _actor_entry(entries)
        if ent is None or ent.kind not in ("state", "capital") or not ent.country:
            continue
        if _PLACE_BEFORE.search(text[max(0, s - 14) : s]) or re.search(r"[A-Z]\w+,\s*$", text[max(0, s - 30) : s]):
            return ent.country
    return None


def article_focus(found: list[list[tuple[int, int, str, tuple[Entry, ...]]]]) -> str | None:
    """The state an article is about: the one its names point to most often (states, capitals,
    people, named bodies), if it is named at least twice. ``found``: each sentence's name matches."""
    counts: Counter[str] = Counter()
    for matches in found:
        for _s, _e, _alias, entries in matches:
            ent = _actor_entry(entries)
            if ent is not None and ent.kind in ("state", "capital", "person", "institution") and ent.country:
                counts[ent.country] += 1
    if not counts:
        return None
    key, n = counts.most_common(1)[0]
    return key if n >= 2 else None


def _cited_before(out: list[ActorMention], text: str, offset: int, s: int) -> ActorMention | None:
    """The actor that ends right before ", " and position ``s`` of the sentence, if any."""
    for o in reversed(out):
        if o.key and o.kind != "place" and re.fullmatch(r"\s*,\s*", text[o.end - offset : s]):
            return o
    return None


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1] in _STOP_NAMES:
        words.pop()
    while words and words[0] in _ROLE_QUALIFIERS:  # "Wakil Menteri Luar Negeri Pertama Kim Hong-kyun"
        words.pop(0)
    return " ".join(words)


def _label(head: Entry, state: Entry | None, kb: KnowledgeBase) -> str:
    if state is None:
        return head.name
    return f"{head.name} {kb.state_names.get(state.country or '', state.name) if state.country else state.name}"


def _names_before_roles(
    text: str, offset: int, si: int, out: list[ActorMention], covered: list[tuple[int, int]], disc: _Discourse
) -> list[ActorMention]:
    for m_name in _NAME.finditer(text):
        a, b = m_name.span()
        if any(a < ce and cs < b for cs, ce in covered):
            continue
        name = _trim_name(m_name.group())
        if len(name.split()) < 2 or name.split()[0] in _STOP_NAMES:
            continue
        after = text[a + len(name) :]
        lead_in = re.search(r"\bdari\s+\S.*,\s*$", text[max(0, a - 40) : a])
        if lead_in:
            before = [m for m in out if m.end <= offset + a and m.key and m.kind != "place"]
            if before and before[-1].end >= offset + a - 3:
                m = ActorMention(
                    start=offset + a,
                    end=offset + a + len(name),
                    sentence=si,
                    name=name,
                    kind="person",
                    country=before[-1].country,
                    igo=before[-1].igo,
                    sector="GOV",
                )
                out.append(m)
                covered.append((a, a + len(name)))
                disc.introduce(m, name)
                continue
        if not re.match(
            r"\s*,\s*(?:[Dd]irektur|[Kk]epala|[Ww]akil|[Jj]uru|[Pp]ejabat|[Ss]ekretaris|[Mm]enteri|[Dd]uta)", after
        ):
            continue
        role_at = offset + a + len(name) + len(after) - len(after.lstrip(" ,"))
        role = next((m for m in out if m.start == role_at and m.key), None)  # "NAME, Direktur … Korea Selatan"
        before = [m for m in out if m.end <= offset + a and m.key and m.kind != "place"]
        source = role or (before[-1] if before else None)
        if source is None:
            continue
        m = ActorMention(start=offset + a, end=offset + a + len(name), sentence=si, name=name, kind="person",
                         country=source.country, igo=source.igo, sector="GOV")  # fmt: skip
        out.append(m)
        covered.append((a, a + len(name)))
        disc.introduce(m, name)
    return out


_SPEECH_BEFORE = re.compile(
    r"\b(?:mengatakan|menyatakan|mengaku|menegaskan|menjelaskan|mengungkapkan|menyebutkan|menyebut|menilai|"
    r"mengklaim|berharap|memastikan|menekankan|menambahkan|menuturkan|meyakini|yakin|berpendapat|berjanji|"
    r"bersumpah|mengumumkan|melaporkan)(?:\s*,)?(?:\s+[^\s,.;\"“”]+){0,5}?\s+(?:bahwa\s+)?$"
)


_SPEECH_ANYWHERE = re.compile(
    r"\b(?:mengatakan|menyatakan|mengaku|menegaskan|menjelaskan|mengungkapkan|menyebutkan|menuturkan)\b"
)


def _speaker(
    text: str, offset: int, pos: int, mentions: list[ActorMention], people: bool = True
) -> ActorMention | None:
    """The subject of a verb of saying right before a pronoun: "Kim Darroch mengatakan ia …" → Kim Darroch.

    ``people``: only a person ("ia", "dia"); otherwise any actor ("mereka" may be a state).
    """
    region = max(0, pos - 80)
    m = _SPEECH_BEFORE.search(text[region:pos])
    if m is None and text[pos : pos + 7] == "dirinya":
        # the reflexive of a reported clause is the reporter: "Rudi mengungkapkan bahwa Presiden meminta dirinya"
        region = max(0, pos - 200)
        m = _SPEECH_ANYWHERE.search(text[region:pos])
    if m is None:
        return None
    verb_at = region + m.start()
    subj = subject_of(text[:verb_at], offset, [x for x in mentions if x.start - offset < verb_at])
    subj = [x for x in subj if x.key and x.kind not in ("place", "group")]
    if len({x.key for x in subj}) == 1 and len(subj) > 1:
        # "Konsul Jenderal RI di Osaka, Jepang, Rina Kusuma, mengatakan": a title and its holder
        subj = [next((x for x in subj if x.kind in ("person", "coref") and not x.focus), subj[0])]
    if len(subj) != 1 or (people and subj[0].kind not in ("person", "coref")):
        return None
    return subj[0]


_NOT_PEOPLE = frozenset(
    "Universitas Institut Sekolah Rumah Sakit Gedung Hotel Bandara Jalan Jl Desa Kabupaten Provinsi Kota Pulau "
    "Laut Selat Sungai Gunung Partai Bank PT Tbk Festival Piala Liga Stadion Museum Komisi Badan Dewan Majelis "
    "Kementerian Direktorat Undang Pasal Operasi Deklarasi Perjanjian Konferensi Sidang Hari Tahun Timur Barat "
    "Utara Selatan Tengah Kecamatan Kelurahan Kampung Jembatan Tol Pasar Masjid Gereja Pura Istana Kantor "
    "Lembaga Yayasan Fakultas Pengadilan Polres Polsek Polda Kodim Kodam Grup Group Agenda Program Gerakan "
    "Forum Aliansi Asosiasi Ikatan Persatuan Perhimpunan Federasi Konfederasi Serikat Kelompok Tim Satgas "
    "Inggris Amerika Indonesia Islam Kristen Katolik Hindu Buddha Allah Tuhan Nabi Ramadan Idul Natal Panel Review "
    "Board Council Committee Office Agency Department Ministry Service Force Organization Organisation Union "
    "Association Foundation Institute Center Centre Corporation Company Group News Times Post Daily Review "
    "Minister Assistant Secretary President Director Chairman Chief General Senator Governor Mayor Prime Deputy Vice "
    "Ambassador Spokesman Spokesperson Officer Commander Asia Eropa Afrika Pasifik Atlantik Tenggara Teluk "
    "Express Airlines Air Motor Bus Kapal Kereta Tower City Apartemen Mall Plaza Residence Square Center "
    "Pelabuhan Terminal Stasiun Bagian Unit Seksi Divisi Biro Pusat Reserse Satuan Subdit Direktur Kepala "
    "Pidana Perdata Tindak Advokasi Pemberantasan Perlindungan Pengawasan".split()
)
_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:di|ke|dari|asal|kota|desa|kawasan|wilayah|daerah|kecamatan|kabupaten|provinsi|pelabuhan|bandara|"
    r"Jalan|Jl\.?)\s+$",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?\"“”]\s*$")


@functools.cache
def _common_word(word: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(word.casefold(), lang="id"))


_UNKNOWN_NAME = re.compile(r"\b[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){1,3}\b")
_NAMED_AS = re.compile(r"\b(?:bernama|berinisial|bernama\s+lengkap)\s+((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*)")
"""A name the text itself calls one: "nakhoda kapal yang bernama M Nali"."""
_INITIALS = re.compile(r"\b[A-Z]{1,3}(?=\s*\(\d{1,2}\))")


def _unknown_people(
    text: str, offset: int, si: int, covered: list[tuple[int, int]], disc: _Discourse, kb: KnowledgeBase, skip: int
) -> list[ActorMention]:
    """Names of people the knowledge base does not know, in a story about Indonesia: Indonesian people.

    Two to four capitalised words that are no place, body or title ("Budi Santoso"), a name the text
    calls one ("yang bernama A Rahman"), and suspects named by their initials and age ("AS (39)"). Their
    state is only guessed from the story (``focus``), so they never make a domestic event on their own.
    """
    out: list[ActorMention] = []
    given = [(m.start(1), m.end(1)) for m in _NAMED_AS.finditer(text)]
    spans = given + [(m.start(), m.end()) for m in _UNKNOWN_NAME.finditer(text)]
    spans += [(m.start(), m.end()) for m in _INITIALS.finditer(text)]
    for a, b in spans:
        if a < skip or any(a < ce and cs < b for cs, ce in covered):
            continue
        if (a, b) in given:
            name = text[a:b]
            if name.casefold() in kb.names:
                continue
        else:
            while a < b and _common_word(text[a:b].split()[0]) and len(text[a:b].split()) > 2:
                a += len(text[a:b].split()[0]) + 1  # "Menteri Perindustrian Budi Santoso": past a title's last word
            name = text[a:b]
            if not _could_be_name(text, a, b, kb):
                continue
        m = ActorMention(start=offset + a, end=offset + b, sentence=si, name=name, kind="person",
                         country=disc.focus, sector="CVL", focus=True)  # fmt: skip
        out.append(m)
        covered.append((a, b))
        disc.introduce(m, name)
    return out


def _could_be_name(text: str, a: int, b: int, kb: KnowledgeBase) -> bool:
    """Whether capitalised words ``text[a:b]`` could be an unknown person's name."""
    name = text[a:b]
    words = name.split()
    if any(w in _NOT_PEOPLE or w in _STOP_NAMES for w in words) or name.casefold() in kb.names:
        return False
    if sum(_common_word(w) for w in words) * 2 > len(words):
        return False  # "Bea Masuk", "Harga Pangan": mostly common words — too likely not a name
    if re.match(r"\s*\([A-Z]{2,}", text[b:]) or re.search(r"-\s*$", text[max(0, a - 3) : a]):
        return False  # "… Trade Review Panel (TRP)": a body introduced with its acronym is no person
    if _PLACE_WORD_BEFORE.search(text[max(0, a - 8) : a]):
        return False  # a place: "di Pulau Seram", "Jalan Gatot Subroto"
    if (a == 0 or _SENTENCE_START.search(text[max(0, a - 3) : a])) and _common_word(words[0]):
        return False  # "Sementara Bangladesh …": a sentence that starts with a common word
    verb = re.fullmatch(r"(?:di|ber|ter|me[mny]?|meng)[a-z]{3,}(?:kan|i|nya)?", words[0].casefold())
    return not (verb and _common_word(words[0]))  # "Diberitakan Reuters": a verb, not a first name


def _is_igo(key: str) -> bool:
    return key in ontology.igos()


def _corefs(
    text: str,
    offset: int,
    si: int,
    covered: list[tuple[int, int]],
    disc: _Discourse,
    sentence_so_far: list[ActorMention],
) -> list[ActorMention]:
    out: list[ActorMention] = []
    spans: list[tuple[int, int, ActorMention]] = []
    for m_name in _CAPWORD.finditer(text) if disc.persons else ():
        prev = disc.persons.get(m_name.group())
        if prev is None:
            continue
        a, b = m_name.span()
        if not any(a < ce and cs < b for cs, ce in covered):
            spans.append((a, b, prev))
    for m_pro in _PRONOUN.finditer(text):
        earlier = [
            m for m in sentence_so_far
            if m.end <= offset + m_pro.start() and m.kind in ("person", "coref") and m.sector is not None
        ]  # fmt: skip
        prev_person = (
            _speaker(text, offset, m_pro.start(), sentence_so_far, people=m_pro.group().casefold() != "pihaknya")
            or (earlier[-1] if earlier and m_pro.group().casefold() == "beliau" else None)
            or disc.last_person_at_start
        )
        if prev_person is not None and not any(m_pro.start() < ce and cs < m_pro.end() for cs, ce in covered):
            spans.append((m_pro.start(), m_pro.end(), prev_person))
    for m_state in _THAT_STATE.finditer(text):  # "memperingatkan negara tersebut": the state named last
        a, b = m_state.span()
        if any(a < ce and cs < b for cs, ce in covered):
            continue
        before = [m for m in sentence_so_far if m.end <= offset + a and m.kind in ("state", "capital") and m.key]
        subject = {m.key for m in subject_of(text[:a], offset, [m for m in sentence_so_far if m.end <= offset + a])}
        cands = [m for m in reversed(before) if m.key not in subject] or [
            m for m in disc.recent if m.kind in ("state", "capital") and m.key not in subject
        ]
        if cands:
            spans.append((a, b, cands[0]))
    for m_pair in _FIXED_PAIR_RE.finditer(text):  # "kedua Korea": both Koreas
        a, b = _FIXED_PAIRS[m_pair.group().casefold().replace("  ", " ")]
        if not any(m_pair.start() < ce and cs < m_pair.end() for cs, ce in covered):
            out.append(ActorMention(start=offset + m_pair.start(), end=offset + m_pair.end(), sentence=si,
                                    name=m_pair.group(), kind="group", country=a, other=b))  # fmt: skip
    for m_grp in _GROUP.finditer(text):
        if m_grp.group().casefold() == "mereka" and in_quote(text, m_grp.start()):
            continue  # "mereka" in quoted speech: whoever the speaker means
        before = [m for m in sentence_so_far if m.end <= offset + m_grp.start() and m.kind not in ("place", "group")]
        before.sort(key=lambda m: m.start)
        word = m_grp.group().casefold()
        strong = bool(_STRONG_GROUP.match(word))
        people = not re.search(r"negara|pihak|delegasi", word)  # "keduanya", "mereka", "kedua pemimpin"
        pair = disc.pair(strong, people)
        if word == "mereka" and (said := _speaker(text, offset, m_grp.start(), sentence_so_far, people=False)):
            pair = (said,)  # "Jepang menyatakan pada Kamis bahwa mereka menolak …": Jepang
        for a_m, b_m in itertools.pairwise(before):  # "Rusia dan Korea Utara … mereka"
            gap = text[a_m.end - offset : b_m.start - offset]
            if re.fullmatch(r"\s*(?:dan|serta|,)\s*", gap) and a_m.key and b_m.key and a_m.key != b_m.key:
                pair = (a_m, b_m)
        if pair:
            a, b = pair[0].key or "", (pair[1].key if len(pair) > 1 else None)
            out.append(
                ActorMention(
                    start=offset + m_grp.start(),
                    end=offset + m_grp.end(),
                    sentence=si,
                    name=m_grp.group(),
                    kind="group",
                    country=None if _is_igo(a) else a,
                    igo=a if _is_igo(a) else None,
                    other=b,
                    members=tuple(pair),
                )
            )
    for a, b, prev in sorted(spans, key=lambda x: x[0]):
        m = replace(prev, start=offset + a, end=offset + b, sentence=si, kind="coref")
        out.append(m)
        if prev.kind in ("person", "coref") and prev.name[:1].isupper():
            disc.last_person = m
    return out


def find_actors(art: Article) -> Article:
    """The ``actors`` stage: the mentions the article's language pack finds (:mod:`warta.lang`)."""
    pack = lang.for_article(art) or lang.get(lang.DEFAULT)
    return replace(art, actors=pack.find_actors(art))


def match_actors(art: Article) -> tuple[ActorMention, ...]:
    """The actor mentions of an Indonesian article (the Indonesian pack's ``find_actors``)."""
    from warta.stages.metadata import find_dateline, load_outlets

    kb = knowledge_base(dicts.active())
    found = [kb.find(art.text[s.start : s.end]) for s in art.sentences]
    disc = _Discourse(focus=article_focus(found))
    mentions: list[ActorMention] = []
    outlets = load_outlets()
    seen_paragraphs: set[int] = set()
    for si, sent in enumerate(art.sentences):
        text = art.text[sent.start : sent.end]
        skip = 0
        if sent.paragraph not in seen_paragraphs and not sent.is_title:
            seen_paragraphs.add(sent.paragraph)
            if (dl := find_dateline(text, outlets)) is not None:
                skip = dl.end  # "Liputan6.com, Moskow -": the dateline's place is no actor
        mentions.extend(resolve_sentence(text, sent.start, si, kb, disc, sent.is_title, skip, found[si]))
    return tuple(mentions)
