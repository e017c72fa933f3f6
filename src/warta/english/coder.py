"""A parse-free PETRARCH-style coder for English sentences.

For each sentence:

1. **Tokens**: words (``U.S.`` and ``Al-Qaeda`` are one word), the possessive ``'s`` and ``n't`` apart
   (``didn't`` → ``DID N'T``, as in the Penn Treebank the dictionaries were written against), punctuation.
2. **Discards**: a sentence with a discard phrase is not coded; a ``+`` phrase stops the whole article.
3. **Noun phrases with codes**: the longest actor or agent phrase at each word (a blank in a dictionary
   phrase lets two modifiers in: "Ithilen state-run television"); neighbouring ones join into one phrase
   across a possessive ("Gondor's government"), a few adjectives ("Ithilen's awful and evil minister"),
   *of*/*in*/*from* ("ambassadors of Arnor", "soldiers from Gondor") and lists ("Arnor, Osgiliath and
   Gondor", "Ithilen's sheep and goats of Gondor"; one closing "and" a list; never across the comma after
   an opening "After …,"). A phrase's codes: each listed element's first actor code with its agents
   (``~GOV`` after the code, ``NGO~`` before, never twice); agents without an actor take the actors after
   *of*/*in*/*from*, else ``---`` ("students" → ``---EDU``); "former" makes the agents ``ELI``.
4. **Verbs**: every form of a dictionary verb that is not inside a noun phrase and does not follow a
   determiner, a preposition or a possessive (then it is a noun: "an attack", "Eriador's refusal"), nor a
   verb when it is a plural ("promised raids"). An infinitive after a coded verb's object is not coded
   ("abandoned efforts to stop").
5. **Patterns**: each pattern of the verb's block is matched word by word around the verb (gaps allowed
   unless ``_`` glues words, within the clause); ``$``/``+`` take the noun phrase at their place. The
   pattern with the most words wins (the earlier one on a tie); without one, the verb's own code.
6. **Source and target**: unless the pattern places them, the source is the nearest noun phrase before
   the verb (or before the pattern's first word) that does not follow a preposition nor sit in an opening
   "On …," phrase (a verb after "and" shares the previous verb's source; with none, an actor in the
   uncoded subject's prepositional phrase); the target the first noun phrase after the verb, before a
   subordinate clause ("after …", "when …", "which …") or an infinitive of an unknown verb. A passive
   ("was opposed by X") swaps them. ``%`` codes a compound subject's members with each other, and so does
   a two-way code with a list subject and no target. ``[A:B]`` adds B from target to source.
7. **Negation**: "not", "n't", "never" just before the verb mark the event ``negated`` (kept, flagged).

The result is plain data (:class:`Coded`); :mod:`warta.english.stage` turns it into Warta's
:class:`~warta.article.Event` and :class:`~warta.article.ActorMention` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from warta.english.dictionaries import Actor, Dictionaries, Pattern, VerbBlock, VerbForm

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., K.U.
    r"|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?=n['’]t\b)"  # did|n't
    r"|n['’]t\b"
    r"|['’]s\b"
    r"|[A-Za-z0-9]+(?:[-.,][A-Za-z0-9]+)*"
    r"|[^\sA-Za-z0-9_]"  # an underscore joins words as in the dictionaries: "Dol_Amroth" is DOL AMROTH
)
_TOKEN_NO_NT = re.compile(_TOKEN.pattern.replace(r"|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?=n['’]t\b)|n['’]t\b", ""))
"""The same tokens in a text without "n't" (the look-ahead for it costs time at every word)."""

DETERMINERS = frozenset(
    "A AN THE ITS THEIR HIS HER OUR MY YOUR THIS THESE THOSE ANY SOME NO EACH EVERY ALL BOTH SEVERAL".split()
)
PREPOSITIONS = frozenset(
    "WITH TO FOR BY AGAINST OF IN ON AT FROM INTO TOWARD TOWARDS BETWEEN OVER ABOUT NEAR UNDER AMONG "
    "ACROSS THROUGH DURING WITHOUT UPON WITHIN BEYOND BEHIND INSIDE OUTSIDE".split()
)
_JOINERS = frozenset({"OF", "IN", "FROM"})
_CONJ = frozenset({"AND", "OR", "NOR", ","})
BARRIERS = frozenset(
    "AFTER WHEN WHILE BECAUSE ALTHOUGH THOUGH SINCE UNTIL BEFORE WHEREAS UNLESS WHICH WHO WHOM WHOSE WHERE ; :".split()
)
NEGATIONS = frozenset({"NOT", "N'T", "NEVER"})
NOT_VERBS = frozenset(
    "WILL WOULD SHALL SHOULD CAN COULD MAY MIGHT MUST IS ARE WAS WERE BE BEEN BEING AM HAS HAVE HAD DO DOES DID".split()
)
_BE = frozenset({"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING"})
_DEGREE = frozenset("VERY TOO SO QUITE RATHER MORE MOST LESS LEAST".split())
_SPEECH = frozenset("SAID SAYS SAY TOLD REPORTED ADDED STATED ANNOUNCED".split())
_ADVERBS_TIME = frozenset("ON MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY TODAY YESTERDAY".split())
_LOWER_WORD = re.compile(r"[a-z][a-z\-]*")
_LETTER = re.compile(r"[A-Za-z]")
_SUBORDINATORS = frozenset("AFTER BEFORE WHEN WHILE SINCE UNTIL ALTHOUGH THOUGH BECAUSE IF UNLESS AS ONCE".split())
_PRONOUNS = frozenset("HIM HER THEM US ME IT YOU".split())
MAX_GAP = 8
LOOSE_GAP = 2
"""Modifiers that may come between two words of an actor or agent phrase joined by a blank ("ITHILEN TELEVISION")."""
"""Words a pattern may skip between two of its words (``_`` allows none)."""


class Token(NamedTuple):
    text: str
    norm: str
    start: int
    end: int


def _has_code(code: str, part: str) -> bool:
    """Whether ``part`` is among the three-letter pieces of ``code`` ("GMWGOV" has GOV, but not WGO)."""
    return any(code.startswith(part, k) for k in range(0, len(code), 3))


def _modifier(t: Token) -> bool:
    """A lower-case word that can modify a noun inside a noun phrase ("state-run", "national")."""
    return (
        _LOWER_WORD.fullmatch(t.text) is not None
        and t.norm not in DETERMINERS
        and t.norm not in PREPOSITIONS
        and t.norm not in NOT_VERBS
        and t.norm not in _CONJ
    )


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with their offsets; ``norm`` is upper case with straight apostrophes."""
    rx = _TOKEN if "n't" in text or "n’t" in text else _TOKEN_NO_NT
    upper = text.upper().replace("’", "'")
    new = tuple.__new__
    out = []
    if len(upper) != len(text):  # a letter whose capital is longer ("ß" → "SS"): each word on its own
        for m in rx.finditer(text):
            w = m.group()
            out.append(new(Token, (w, w.upper().replace("’", "'"), m.start(), m.end())))
        return out
    for m in rx.finditer(text):
        a, b = m.span()
        out.append(new(Token, (text[a:b], upper[a:b], a, b)))
    return out


