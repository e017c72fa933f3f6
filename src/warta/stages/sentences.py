"""Sentences and words: split each clean paragraph into sentences, and sentences into tokens.

Requires ``text`` and ``paragraphs``; assigns ``sentences``. Reads ``lang/id/abbreviations.tsv``.

A sentence never crosses a paragraph (a line of the clean text). Within a paragraph a full stop,
question or exclamation mark (with any closing quotes or brackets) ends a sentence when the next
character starts a new one (a capital, a digit or an opening quote), unless the word before the
stop is a known abbreviation ("Dr.", "Jl.", "Tbk."), an initial ("H."), or the stop sits inside an
open quotation. Lemmas come from simplemma, with the project's own affix rules
(:mod:`warta.lang.id.morph`) where simplemma leaves a derived form unreduced.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import simplemma

from warta.article import Article, Sentence
from warta.lexicon import data_path, read_tsv

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@functools.cache
def abbreviations(lang: str = "id") -> frozenset[str]:
    """The abbreviations of a language, casefolded, without their final dot."""
    rows = read_tsv(data_path(lang, "abbreviations.tsv"), required=("abbreviation",), optional=("note",))
    return frozenset(r["abbreviation"].casefold() for r in rows)


def in_quote(para: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an open double quotation in ``para``."""
    straight = para.count('"', 0, pos)
    if straight % 2 == 1:
        return True
    return para.count("“", 0, pos) > para.count("”", 0, pos)


def split_paragraph(para: str, lang: str = "id") -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` within one paragraph, leading/trailing spaces trimmed."""
    abbrevs = abbreviations(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(para):
        stop = m.group()
        if stop.startswith(".") and len(stop.rstrip("\"'”’)]")) == 1:
            word = re.search(r"([\w.]+)$", para[start : m.start()])
            w = word.group(1) if word else ""
            if w.casefold() in abbrevs or (len(w) == 1 and w.isupper()) or re.fullmatch(r"(?:\w\.)+\w", w):
                continue
        if in_quote(para, m.end()) and not stop.endswith(("”", '"')):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(para)))
    out = []
    for a, b in spans:
        while a < b and para[a].isspace():
            a += 1
        while b > a and para[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def split_sentences(art: Article, lang: str = "id") -> Article:
    """The ``sentences`` stage."""
    sentences: list[Sentence] = []
    for i, p in enumerate(art.paragraphs):
        for a, b in split_paragraph(art.text[p.start : p.end], lang):
            sentences.append(Sentence(start=p.start + a, end=p.start + b, paragraph=i, is_title=p.is_title))
    return replace(art, sentences=tuple(sentences))


def tokenize(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Words and punctuation of ``text`` as ``(start, end, word)``, offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


@functools.lru_cache(maxsize=65536)
def lemma(word: str, lang: str = "id") -> str:
    """The lemma of a word: simplemma's, else the project's own affix rules."""
    low = word.casefold()
    lem = simplemma.lemmatize(low, lang=lang)
    if lem == low and lang == "id":
        from warta.lang.id.morph import analyse

        roots = analyse(low)
        if roots:
            return roots[0][0]
    return lem
