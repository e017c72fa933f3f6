"""PETRARCH-2 dictionaries, read as they are: verbs (with synsets), actors, agents and discards.

The formats are those of PETRARCH-2's ``docs/source/dictionaries.rst``:

* **Verbs** (``CAMEO.2.0.txt``): synsets ``&LABEL`` followed by ``+PHRASE`` lines; verb blocks opened by
  ``--- NAME [CODE] ---``, then verb lines ``VERB {IRREGULAR FORMS} [CODE]`` (``+`` marks the verb of a
  multi-word verb: ``+BREAK_DOWN``, ``WIRE_+TAP``), then patterns ``- WORDS * WORDS [CODE]`` where ``*`` is the
  verb, ``$`` the source, ``+`` the target, ``%`` a compound subject, ``^`` any noun phrase, ``&LABEL`` a
  synset; ``_`` joins words that must be consecutive; ``[A:B]`` codes A for source→target and B back.
* **Actors**: ``PHRASE [CODE]``, ``+SYNONYM`` lines, and date restrictions on their own lines:
  ``[CODE <YYMMDD]``, ``[CODE >YYMMDD]``, ``[CODE YYYYMMDD-YYYYMMDD]``, or a bare ``[CODE]`` default.
  ``CODE/CODE`` names several actors at once.
* **Agents**: ``PHRASE {PLURALS} [~CODE]`` (``~CODE`` goes after the actor's code, ``CODE~`` before);
  regular plurals are generated unless ``{}`` lists them; ``!MARK! = A, B`` substitution markers.
* **Discards**: one phrase a line; ``+PHRASE`` discards the whole story, a bare phrase the sentence.

Comments: ``#``, ``;`` and ``<!-- … -->`` (also over several lines). Every reader takes a path and
returns plain data; :func:`load` assembles a :class:`Dictionaries` from the built-in files, the
user's files, or both.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from warta.errors import WartaError


class DictionaryError(WartaError):
    """A PETRARCH dictionary file that cannot be read."""


log = logging.getLogger(__name__)


BUILTIN_VERBS = ("CAMEO.2.0.txt",)
BUILTIN_ACTORS = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
BUILTIN_AGENTS = ("Phoenix.agents.txt",)
BUILTIN_DISCARDS = ("Phoenix.discards.txt",)


def builtin_path(name: str) -> Path:
    """The path of a dictionary shipped in ``warta/lang/en``."""
    return Path(str(resources.files("warta.lang").joinpath("en", name)))


# ---------------------------------------------------------------------------------------------- lines


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The file's lines without comments, as ``(line number, text)``; leading tabs are kept."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror or exc})") from None
    in_comment = False
    for no, line in enumerate(text.splitlines(), 1):
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_comment = False
        while "<!" in line:
            start = line.find("<!")
            end = line.find("-->", start)
            if end < 0:
                line = line[:start]
                in_comment = True
                break
            line = line[:start] + line[end + 3 :]
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield no, line


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s_]+", phrase.upper()) if w)


def loose_joints(phrase: str) -> tuple[int, ...]:
    """The words of an actor or agent phrase that other words may come before: those after a blank.

    "ITHILEN TELEVISION" also matches "Ithilen state-run television"; "STATE_RUN_TELEVISION" only itself
    (PETRARCH-2's ``dictionaries.rst``: a blank lets words intervene, ``_`` keeps them consecutive).
    """
    out = []
    k = 0
    for chunk in phrase.strip().strip("_").split():
        n = sum(1 for part in chunk.split("_") if part)
        if n and k > 0:
            out.append(k)
        k += n
    return tuple(out)


def plurals(word: str) -> tuple[str, ...]:
    """The regular plural of a noun as PETRARCH forms it: +S, Y → IES, SS → SSES."""
    if word.endswith("SS"):
        return (word + "ES",)
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return (word[:-1] + "IES",)
    if word.endswith(("S", "X", "CH", "SH")):
        return (word + "ES",)
    return (word + "S",)


# ---------------------------------------------------------------------------------------------- actors

_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(slots=True, frozen=True)
class Restriction:
    """One code of an actor, valid from ``start`` to ``end`` (``YYYYMMDD``, inclusive, either open)."""

    codes: tuple[str, ...]
    start: str | None = None
    end: str | None = None

    def holds(self, day: str | None) -> bool:
        if self.start is None and self.end is None:
            return True
        if not day:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Actor:
    """An actor: its phrases and its codes, the dated ones first in file order, then the default."""

    phrases: list[tuple[str, ...]] = field(default_factory=list)
    dated: list[Restriction] = field(default_factory=list)
    default: tuple[str, ...] = ()
    loose: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict)  # see :func:`loose_joints`

    def codes_on(self, day: str | None) -> tuple[str, ...]:
        """The codes that hold on ``day`` (``YYYYMMDD``); the default when no restriction holds."""
        for r in self.dated:
            if r.holds(day):
                return r.codes
        return self.default


def _date(value: str) -> str:
    value = value.strip()
    if not re.fullmatch(r"\d{6}|\d{8}", value):
        raise ValueError(value)
    if len(value) == 6:
        yy = int(value[:2])
        value = ("20" if yy < 30 else "19") + value
    return value


def _restriction(body: str) -> Restriction | None:
    """``CODE``, ``CODE <DATE``, ``CODE >DATE`` or ``CODE DATE-DATE`` (spaces optional)."""
    m = re.fullmatch(r"\s*(\S+?)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?\s*", body)
    if m is None:
        return None
    codes = tuple(c for c in m.group(1).upper().split("/") if c)
    if m.group(2) == "<":
        return Restriction(codes, None, _date(m.group(3)))
    if m.group(2) == ">":
        return Restriction(codes, _date(m.group(3)), None)
    if m.group(4):
        return Restriction(codes, _date(m.group(4)), _date(m.group(5)))
    return Restriction(codes)


def read_actors(path: Path) -> list[Actor]:
    """Read a PETRARCH actor dictionary.

    Raises:
        DictionaryError: a synonym or a date restriction before any actor, or an unreadable restriction.
    """
    actors: list[Actor] = []
    cur: Actor | None = None
    for no, line in _lines(path):
        stripped = line.strip()
        try:
            if stripped.startswith("["):
                if cur is None:
                    raise DictionaryError(f"{path}:{no}: a code before any actor")
                r = _restriction(stripped.strip("[]"))
                if r is None:
                    log.debug("%s:%d: skipped the unreadable code %r", path, no, stripped)
                    continue
                if r.start is None and r.end is None:
                    cur.default = r.codes
                else:
                    cur.dated.append(r)
                continue
            code = _CODE.search(stripped)
            phrase = stripped[: code.start()] if code else stripped
            if phrase.startswith("+"):
                if cur is None:
                    raise DictionaryError(f"{path}:{no}: a synonym before any actor")
                phrase = phrase[1:]
                cur.phrases.append(_words(phrase))
            else:
                cur = Actor(phrases=[_words(phrase)])
                actors.append(cur)
            if loose := loose_joints(phrase):
                cur.loose[_words(phrase)] = loose
            if code:
                r = _restriction(code.group(1))
                if r is not None and (r.start or r.end):
                    cur.dated.append(r)
                elif r is not None:
                    cur.default = r.codes
        except ValueError as exc:  # the Phoenix files have a few mistyped dates: skipped, as PETRARCH does
            log.debug("%s:%d: skipped the unreadable date %r", path, no, exc.args[0])
    for a in actors:
        a.phrases = [p for p in a.phrases if p]
    return [a for a in actors if a.phrases]


# ---------------------------------------------------------------------------------------------- agents


@dataclass(slots=True, frozen=True)
class Agent:
    """An agent phrase and its code: ``~GOV`` (after the actor code) or ``NGO~`` (before it)."""

    phrase: tuple[str, ...]
    code: str
    before: bool
    loose: tuple[int, ...] = ()  # see :func:`loose_joints`


def read_agents(path: Path) -> list[Agent]:
    """Read a PETRARCH agent dictionary, with plurals and substitution markers expanded.

    Raises:
        DictionaryError: a line without ``[code]``.
    """
    marks: dict[str, list[str]] = {}
    out: list[Agent] = []
    for no, line in _lines(path):
        stripped = line.strip()
        m = re.fullmatch(r"(![A-Z0-9_]+!)\s*=\s*(.+)", stripped, re.I)
        if m:
            marks[m.group(1).upper()] = [v.strip().upper() for v in m.group(2).split(",") if v.strip()]
            continue
        code = re.search(r"\[([^\]}]*)[\]}]", stripped)  # "[~ENV}" happens in Phoenix.agents.txt
        if code is None:
            log.debug("%s:%d: skipped an agent without [code]: %r", path, no, stripped)
            continue
        raw_code = code.group(1).strip().upper().replace(" ", "")
        before = raw_code.endswith("~") and not raw_code.startswith("~")
        agent_code = raw_code.strip("~")
        head = stripped[: code.start()]
        plural_m = re.search(r"\{([^}]*)\}", head)
        phrase_text = re.sub(r"\{[^}]*\}", " ", head).strip().upper()
        forms = [phrase_text]
        for mark, values in marks.items():
            if mark in phrase_text:
                forms = [f.replace(mark, v) for f in forms for v in values]
        for form in forms:
            words = _words(form.replace("!", " "))
            if not words:
                continue
            loose = loose_joints(form.replace("!", "_"))
            variants = [(words, loose)]
            if plural_m is None and "!" not in phrase_text:
                variants += [((*words[:-1], p), loose) for p in plurals(words[-1])]
            elif plural_m is not None:
                variants += [(_words(p), loose_joints(p)) for p in plural_m.group(1).split() if p.strip()]
            out.extend(Agent(v, agent_code, before, gaps) for v, gaps in variants)
    return out


# ---------------------------------------------------------------------------------------------- discards


def read_discards(path: Path) -> list[tuple[tuple[str, ...], bool]]:
    """Read a discard list: ``(phrase, whole_story)``."""
    out: list[tuple[tuple[str, ...], bool]] = []
    for _no, line in _lines(path):
        s = line.strip()
        story = s.startswith("+")
        words = _words(s.lstrip("+"))
        if words:
            out.append((words, story))
    return out


# ---------------------------------------------------------------------------------------------- verbs


@dataclass(slots=True, frozen=True)
class Element:
    """One element of a pattern: a word/phrase (``alts``: its spellings), or a marker ``$ + % ^``.

    ``glued``: it must follow the previous element immediately (``_`` in the pattern).
    """

    kind: str  # "word" or "$", "+", "%", "^"
    alts: tuple[tuple[str, ...], ...] = ()
    glued: bool = False


@dataclass(slots=True, frozen=True)
class Pattern:
    """A verb pattern: elements before and after the verb (in text order), its codes, and its order."""

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str
    back: str | None
    order: int
    verb_glued_before: bool = False
    verb_glued_after: bool = False

    @property
    def weight(self) -> int:
        return sum(1 for e in self.before + self.after if e.kind == "word")


@dataclass(slots=True)
class VerbBlock:
    """A verb synonym block: its default code and its patterns."""

    name: str
    code: str | None
    back: str | None
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class VerbForm:
    """A spelling of a verb: its words (``verb`` indexes the verb word), its block and own code."""

    words: tuple[str, ...]
    verb: int
    block: VerbBlock
    code: str | None
    back: str | None


def verb_forms(base: str) -> tuple[str, ...]:
    """The regular forms of an English verb: base, -S, -ED, -ING."""
    w = base
    if w.endswith("E"):
        return (w, w + "S", w + "D", w[:-1] + "ING")
    if w.endswith("Y") and len(w) > 1 and w[-2] not in "AEIOU":
        return (w, w[:-1] + "IES", w[:-1] + "IED", w + "ING")
    if w.endswith(("S", "X", "CH", "SH", "Z")):
        return (w, w + "ES", w + "ED", w + "ING")
    return (w, w + "S", w + "ED", w + "ING")


def _codes(text: str) -> tuple[str | None, str | None]:
    """``[064]`` → ("064", None); ``[032:033]`` → ("032", "033"); ``[---]`` → (None, None)."""
    m = _CODE.search(text)
    if m is None:
        return None, None
    parts = [p.strip().upper() for p in m.group(1).split(":")]
    main = parts[0] if parts[0] and parts[0] != "---" else None
    back = parts[1] if len(parts) > 1 and parts[1] and parts[1] != "---" else None
    return main, back


@dataclass(slots=True)
class Verbs:
    """A verb dictionary: verb forms by their first word, and the synsets."""

    forms: dict[str, list[VerbForm]] = field(default_factory=dict)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    blocks: list[VerbBlock] = field(default_factory=list)


def read_verbs(path: Path, into: Verbs | None = None) -> Verbs:
    """Read a PETRARCH verb dictionary (synsets, verb blocks, patterns); adds to ``into`` if given.

    A pattern with an undefined synset is skipped, as PETRARCH does.

    Raises:
        DictionaryError: a verb or pattern line before any block.
    """
    verbs = into or Verbs()
    raw_synsets: dict[str, list[str]] = {}
    no_plural: set[str] = set()
    pending: list[tuple[int, str, VerbBlock]] = []
    block: VerbBlock | None = None
    synset: str | None = None
    order = sum(len(b.patterns) for b in verbs.blocks)
    lines = list(_lines(path))
    for no, line in lines:
        s = line.strip()
        if s.startswith("---"):
            m = re.fullmatch(r"---\s*(.*?)\s*---", s)
            inner = m.group(1) if m else s.strip("- ")
            code, back = _codes(inner)
            block = VerbBlock(re.sub(r"\[.*", "", inner).strip(), code, back)
            verbs.blocks.append(block)
            synset = None
            continue
        if s.startswith("&"):
            label = s.split()[0].upper()
            if label.endswith("_"):
                no_plural.add(label.rstrip("_"))
            synset = label.rstrip("_")
            raw_synsets.setdefault(synset, [])
            continue
        if s.startswith("+") and synset is not None:
            raw_synsets[synset].append(s[1:].strip())
            continue
        if s.startswith("-"):
            if block is None:
                raise DictionaryError(f"{path}:{no}: a pattern before any verb block")
            pending.append((no, s[1:].strip(), block))
            continue
        synset = None
        if block is None:
            raise DictionaryError(f"{path}:{no}: a verb before any verb block ('--- NAME [CODE] ---')")
        _add_verb(verbs, s, block)

    # synsets: expand nested ones, then the plurals of their last words
    def expand(label: str, seen: frozenset[str]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for phrase in raw_synsets.get(label, []):
            if phrase.startswith("&"):
                inner = phrase.upper().rstrip("_")
                if inner not in seen:
                    out.extend(expand(inner, seen | {inner}))
                continue
            glued = phrase.endswith("_")
            words = _words(phrase)
            if not words:
                continue
            out.append(words)
            if not glued and label not in no_plural:
                out.extend((*words[:-1], p) for p in plurals(words[-1]))
        return out

    for label in raw_synsets:
        verbs.synsets[label] = expand(label, frozenset({label}))
    for _no, text, blk in pending:
        pat = _pattern(text, verbs.synsets, order)
        if pat is not None:
            blk.patterns.append(pat)
            order += 1
    return verbs


def _add_verb(verbs: Verbs, line: str, block: VerbBlock) -> None:
    code, back = _codes(line)
    if _CODE.search(line) is None:
        code, back = block.code, block.back
    head = _CODE.sub(" ", line)
    irregular = re.search(r"\{([^}]*)\}", head)
    main = re.sub(r"\{[^}]*\}", " ", head).strip()
    spellings = [main, *(irregular.group(1).split() if irregular else [])]
    for spelling in spellings:
        words, verb = _verb_words(spelling)
        if not words:
            continue
        forms = verb_forms(words[verb]) if spelling is main else (words[verb],)
        for f in forms:
            w = (*words[:verb], f, *words[verb + 1 :])
            verbs.forms.setdefault(w[0], []).append(VerbForm(w, verb, block, code, back))


def _verb_words(spelling: str) -> tuple[tuple[str, ...], int]:
    """``WIRE_+TAP`` → (("WIRE", "TAP"), 1); ``+BREAK_DOWN`` → (("BREAK", "DOWN"), 0)."""
    raw = [w for w in re.split(r"[\s_]+", spelling.upper()) if w]
    verb = 0
    words: list[str] = []
    for i, w in enumerate(raw):
        if w.startswith("+"):
            verb = i
            w = w[1:]
        if w:
            words.append(w)
    return tuple(words), min(verb, max(len(words) - 1, 0))


def _pattern(text: str, synsets: dict[str, list[tuple[str, ...]]], order: int) -> Pattern | None:
    code, back = _codes(text)
    body = _CODE.split(text)[0] if _CODE.search(text) else text
    body = body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").upper()
    if _CODE.search(text) is None:
        return None
    if code is not None and not any(c.isdigit() for c in code):
        return None  # "[+++]", "[xxy]": not a CAMEO code, so not a pattern (the verb's other patterns decide)
    # tokens, keeping "_" as glue: "IN_*" → IN, * glued to IN
    tokens: list[tuple[str, bool]] = []
    for chunk in body.split():
        parts = chunk.split("_")
        for k, part in enumerate(parts):
            if part:
                tokens.append((part, k > 0))
    if not any(t in ("*", "**") for t, _ in tokens):
        return None
    before: list[Element] = []
    after: list[Element] = []
    seen_verb = False
    glued_before = glued_after = False
    for i, (tok, glued) in enumerate(tokens):
        if tok in ("*", "**"):
            seen_verb = True
            glued_before = glued
            glued_after = i + 1 < len(tokens) and tokens[i + 1][1]
            continue
        if tok in ("$", "+", "%", "^"):
            el = Element(tok, glued=glued)
        elif tok.startswith("&"):
            alts = synsets.get(tok.rstrip("_"))
            if alts is None:
                return None  # an undefined synset: the pattern is skipped, as in PETRARCH
            el = Element("word", tuple(alts), glued)
        else:
            el = Element("word", ((tok,),), glued)
        (after if seen_verb else before).append(el)
    return Pattern(tuple(before), tuple(after), code or "---", back, order, glued_before, glued_after)


# ---------------------------------------------------------------------------------------------- all


@dataclass(slots=True)
class Dictionaries:
    """Everything the English coder reads, merged from one or more files of each kind."""

    verbs: Verbs
    actors: list[Actor]
    agents: list[Agent]
    discards: list[tuple[tuple[str, ...], bool]]
    sources: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class DictFiles:
    """The user's dictionary files: each kind loaded on top of the built-in ones, or instead of them."""

    verbs: tuple[Path, ...] = ()
    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    discards: tuple[Path, ...] = ()
    replace: bool = False

    @property
    def empty(self) -> bool:
        return not (self.verbs or self.actors or self.agents or self.discards)


def load(files: DictFiles | None = None) -> Dictionaries:
    """The dictionaries to code with: the built-in ones, plus (or, with ``replace``, instead of) the user's.

    With ``replace``, a kind the user gives no file for keeps its built-in file.
    """
    files = files or DictFiles()
    return _load(files)


@functools.lru_cache(maxsize=8)
def _load(files: DictFiles) -> Dictionaries:
    def kind(user: tuple[Path, ...], builtin: tuple[str, ...]) -> list[Path]:
        if user and files.replace:
            return list(user)
        return [builtin_path(n) for n in builtin] + list(user)

    verb_files = kind(files.verbs, BUILTIN_VERBS)
    verbs = Verbs()
    for p in verb_files:
        read_verbs(p, verbs)
    actor_files = kind(files.actors, BUILTIN_ACTORS)
    actors: list[Actor] = []
    for p in actor_files:
        if p not in files.actors:
            actors.extend(read_actors(p))
    if not (files.actors and files.replace):
        actors.extend(kb_people())
    for p in files.actors:  # last: on the same phrase, the user's entry wins over the built-in ones
        actors.extend(read_actors(p))
    agent_files = kind(files.agents, BUILTIN_AGENTS)
    agents = [a for p in agent_files for a in read_agents(p)]
    discard_files = kind(files.discards, BUILTIN_DISCARDS)
    discards = [d for p in discard_files for d in read_discards(p)]
    names = tuple(str(p) for p in (*verb_files, *actor_files, *agent_files, *discard_files))
    return Dictionaries(verbs=verbs, actors=actors, agents=agents, discards=discards, sources=names)


def kb_people() -> list[Actor]:
    """Warta's people (``data/actors/people*.tsv``) as PETRARCH actors with date-bounded codes.

    In office: ``{country}{sector}`` (GOV unless the table says otherwise); after the term: ``{country}ELI``;
    before it: the country alone. The Phoenix dictionaries stop in 2014; these bring them up to date.
    """
    from warta.lexicon import read_tsv

    out: list[Actor] = []
    folder = Path(str(resources.files("warta.data").joinpath("actors")))
    for path in sorted(folder.glob("people*.tsv")):
        for row in read_tsv(
            path, required=("name", "country"), optional=("aliases", "role", "start", "end", "sector", "wikidata")
        ):
            country = row["country"].upper()
            sector = (row.get("sector") or "GOV").upper()
            names = [row["name"], *[a for a in row.get("aliases").split("|") if a.strip()]]
            phrases = [_words(n.replace("-", " - ").replace(" - ", "-")) for n in names]
            start = row.get("start").replace("-", "") or None
            end = row.get("end").replace("-", "") or None
            dated = [Restriction((country + sector,), start, end)]
            if end:
                dated.append(Restriction((country + "ELI",), end, None))
            out.append(Actor(phrases=[p for p in phrases if p], dated=dated, default=(country,)))
    return out


def from_dir(folder: Path, names: dict[str, Iterable[str]] | None = None) -> DictFiles:
    """The PETRARCH files of a folder, by kind: ``*.verbs.txt``/``CAMEO*.txt``, ``*.actors.txt``, ``*agents*``,
    ``*discards*`` — or, with ``names`` (an XML file's ``<Environment>``), the files it names.

    Raises:
        DictionaryError: the folder does not exist, or a named file is not in it.
    """
    if not folder.is_dir():
        raise DictionaryError(f"--dict-dir {folder}: no such folder")
    if names:
        picked: dict[str, list[Path]] = {}
        for k, ns in names.items():
            for n in ns:
                p = folder / n
                if not p.is_file():
                    raise DictionaryError(f"--dict-dir {folder}: the input names {n!r}, which is not there")
                picked.setdefault(k, []).append(p)
        return DictFiles(
            verbs=tuple(picked.get("verbs", ())), actors=tuple(picked.get("actors", ())),
            agents=tuple(picked.get("agents", ())), discards=tuple(picked.get("discards", ())),
        )  # fmt: skip
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    low = [(p, p.name.lower()) for p in files]
    return DictFiles(
        verbs=tuple(p for p, n in low if "verb" in n or n.startswith("cameo")),
        actors=tuple(p for p, n in low if "actor" in n),
        agents=tuple(p for p, n in low if "agent" in n),
        discards=tuple(p for p, n in low if "discard" in n),
    )
