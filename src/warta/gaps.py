"""Lexicon gaps: the content words of candidate sentences that no lexicon row covers, by frequency.

A maintainer's tool (``warta lexicon gaps INPUT...``) for growing the trigger lexicon from a corpus
rather than from the sentences a coder happened to miss:

* a **candidate sentence** is a body sentence (not a title or a sub-heading) of an article the
  coder reads (Indonesian or Malay, not a sports or entertainment report) that names two different
  actors: two states or organisations, or two sectors of one state (police and protesters);
* it is **covered** when it holds a non-speech trigger of ``triggers.tsv`` or a word of
  ``nonevents.tsv`` (a word decided to carry no event);
* the **gaps** are the content words of the sentences not covered — not a function word
  (``stopwords.txt``), not part of an actor's name, not a capitalised name or a number — grouped by
  lemma and counted once per sentence, each with the forms seen and an example sentence.

Adding the most frequent gaps to either file raises the coverage; which file a word belongs in is
the maintainer's decision, made by the word's general sense in the CAMEO codebook. With a user's
overlay active (:func:`warta.dicts.using`), its rows count as the lexicon's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta import dicts
from warta.article import Article
from warta.lang.id.grammar import CODED_LANGUAGES, heading, off_topic
from warta.stages.sentences import lemma, tokenize
from warta.triggers import Lexicon, load_lexicon, load_nonevents, normal_word, stopwords

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@dataclass(slots=True)
class Gap:
    """One uncovered lemma: in how many uncovered sentences it occurs, its forms, one example."""

    lemma: str
    sentences: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    example: str = ""


@dataclass(slots=True)
class GapReport:
    """Coverage of candidate sentences by the lexicon, and the gaps ranked by frequency."""

    articles: int = 0
    candidates: int = 0
    by_trigger: int = 0
    by_nonevent: int = 0
    gaps: dict[str, Gap] = field(default_factory=dict)

    @property
    def covered(self) -> int:
        return self.by_trigger + self.by_nonevent

    @property
    def coverage(self) -> float:
        return self.covered / self.candidates if self.candidates else 0.0

    def top(self, n: int) -> list[Gap]:
        return sorted(self.gaps.values(), key=lambda g: (-g.sentences, g.lemma))[:n]


def lexicon_size(lang: str = "id") -> dict[str, int]:
    """How big the lexicon is: trigger senses (rows), their surface forms, and non-event entries."""
    lex = load_lexicon(lang, dicts.active())
    rules = {id(r): r for entries in lex.by_first.values() for r, _, _ in entries}
    forms = sum(len(entries) for entries in lex.by_first.values())
    nonevents = {r.where for entries in load_nonevents(lang, dicts.active()).by_first.values() for r, _, _ in entries}
    return {"senses": len(rules), "forms": forms, "nonevents": len(nonevents)}


def _two_actors(art: Article, si: int) -> bool:
    seen: set[tuple[str, str | None]] = set()
    for m in art.actors:
        if m.sentence != si or m.kind == "place" or m.key is None:
            continue
        seen.add((m.key, m.sector))
        if m.other:
            seen.add((m.other, None))
    keys = {k for k, _ in seen}
    if len(keys) >= 2:
        return True
    sectors = {s for _, s in seen if s}
    return len(sectors) >= 2


def _covers(lex: Lexicon, words: list[str], speech: bool) -> bool:
    for i in range(len(words)):
        for rule, _voice, _n in lex.matches(words, i):
            if speech or rule.frame != "speech":
                return True
    return False


def candidate_sentences(art: Article, lang: str = "id") -> list[int]:
    """Indexes of the article's candidate sentences (see the module docstring)."""
    language = art.meta.language if art.meta is not None else None
    if (language is not None and language not in CODED_LANGUAGES) or off_topic(art.text, lang):
        return []
    out = []
    for si, sent in enumerate(art.sentences):
        if sent.is_title or heading(art.text[sent.start : sent.end]):
            continue
        if _two_actors(art, si):
            out.append(si)
    return out


def add_article(report: GapReport, art: Article, lang: str = "id") -> None:
    """Count one article's candidate sentences into ``report``."""
    report.articles += 1
    overlay = dicts.active()
    lex, none, stop = load_lexicon(lang, overlay), load_nonevents(lang, overlay), stopwords(lang)
    for si in candidate_sentences(art, lang):
        sent = art.sentences[si]
        text = art.text[sent.start : sent.end]
        toks = tokenize(text, sent.start)
        words = [normal_word(w) for _, _, w in toks]
        report.candidates += 1
        if _covers(lex, words, speech=False):
            report.by_trigger += 1
            continue
        if _covers(none, words, speech=True):
            report.by_nonevent += 1
            continue
        spans = [(m.start, m.end) for m in art.actors if m.sentence == si]
        seen: set[str] = set()
        for (a, _b, surface), w in zip(toks, words, strict=True):
            if not _WORD.fullmatch(w) or len(w) < 3 or w in stop or surface[:1].isupper():
                continue
            if any(s <= a < e for s, e in spans) or _speech_word(lex, w):
                continue
            lem = lemma(w)
            gap = report.gaps.setdefault(lem, Gap(lem))
            gap.forms[w] += 1
            if lem not in seen:
                seen.add(lem)
                gap.sentences += 1
                if not gap.example or len(text) < len(gap.example):
                    gap.example = text


def _speech_word(lex: Lexicon, word: str) -> bool:
    return any(rule.frame == "speech" for rule, _v, _n in lex.matches([word], 0))


def gap_report(articles: Iterable[Article], lang: str = "id") -> GapReport:
    """Coverage and gaps over coded articles (the pipeline must have run up to ``actors``)."""
    report = GapReport()
    for art in articles:
        add_article(report, art, lang)
    return report
