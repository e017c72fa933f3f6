"""Cleaning: strip page furniture from a page's text, line by line, keeping an audit trail.

Requires ``plain``; assigns ``text``, ``paragraphs`` and ``dropped``.

Two kinds of rules:
    * line patterns from ``lang/id/furniture.tsv`` ("Baca juga: …", "[iklan_2]", cookie banners,
      credits, share counters, image-URL debris, …);
    * page rules that need the whole page: the title and its repeats, header and footer debris
      (short labels before the first or after the last body paragraph), teasers (a line repeated
      inside a longer one), repeated lines, bare numbers.

Every body paragraph stays, sub-headings included: a short line between body paragraphs is
never dropped by a page rule. Example: in ``Politik / Judul / Write: 2025-05-22 / Judul / Isi.``
the category label, the stamp and the repeated title go, with the rule that removed each.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import ahocorasick

from warta.article import Article, DroppedLine, Paragraph
from warta.errors import LexiconError
from warta.lexicon import compile_rows, data_path, read_tsv

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_BARE_NUMBER = re.compile(r"^[\d\s.,:;/\-–—+%()]+$")
_NO_LETTERS = re.compile(r"^[^\w]+$")
_CLOSERS = "\"”’')]"
_DATELINE_START = re.compile(
    r"^[A-Z][\w .'-]{1,40}?\s*\([^)]{2,30}\)\s*[-–—]"  # Seoul (ANTARA) -
    r"|^[\w.-]+\.(com|co\.id|id|net|org|co)\b.{0,40}?[-–—]"  # Liputan6.com, Moskow -
    r"|^[A-Z][A-Z .'-]{2,30},\s"  # PALEMBANG, …
)

Drop = Callable[[int, str, str], None]
"""Records a dropped line: (line number, text, rule)."""

TITLE_MIN_WORDS = 3
"""A headline has at least this many words (labels like "Politik" have one or two)."""
TITLE_MAX_WORDS = 25
"""Longer lines are paragraphs, not headlines."""
BODY_MIN_WORDS = 8
"""A line of at least this many words ending like a sentence starts the body."""
DEBRIS_MAX_WORDS = 4
"""Header and footer labels have at most this many words and no sentence punctuation."""
TEASER_MIN_CHARS = 40
"""A line this long found again inside a longer line is a teaser (shorter ones may be quotes)."""
SMALL_PAGE_LINES = 100
"""Up to this many distinct long lines, teasers are found by plain substring search."""
TEASER_MATCH_BUDGET = 200_000
"""Matches examined when looking for teasers; a news page has a few dozen, so this only stops
pages built to make the search quadratic."""


@dataclass(slots=True, frozen=True)
class LineRules:
    """The line patterns of one language, compiled for speed.

    Patterns anchored at the line's start are joined into one alternation tried once at
    position 0; the few unanchored ones are searched one by one.
    """

    anchored_rules: tuple[str, ...]
    anchored: re.Pattern[str]
    unanchored: tuple[tuple[str, re.Pattern[str]], ...]

    def match(self, line: str) -> str | None:
        """The name of the rule that drops ``line``, or None."""
        m = self.anchored.match(line)
        if m and m.lastgroup:
            return self.anchored_rules[int(m.lastgroup[1:])]
        for rule, pattern in self.unanchored:  # a few; one alternation of them scans slower
            if pattern.search(line):
                return rule
        return None


def _alternation(patterns: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """One pattern of anchored alternatives, each a named group ``r<i>``, tried at position 0."""
    parts = [
        f"(?P<r{i}>{'(?i:' if pat.flags & re.IGNORECASE else '(?:'}{pat.pattern[1:]}))"
        for i, (_rule, pat) in enumerate(patterns)
    ]
    return re.compile("|".join(parts) or "(?!)")


@functools.cache
def load_rules(lang: str = "id") -> LineRules:
    """Load and validate ``lang/<lang>/furniture.tsv``."""
    rows = read_tsv(data_path(lang, "furniture.tsv"), required=("rule", "pattern"), optional=("flags", "note"))
    compiled, problems = compile_rows(rows, "pattern")
    if problems:
        raise LexiconError(problems)
    anchored = [(row["rule"], pat) for row, pat in compiled if pat.pattern.startswith("^")]
    floating = tuple((row["rule"], pat) for row, pat in compiled if not pat.pattern.startswith("^"))
    return LineRules(tuple(rule for rule, _ in anchored), _alternation(anchored), floating)


def normalise_line(line: str) -> str:
    """NFC, no invisible characters, no-break spaces as spaces, runs of spaces folded."""
    if not line.isascii():
        line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return " ".join(line.split())


def _key(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.casefold()).strip()


def _words(line: str) -> int:
    return len(line.split())


def _ends_sentence(line: str) -> bool:
    return line.endswith(('"', "”")) or line.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def is_body_line(line: str) -> bool:
    """A line shaped like a body paragraph: long and ending like a sentence, or a dateline."""
    return (_words(line) >= BODY_MIN_WORDS and _ends_sentence(line)) or bool(_DATELINE_START.match(line))


def _is_headline(line: str) -> bool:
    return (
        TITLE_MIN_WORDS <= _words(line) <= TITLE_MAX_WORDS
        and not line.endswith(".")
        and not (_DATELINE_START.match(line))
    )


def _is_debris(line: str) -> bool:
    return _words(line) <= DEBRIS_MAX_WORDS and not _ends_sentence(line)


def clean_article(art: Article, lang: str = "id") -> Article:
    """Run the cleaning stage on ``art`` (see the module docstring)."""
    rules = load_rules(lang)
    kept: list[tuple[int, str]] = []
    dropped: dict[int, DroppedLine] = {}

    def drop(no: int, text: str, rule: str) -> None:
        if no not in dropped:  # the first rule that removes a line is the one reported
            dropped[no] = DroppedLine(line_no=no, text=text, rule=rule)

    for no, raw_line in enumerate(art.plain.splitlines(), 1):
        line = normalise_line(raw_line)
        if not line:
            continue
        rule = rules.match(line)
        if rule is None and _BARE_NUMBER.match(line):
            rule = "bare-number"
        elif rule is None and _NO_LETTERS.match(line):
            rule = "debris"
        if rule:
            drop(no, line, rule)
        else:
            kept.append((no, line))

    title_no = _page_rules(kept, drop, art.given.title)
    kept = [(no, line) for no, line in kept if no not in dropped]
    _drop_repeats(kept, drop, title_no)
    kept = [(no, line) for no, line in kept if no not in dropped]
    return _assemble(art, kept, title_no, dropped)


def _page_rules(kept: list[tuple[int, str]], drop: Drop, given_title: str | None) -> int | None:
    """Apply the whole-page rules to the lines the patterns kept; return the title's line."""
    body_idx = [i for i, (_, line) in enumerate(kept) if is_body_line(line)]
    first_body = body_idx[0] if body_idx else len(kept)
    last_body = body_idx[-1] if body_idx else len(kept)
    title_no: int | None = None
    title_key = _key(given_title) if given_title else None
    if first_body < len(kept) and _is_headline(kept[first_body][1]):
        first_body += 1  # a headline that ends with "?" or "!" is shaped like a sentence
    # Header: the headline is kept (as the first paragraph); other short labels go.
    for no, line in kept[:first_body]:
        if title_key is None and _is_headline(line):
            title_no, title_key = no, _key(line)
        elif title_key is not None and _key(line) == title_key and title_no is None:
            title_no = no
        elif _is_debris(line) and not (title_key and _key(line).startswith(title_key)):
            drop(no, line, "header-debris")
    # Footer: short labels after the last body paragraph.
    for no, line in kept[last_body + 1 :]:
        if _is_debris(line):
            drop(no, line, "footer-debris")
    # Repeats of the title (also as a caption: the title plus a short credit).
    if title_key:
        for no, line in kept:
            if no != title_no and _key(line).startswith(title_key):
                extra = _key(line)[len(title_key) :].split()
                if len(extra) <= 6:
                    drop(no, line, "repeated-title")
    return title_no


