"""Time: find temporal expressions and normalise them against the publication date.

Requires ``text``, ``sentences`` and ``meta``; assigns ``times`` and ``reference``.

The expressions are read by the article's language pack (:mod:`warta.lang`): Indonesian (and Malay,
and any language without a pack of its own) by the rules of :mod:`warta.lang.id.dates` ("21 Juni 2024", "Senin (22/8)",
"pekan lalu", "keesokan harinya"), English by :mod:`warta.english.stage`. Every expression gets an
ISO prefix at its precision and the rule that read it; ``reference`` is the date relative
expressions were read against (the publication date, or one inferred from the text).
"""

from __future__ import annotations

from dataclasses import replace

from warta import lang
from warta.article import Article


def find_times(art: Article) -> Article:
    """The ``time`` stage: the expressions the article's language pack finds (:mod:`warta.lang`)."""
    pack = lang.for_article(art) or lang.get(lang.DEFAULT)
    times, reference = pack.find_times(art)
    return replace(art, times=times, reference=reference)