@dataclass(slots=True)
class Phrase:
    """A noun phrase with codes: tokens ``[first, last]`` and the actor codes it stands for."""

    first: int
    last: int
    codes: list[str]
    head: int  # the token of its first actor (or agent) word


@dataclass(slots=True, frozen=True)
class Coded:
    """One coded event: codes, the CAMEO code, and token spans for the evidence."""

    source: str
    target: str
    cameo: str
    source_span: tuple[int, int]
    target_span: tuple[int, int]
    verb_span: tuple[int, int]
    negated: bool = False
    rule: str = ""


@dataclass(slots=True)
class _Entry:
    kind: str  # "actor" or "agent"
    actor: Actor | None = None
    code: str = ""
    before: bool = False


@dataclass(slots=True)
class _BlockIndex:
    """A verb block's patterns, indexed by a word each needs (the needed word with the fewest spellings).

    ``needs``: for each word element of a pattern, the first words of its spellings; a sentence without one of
    them cannot match. Patterns without words are always candidates.
    """

    block: VerbBlock
    free: list[tuple[Pattern, tuple[frozenset[str], ...]]]
    keyed: dict[str, list[tuple[Pattern, tuple[frozenset[str], ...]]]]

    @classmethod
    def of(cls, block: VerbBlock) -> _BlockIndex:
        free: list[tuple[Pattern, tuple[frozenset[str], ...]]] = []
        keyed: dict[str, list[tuple[Pattern, tuple[frozenset[str], ...]]]] = {}
        for pat in block.patterns:
            needs = tuple(frozenset(a[0] for a in e.alts) for e in pat.before + pat.after if e.kind == "word")
            if not needs:
                free.append((pat, needs))
                continue
            for w in min(needs, key=len):
                keyed.setdefault(w, []).append((pat, needs))
        return cls(block, free, keyed)

    def candidates(self, wordset: frozenset[str]) -> list[tuple[Pattern, tuple[frozenset[str], ...]]]:
        keyed = self.keyed
        if not keyed:
            return self.free
        out = list(self.free)
        words = [w for w in wordset if w in keyed] if len(wordset) <= len(keyed) else [w for w in keyed if w in wordset]
        seen: set[int] = set()
        for w in words:
            for pn in keyed[w]:
                if id(pn[0]) not in seen and not any(n.isdisjoint(wordset) for n in pn[1]):
                    seen.add(id(pn[0]))
                    out.append(pn)
        return out