def _drop_repeats(kept: list[tuple[int, str]], drop: Drop, title_no: int | None) -> None:
    """Exact repeats of a line, and teasers: a line found again inside a longer one.

    Linear in the page's size: repeats through a set, and teasers among the distinct lines only;
    past a news page's size, by one Aho-Corasick pass of each distinct long line (a page of one
    paragraph repeated 10,000 times costs no more than 10,000 different paragraphs).
    """
    seen: set[str] = set()
    keys = [(no, line.casefold(), line) for no, line in kept if no != title_no]
    for no, key, line in keys:
        if key in seen and len(key) >= 20:
            drop(no, line, "repeated-line")
        seen.add(key)
    distinct = [key for key in dict.fromkeys(key for _, key, _ in keys) if len(key) >= TEASER_MIN_CHARS]
    if len(distinct) < 2:
        return
    teasers = _teasers_small(distinct) if len(distinct) <= SMALL_PAGE_LINES else _teasers_large(distinct)
    for no, key, line in keys:
        if key in teasers:
            drop(no, line, "teaser")


def _teasers_small(distinct: list[str]) -> set[str]:
    """The lines found inside another line, by substring search: fastest for a news page."""
    joined = "\x00".join(distinct)
    return {key for key in distinct if joined.count(key) > 1 and any(len(o) > len(key) and key in o for o in distinct)}


def _teasers_large(distinct: list[str]) -> set[str]:
    """The same for a page of many lines, in linear time: one Aho-Corasick pass over each line."""
    automaton = ahocorasick.Automaton()
    for i, key in enumerate(distinct):
        automaton.add_word(key, i)
    automaton.make_automaton()
    teasers: set[str] = set()
    budget = TEASER_MATCH_BUDGET  # lines made of one repeated pattern would match each other quadratically
    for key in distinct:
        for _end, i in automaton.iter(key):
            if distinct[i] != key:  # another line inside this one: shorter, so a teaser of it
                teasers.add(distinct[i])
            budget -= 1
            if budget <= 0:
                break
        if budget <= 0:
            break
    return teasers


def _assemble(
    art: Article, kept: list[tuple[int, str]], title_no: int | None, dropped: dict[int, DroppedLine]
) -> Article:
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for no, line in kept:
        paragraphs.append(Paragraph(start=pos, end=pos + len(line), line_no=no, is_title=no == title_no))
        parts.append(line)
        pos += len(line) + 1
    art.text = "\n".join(parts)
    art.paragraphs = tuple(paragraphs)
    art.dropped = tuple(dropped[k] for k in sorted(dropped))
    return art