@dataclass(slots=True)
class Lexicon:
    """The dictionaries, indexed for matching: a phrase trie and verb forms by first word."""

    trie: dict = field(default_factory=dict)
    dicts: Dictionaries | None = None
    discards: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    discard_re: re.Pattern[str] | None = None  # no longer used (discards are looked up by their first word)
    patterns: dict[int, _BlockIndex] = field(default_factory=dict)
    discard_first: dict[str, list[tuple[tuple[str, ...], bool]]] | None = None  # discards by their first word
    verb_first: dict[str, list[VerbForm]] | None = None  # verb forms whose verb is their first word
    verb_back: dict[str, list[VerbForm]] | None = None  # "WIRE_+TAP": by the verb word (second or third)
    alts: dict[tuple[int, bool], dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # spellings

    @classmethod
    def build(cls, dicts: Dictionaries) -> Lexicon:
        lex = cls(dicts=dicts, discards=dicts.discards)
        lex._index()  # each verb block's pattern index is built when a sentence first has one of its verbs
        for agent in dicts.agents:
            lex._add(agent.phrase, _Entry("agent", code=agent.code, before=agent.before), agent.loose)
        for actor in dicts.actors:  # actors after agents: on the same phrase, the actor wins
            for p in actor.phrases:
                lex._add(p, _Entry("actor", actor=actor), actor.loose.get(p, ()))
        return lex

    def _index(self) -> None:
        """The first-word indexes of discards and verb forms."""
        self.discard_first = {}
        for d in self.discards:
            self.discard_first.setdefault(d[0][0], []).append(d)
        self.verb_first, self.verb_back = {}, {}
        forms = self.dicts.verbs.forms if self.dicts is not None else {}
        for first, fs in forms.items():
            own = [f for f in fs if f.verb == 0]
            if own:
                self.verb_first[first] = own
        for back in (1, 2):  # in the order the coder has always looked them up: one word back, then two
            for fs in forms.values():
                for f in fs:
                    if f.verb == back:
                        self.verb_back.setdefault(f.words[back], []).append(f)

    def spellings(self, alts: tuple[tuple[str, ...], ...], last: bool = False) -> dict[str, list[tuple[str, ...]]]:
        """A pattern word's spellings by their first word (or by their last, for matching backwards)."""
        key = (id(alts), last)
        index = self.alts.get(key)
        if index is None:
            index = {}
            for words in alts:
                index.setdefault(words[-1] if last else words[0], []).append(words)
            self.alts[key] = index
        return index

    def candidates(self, block: VerbBlock, wordset: frozenset[str]) -> list[tuple[Pattern, tuple[frozenset[str], ...]]]:
        """The patterns of ``block`` whose words can all be found in a sentence with the words ``wordset``."""
        index = self.patterns.get(id(block))
        if index is None or index.block is not block:
            index = self.patterns[id(block)] = _BlockIndex.of(block)
        return index.candidates(wordset)

    def _add(self, words: tuple[str, ...], entry: _Entry, loose: tuple[int, ...] = ()) -> None:
        """Add a phrase to the trie; a word in ``loose`` hangs from the key ``1`` (other words may come before it)."""
        node = self.trie
        for k, w in enumerate(words):
            node = (node.setdefault(1, {}) if k in loose else node).setdefault(w, {})
        node[None] = entry

    def longest(self, toks: list[Token], i: int) -> tuple[int, _Entry] | None:
        """The longest phrase starting at token ``i``: its end and entry (the glued reading first on a tie)."""
        best: tuple[int, _Entry] | None = None
        stack = [(self.trie, i)]
        while stack:
            node, j = stack.pop()
            loose = node.get(1)
            if loose is not None and j > i:  # up to LOOSE_GAP modifiers may come before a loose word
                for k in range(j, min(len(toks), j + LOOSE_GAP + 1)):
                    child = loose.get(toks[k].norm)
                    if child is not None:
                        if None in child and (best is None or k + 1 > best[0]):
                            best = (k + 1, child[None])
                        stack.append((child, k + 1))
                    if not _modifier(toks[k]):
                        break
            if j < len(toks):
                child = node.get(toks[j].norm)
                if child is not None:
                    if None in child and (best is None or j + 1 >= best[0]):
                        best = (j + 1, child[None])
                    stack.append((child, j + 1))
        return best


class SentenceCoder:
    """Codes one sentence against a :class:`Lexicon` on a given day (``YYYYMMDD``, for dated actor codes)."""

    def __init__(self, lex: Lexicon, text: str, day: str | None) -> None:
        self.lex = lex
        self.text = text
        self.day = day
        self.toks = tokenize(text)
        self.norms = [t.norm for t in self.toks]
        self.wordset = frozenset(self.norms)
        self._verb_cache: dict[int, list[VerbForm]] = {}
        self._verb_list: list[tuple[int, int, list[VerbForm]]] | None = None
        self.matches: dict[int, tuple[int, _Entry]] = {}
        self.covered: set[int] = set()
        i = 0
        trie = lex.trie
        norms = self.norms
        while i < len(self.toks):
            m = lex.longest(self.toks, i) if norms[i] in trie else None
            if m is not None:
                self.matches[i] = m
                self.covered.update(range(i, m[0]))
                i = m[0]
            else:
                i += 1
        self._opening_comma = -1  # the comma that closes a sentence-opening clause or phrase ("After …,", "In …,")
        if norms and (norms[0] in PREPOSITIONS or norms[0] in _SUBORDINATORS):
            self._opening_comma = norms.index(",") if "," in norms else -1
        self.phrases = self._phrases()

    # ------------------------------------------------------------------ discards

    def discarded(self) -> tuple[bool, bool]:
        """(sentence discarded, story discarded)."""
        if self.lex.discard_first is None:
            self.lex._index()
        index = self.lex.discard_first
        assert index is not None
        norms = self.norms
        sent = story = False
        for i, w in enumerate(norms):
            for words, whole in index.get(w, ()):
                if len(words) == 1 or tuple(norms[i : i + len(words)]) == words:
                    story = story or whole
                    sent = sent or not whole
        return sent or story, story

    # ------------------------------------------------------------------ noun phrases

    def _skip_modifiers(self, j: int, most: int = 3) -> int | None:
        """From ``j``, skip determiners and up to ``most`` other lower-case words to a dictionary match."""
        k = j
        n = 0
        while k < len(self.toks):
            if k in self.matches:
                return k
            w = self.toks[k]
            if w.norm in DETERMINERS:
                k += 1
                continue
            if n < most and _LOWER_WORD.fullmatch(w.text) and w.norm not in PREPOSITIONS | NOT_VERBS:
                if self._verb_at(k):
                    return None  # a verb ends the noun phrase: "Kim Jong Un met Vladimir Putin"
                k += 1
                n += 1
                continue
            return None
        return None

    def _phrases(self) -> list[Phrase]:
        out: list[Phrase] = []
        i = 0
        starts = sorted(self.matches)
        taken: set[int] = set()
        for s in starts:
            if s in taken:
                continue
            # elements: lists of (token index, entry), joined by "list" or "of"
            elements: list[list[tuple[int, _Entry]]] = [[(s, self.matches[s][1])]]
            joins: list[str] = []
            joins_by: set[str] = set()  # how list members were joined: "and" (also ", and") or ","
            former = self._former_before(s)
            end = self.matches[s][0]
            while True:
                if end < len(self.toks) and end in self.matches:
                    elements[-1].append((end, self.matches[end][1]))
                    end = self.matches[end][0]
                    continue
                nxt = self.norms[end] if end < len(self.toks) else None
                if nxt == "'S":
                    k = self._skip_modifiers(end + 1, 4)
                    if k is not None:
                        elements[-1].append((k, self.matches[k][1]))
                        end = self.matches[k][0]
                        continue
                    # "Ithilen's sheep and goats of Gondor": the possessed noun, then a list member "N of Y"
                    k = end + 1
                    while k < min(len(self.toks), end + 3) and _modifier(self.toks[k]) and k not in self.covered:
                        k += 1
                    m = self._noun_of(k + 1) if k < len(self.toks) and self.norms[k] in ("AND", "OR") else None
                    if m is not None and k > end + 1:
                        elements.append([(m, self.matches[m][1])])
                        joins.append("list")
                        joins_by.add("and")
                        end = self.matches[m][0]
                        continue
                    end += 1
                    break
                if nxt in _JOINERS:
                    k = self._skip_modifiers(end + 1, 1)
                    if k is not None:
                        elements.append([(k, self.matches[k][1])])
                        joins.append("of")
                        end = self.matches[k][0]
                        continue
                if nxt in _CONJ:
                    if end == self._opening_comma:
                        break  # "After meeting Joe Biden, Xi Jinping …": the comma closes the opening clause
                    j = end + 1
                    if nxt == "," and j < len(self.toks) and self.norms[j] in ("AND", "OR"):
                        if "and" in joins_by:
                            break  # "A and B, and C and D": a list has one closing "and"; a second one is another list
                        j += 1
                    k = self._skip_modifiers(j, 2)
                    if k is None and (nxt in ("AND", "OR") or j > end + 1):
                        k = self._noun_of(j)  # "Arnor and the people of Gondor"
                    if k is not None and not (nxt == "," and self._appositive(j, k)):
                        elements.append([(k, self.matches[k][1])])
                        joins.append("list")
                        joins_by.add("and" if nxt in ("AND", "OR", "NOR") or j > end + 1 else ",")
                        end = self.matches[k][0]
                        continue
                # a modifier between two matches: "Danish Islamist media", "Arnor awful Gondor"
                k = self._skip_modifiers(end, 2)
                if k is not None and k > end and not any(self.norms[x] in _CONJ for x in range(end, k)):
                    elements[-1].append((k, self.matches[k][1]))
                    end = self.matches[k][0]
                    continue
                break
            for el in elements:
                for idx, _e in el:
                    taken.add(idx)
            codes = self._codes(elements, joins, former)
            first = s
            while first > 0 and (self.norms[first - 1] in DETERMINERS or self.norms[first - 1] == "FORMER"):
                first -= 1
            if codes:
                out.append(Phrase(first, end - 1, codes, s))
            i = end
        del i
        return out

    def _noun_of(self, j: int) -> int | None:
        """At ``j``, an uncoded noun with *of*/*from* and a dictionary match ("the people of Gondor"): the match."""
        k = j
        while k < len(self.toks) and self.norms[k] in DETERMINERS:
            k += 1
        n = 0
        while k < len(self.toks) and n < 2 and _modifier(self.toks[k]) and k not in self.covered:
            k += 1
            n += 1
        if n == 0 or k >= len(self.toks) or self.norms[k] not in ("OF", "FROM"):
            return None
        return self._skip_modifiers(k + 1, 1)

    def _appositive(self, j: int, k: int) -> bool:
        """After a comma, "the state's fiercest foe," is an appositive, not a list member.

        A list that goes on with "and"/"or" after it ("Mordor, the awful Fornost, and Gondor") is a list.
        """
        if not (j < len(self.toks) and self.norms[j] in DETERMINERS and j not in self.matches):
            return False
        after = self.norms[self.matches[k][0] : self.matches[k][0] + 2]
        return not (after[:1] in (["AND"], ["OR"]) or after in ([",", "AND"], [",", "OR"]))

    def _former_before(self, s: int) -> bool:
        return any(self.norms[k] == "FORMER" for k in range(max(0, s - 2), s))

    def _actor_codes(self, entry: _Entry) -> tuple[str, ...]:
        assert entry.actor is not None
        return entry.actor.codes_on(self.day)

    def _codes(self, elements: list[list[tuple[int, _Entry]]], joins: list[str], former: bool) -> list[str]:
        # groups of elements joined by "list"; an "of" join attaches the following list to what precedes it
        heads: list[list[tuple[int, _Entry]]] = []
        comps: list[list[tuple[int, _Entry]]] = []
        seen_of = False
        for k, el in enumerate(elements):
            if k > 0 and joins[k - 1] == "of":
                seen_of = True
            (comps if seen_of else heads).append(el)
        comp_codes: list[str] = []
        for el in comps:
            comp_codes.extend(self._element_codes(el, [], former))
        out: list[str] = []
        for el in heads:
            if any(e.kind == "actor" for _i, e in el):
                out.extend(self._element_codes(el, [], former))
            else:
                out.extend(self._element_codes(el, comp_codes or ["---"], former))
        if not heads:
            out = comp_codes
        return list(dict.fromkeys(c for c in out if c))

    def _element_codes(self, el: list[tuple[int, _Entry]], bases: list[str], former: bool) -> list[str]:
        actors = [e for _i, e in el if e.kind == "actor"]
        agents = [e for _i, e in el if e.kind == "agent"]
        if former or any(self.norms[i - 1] == "FORMER" for i, _e in el if i > 0):
            agents = [_Entry("agent", code="ELI")]
        if actors:
            bases = list(self._actor_codes(actors[0]))
        if not bases:
            return []
        out = []
        for base in bases:
            if base in ("---",) and not agents:
                continue
            code = base
            for a in agents:
                if a.code and not _has_code(code, a.code):
                    code = a.code + code if a.before else code + a.code
            out.append(code)
        return out

    def phrase_at(self, i: int) -> Phrase | None:
        for p in self.phrases:
            if p.first <= i <= p.last:
                return p
        return None

    # ------------------------------------------------------------------ verbs

    def _verb_at(self, i: int) -> list[VerbForm]:
        if self.lex.verb_first is None or self.lex.verb_back is None:
            self.lex._index()
        assert self.lex.verb_first is not None and self.lex.verb_back is not None
        w = self.norms[i]
        if w not in self.lex.verb_first and w not in self.lex.verb_back:
            return []
        cached = self._verb_cache.get(i)
        if cached is None:
            cached = self._verb_cache[i] = self._find_verb(i)
        return cached

    def _find_verb(self, i: int) -> list[VerbForm]:
        if self.lex.verb_first is None or self.lex.verb_back is None:
            self.lex._index()
        assert self.lex.verb_first is not None and self.lex.verb_back is not None
        norms = self.norms
        w = norms[i]
        out = [
            f
            for f in self.lex.verb_first.get(w, ())
            if len(f.words) == 1 or tuple(norms[i : i + len(f.words)]) == f.words
        ]
        # multi-word verbs whose verb word is not the first ("WIRE_+TAP"): look back
        for f in self.lex.verb_back.get(w, ()):
            s = i - f.verb
            if s >= 0 and tuple(norms[s : s + len(f.words)]) == f.words:
                out.append(f)
        return out

    def _verbs(self) -> list[tuple[int, int, list[VerbForm]]]:
        if self._verb_list is None:
            self._verb_list = self.verbs()
        return self._verb_list

    def verbs(self) -> list[tuple[int, int, list[VerbForm]]]:
        """Verb occurrences: (first token, end token, forms)."""
        out: list[tuple[int, int, list[VerbForm]]] = []
        if self.lex.verb_first is None or self.lex.verb_back is None:
            self.lex._index()
        verb_first, verb_back = self.lex.verb_first, self.lex.verb_back
        assert verb_first is not None and verb_back is not None
        for i, t in enumerate(self.toks):
            if t.norm not in verb_first and t.norm not in verb_back:
                continue  # no verb form has this word as its verb
            if i in self.covered or t.norm in NOT_VERBS or not _LETTER.match(t.text):
                continue
            if i > 0 and t.text[:1].isupper() and self.toks[i - 1].norm not in (",", "``", '"'):
                continue  # a capitalised word inside the sentence is a name
            forms = self._verb_at(i)
            if not forms:
                continue
            prev = self.norms[i - 1] if i > 0 else ""
            if prev in DETERMINERS or prev == "'S" or (prev in PREPOSITIONS and prev != "TO") or prev in _DEGREE:
                continue  # "an attack", "Eriador's refusal", "very close": not verbs
            if self._after_adjectives(i):
                continue  # "a brief private visit": a noun
            if i + 1 < len(self.toks) and self.norms[i + 1] == "OF" and not t.norm.endswith("ED"):
                continue  # "resumption of", "meetings of": a noun
            if out and out[-1][1] == i and t.norm.endswith("S"):
                continue  # a plural right after a verb is its object: "promised raids", "condemned attacks"
            first = min(i - f.verb for f in forms)
            end = max(i - f.verb + len(f.words) for f in forms)
            if out and out[-1][1] > first:
                continue
            out.append((first, end, forms))
        return out

    def _after_adjectives(self, i: int) -> bool:
        """Whether a base form at ``i`` follows a determiner and one or two lower-case non-plural words.

        "a brief private visit", "the new attack": the word ends a singular noun phrase. A past form ("a gunman
        attacked") is a verb, and a plural ("the crowds burn") may be its subject, so it stops the walk.
        """
        if self.norms[i].endswith("ED"):
            return False
        k = i - 1
        while k >= 0 and i - k <= 2:
            w = self.toks[k]
            if not _LOWER_WORD.fullmatch(w.text) or k in self.covered:
                return False
            if w.norm.endswith("S") or w.norm in NOT_VERBS or w.norm in PREPOSITIONS or w.norm in _CONJ:
                return False
            if w.norm.endswith("LY"):
                return False
            k -= 1
            if k >= 0 and self.norms[k] in DETERMINERS:
                return True
        return False

    # ------------------------------------------------------------------ patterns

    def _match_words(self, alts: tuple[tuple[str, ...], ...], j: int) -> int | None:
        """The end of the longest alternative found at token ``j``."""
        if j >= len(self.norms):
            return None
        best = None
        for words in self.lex.spellings(alts).get(self.norms[j], ()):
            if (len(words) == 1 or tuple(self.norms[j : j + len(words)]) == words) and (
                best is None or j + len(words) > best
            ):
                best = j + len(words)
        return best

    def _forward(self, els, j: int, limit: int, glued_first: bool):
        """Match elements forwards from token ``j``; returns (end, places) or None."""
        places: dict[str, int] = {}
        pos = j
        for k, el in enumerate(els):
            glued = el.glued if k > 0 else glued_first
            if el.kind == "^":  # any noun phrase, coded or not: a coded one starting here, else some words
                ph = self._next_phrase(pos, min(limit, pos + 2))
                pos = ph.last + 1 if ph is not None and ph.first <= pos + 1 else pos + 1
                if pos > limit:
                    return None
                continue
            if k > 0 and els[k - 1].kind == "^":
                glued = False
            if el.kind in ("$", "+", "%"):
                ph = self._next_phrase(pos, limit)
                if ph is None:
                    return None
                if el.kind in ("$", "+", "%"):
                    places[el.kind] = ph.head
                pos = ph.last + 1
                continue
            found = None
            for start in range(pos, min(limit, pos + (1 if glued else MAX_GAP + 1))):
                e = self._match_words(el.alts, start)
                if e is not None:
                    found = e
                    break
            if found is None:
                return None
            pos = found
        return pos, places

    def _backward(self, els, j: int, limit: int, glued_last: bool):
        """Match elements backwards, ending before token ``j``; returns (start, places) or None."""
        places: dict[str, int] = {}
        pos = j
        for k in range(len(els) - 1, -1, -1):
            el = els[k]
            glued = glued_last if k == len(els) - 1 else els[k + 1].glued
            if el.kind == "^":
                ph = self._prev_phrase(pos, max(limit, pos - 2))
                pos = ph.first if ph is not None and ph.last >= pos - 2 else pos - 1
                if pos < limit:
                    return None
                continue
            if k < len(els) - 1 and els[k + 1].kind == "^":
                glued = False
            if el.kind in ("$", "+", "%"):
                ph = self._prev_phrase(pos, limit)
                if ph is None:
                    return None
                if el.kind in ("$", "+", "%"):
                    places[el.kind] = ph.head
                pos = ph.first
                continue
            found = None
            by_last = self.lex.spellings(el.alts, last=True)
            for end in range(pos, max(limit, pos - (0 if glued else MAX_GAP)) - 1, -1):
                if end < 1:
                    break
                for words in by_last.get(self.norms[end - 1], ()):
                    s = end - len(words)
                    if s >= limit and (len(words) == 1 or tuple(self.norms[s:end]) == words):
                        found = s if found is None else min(found, s)
                if found is not None:
                    break
            if found is None:
                return None
            pos = found
        return pos, places

    def _next_phrase(self, j: int, limit: int) -> Phrase | None:
        for p in self.phrases:
            if p.head >= j and p.head < limit:
                return p
        return None

    def _prev_phrase(self, j: int, limit: int) -> Phrase | None:
        for p in reversed(self.phrases):
            if p.head < j and p.head >= limit:
                return p
        return None

    def _clause_end(self, j: int) -> int:
        for k in range(j, len(self.toks)):
            if self.norms[k] in BARRIERS:
                return k
        return len(self.toks)

    def _clause_start(self, j: int) -> int:
        for k in range(j - 1, -1, -1):
            if self.norms[k] in BARRIERS or self.norms[k] == "THAT":
                return k + 1
        return 0

    # ------------------------------------------------------------------ coding

    def code(self) -> list[Coded]:
        out: list[Coded] = []
        prev_source: Phrase | None = None
        coded_at: tuple[int, int, bool] | None = None  # the clause start and end of the last coded verb; chained?
        last: tuple[int, int, int] | None = None  # the previous verb's clause start, end, and events before it
        for first, end, forms in self._verbs():
            if last is not None and len(out) > last[2]:
                coded_at = (last[0], last[1], False)
            lo, hi = self._clause_start(first), self._clause_end(end)
            to = self._infinitive(first)
            if to is not None and coded_at is not None and coded_at[0] == lo and to >= coded_at[1] + (not coded_at[2]):
                # an infinitive after a coded verb's object is what it is about, not an event of its own:
                # "abandoned efforts to stop", "called on Gondor to be allowed to leave"
                coded_at, last = (lo, end, True), None
                continue
            last = (lo, end, len(out))
            best: tuple[Pattern, int, dict[str, int]] | None = None  # pattern, start of its words, places
            blocks = {id(f.block): f.block for f in forms}
            for block in blocks.values():
                for pat, _needs in self.lex.candidates(block, self.wordset):
                    hit = self._try(pat, first, end, lo, hi)
                    if hit is None:
                        continue
                    if best is None or (pat.weight, -pat.order) > (best[0].weight, -best[0].order):
                        best = (pat, hit[0], hit[1])
            if best is not None:
                code, back, left, places, rule = best[0].code, best[0].back, best[1], best[2], "pattern"
                compound = any(e.kind == "%" for e in best[0].before)  # after the verb, % is an ordinary target
            else:
                f = forms[0]
                code, back, left, places, rule, compound = f.code, f.back, first, {}, "verb", False
            if code is None or code == "---":
                prev_source = self._source(first, lo) or prev_source
                continue
            src = self.phrase_at(places["$"]) if "$" in places else None
            if src is None and compound and "%" in places:
                src = self.phrase_at(places["%"])  # the compound the pattern placed: "Arnor and Gondor have *"
            tgt = self.phrase_at(places["+"]) if "+" in places else None
            if tgt is None and not compound and "%" in places:
                tgt = self.phrase_at(places["%"])
            passive = self._passive(first)
            if src is None:
                if first > 0 and self.norms[first - 1] == "AND" and prev_source is not None:
                    src = prev_source
                else:
                    src = self._source(left, self._clause_start(left) if left < first else lo)
                    if src is None and left < first:
                        src = self._source(first, lo)  # the subject inside the pattern: "Neither X nor Y *"
            if tgt is None:
                tgt = self._target(end, hi, src)
            if passive is not None and "$" not in places:
                src, tgt = passive, src
            prev_source = src
            negated = any(self.norms[k] in NEGATIONS for k in range(max(0, first - 3), first)) and rule == "verb"
            span = (self.toks[first].start, self.toks[end - 1].end)
            if src is None:
                continue
            # a two-way code ([064:064]) with a list subject and no target: the members with each other
            # ("Gondor and Osgiliath have renewed diplomatic ties")
            mutual = tgt is None and back is not None and len(src.codes) > 1
            if (compound or mutual) and len(src.codes) > 1 and "+" not in places:
                members = src.codes
                for a in range(len(members)):
                    for b in range(a + 1, len(members)):
                        out.append(self._event(members[a], members[b], code, src, src, span, negated, rule))
                        out.append(self._event(members[b], members[a], back or code, src, src, span, negated, rule))
                continue
            if tgt is None:
                continue
            for s in src.codes:
                for t in tgt.codes:
                    if s == t:
                        continue
                    out.append(self._event(s, t, code, src, tgt, span, negated, rule))
                    if back:
                        out.append(self._event(t, s, back, tgt, src, span, negated, rule))
        return list(dict.fromkeys(out))

    def _infinitive(self, first: int) -> int | None:
        """The "to" of an infinitive at ``first`` ("to stop", "to be allowed"), else None."""
        k = first - 1
        if k >= 0 and self.norms[k] == "BE":
            k -= 1
        return k if k >= 0 and self.norms[k] == "TO" else None

    def _event(self, s, t, code, sp, tp, span, negated, rule) -> Coded:
        return Coded(
            s, t, code, (self.toks[sp.first].start, self.toks[sp.last].end),
            (self.toks[tp.first].start, self.toks[tp.last].end), span, negated, rule,
        )  # fmt: skip

    def _try(self, pat: Pattern, first: int, end: int, lo: int, hi: int):
        places: dict[str, int] = {}
        left = first
        if pat.before:
            back = self._backward(pat.before, first, 0, pat.verb_glued_before)
            if back is None:
                return None
            left, p = back
            places.update(p)
        if pat.after:
            fwd = self._forward(pat.after, end, len(self.toks), pat.verb_glued_after)
            if fwd is None:
                return None
            places.update(fwd[1])
        return left, places

    def _source(self, j: int, lo: int) -> Phrase | None:
        opening = self._opening_phrase_end(lo, j)
        for p in reversed(self.phrases):
            if p.last >= j or p.head < lo or p.last < opening:
                continue
            before = self._word_before(p.first)
            if before in PREPOSITIONS:
                continue
            return p
        # no subject with codes: an actor inside an uncoded subject's prepositional phrase stands for it
        # ("Resumption of ties between Arnor and Gondor may spur …"), unless the clause opens with a preposition
        for p in reversed(self.phrases):
            if p.last >= j or p.head < lo:
                continue
            if self._inside_subject(lo, p.first):
                return p
            break
        return None

    def _opening_phrase_end(self, lo: int, j: int) -> int:
        """The comma that closes a clause-opening prepositional phrase before ``j`` ("On improvement of …,"), else -1.

        Nothing inside it is the subject.
        """
        if lo < len(self.toks) and self.norms[lo] in PREPOSITIONS:
            for k in range(lo + 1, j):
                if self.norms[k] == ",":
                    return k
        return -1

    def _inside_subject(self, lo: int, first: int) -> bool:
        """Whether tokens ``lo … first-1`` are an uncoded noun and a preposition leading to ``first``."""
        if first <= lo or self.norms[lo] in PREPOSITIONS or self.norms[first - 1] not in PREPOSITIONS | DETERMINERS:
            return False
        starts = {v[0] for v in self._verbs()}
        seen_prep = False
        for k in range(lo, first):
            w = self.norms[k]
            if k in starts or w in NOT_VERBS or not _LETTER.match(self.toks[k].text) or k in self.covered:
                return False
            seen_prep = seen_prep or w in PREPOSITIONS
        return seen_prep

    def _word_before(self, i: int) -> str | None:
        k = i - 1
        while k >= 0 and _LOWER_WORD.fullmatch(self.toks[k].text) and self.norms[k] not in PREPOSITIONS:
            k -= 1
            if i - k > 3:
                return None
        return self.norms[k] if k >= 0 else None

    def _target(self, end: int, hi: int, src: Phrase | None) -> Phrase | None:
        hi = min(hi, self._attribution(end), self._uncoded_infinitive(end))
        for p in self.phrases:
            if p.first >= end and p.head < hi and (src is None or p is not src):
                if self._word_before(p.first) == "BY" and self._passive_before(end):
                    continue
                return p
        return None

    def _uncoded_infinitive(self, end: int) -> int:
        """The "to" of an infinitive right after the verb whose verb is not in the dictionary, else the end.

        "proposed to take up the issue with the World Bank": the bank goes with "take up", not with "proposed".
        """
        k = end
        if k + 1 < len(self.toks) and self.norms[k] == "TO":
            w = self.toks[k + 1]
            if _modifier(w) and w.norm not in _PRONOUNS and not self._verb_at(k + 1):
                return k
        return len(self.toks)

    def _attribution(self, end: int) -> int:
        """The comma before a trailing attribution ("…, a senior official said"), else the sentence's end.

        The speaker is the subject of its own verb, never the target of the verb before the comma.
        """
        for k in range(end, len(self.toks)):
            if self.norms[k] != ",":
                continue
            for j in range(k + 1, min(len(self.toks), k + 9)):
                if self.norms[j] in _SPEECH:
                    return k
                if self.norms[j] in _CONJ or self.norms[j] in BARRIERS:
                    break
        return len(self.toks)

    def _passive_before(self, end: int) -> bool:
        return False

    def _passive(self, first: int) -> Phrase | None:
        """``X was opposed by Y``: Y, the doer."""
        k = first - 1
        while k >= 0 and self.norms[k] in ("FIERCELY", "HEAVILY", "STRONGLY", "ALSO", "NOT"):
            k -= 1
        if k < 0 or self.norms[k] not in _BE:
            return None
        if not (self.norms[first].endswith("ED") or self.norms[first].endswith("EN")):
            return None
        for j in range(first + 1, min(len(self.toks), first + 4)):
            if self.norms[j] == "BY":
                p = self._next_phrase(j + 1, j + 3)
                return p
        return None


def code_sentence(lex: Lexicon, text: str, day: str | None) -> tuple[list[Coded], bool]:
    """The events of one sentence, and whether a story-level discard phrase was found in it."""
    sc = SentenceCoder(lex, text, day)
    sent, story = sc.discarded()
    if sent:
        return [], story
    return sc.code(), False
