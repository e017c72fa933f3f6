"""Time: find temporal expressions and normalise them against the publication date.

Requires ``text``, ``sentences`` and ``meta``; assigns ``times`` and ``reference``.

The expressions are the article's language's: Indonesian (and Malay, and any language without a
pack of its own) by the rules of :mod:`warta.lang.id.dates` ("21 Juni 2024", "Senin (22/8)",
"pekan lalu", "keesokan harinya"), English by :mod:`warta.english.stage`. Every expression gets an
ISO prefix at its precision and the rule that read it; ``reference`` is the date relative
expressions were read against (the publication date, or one inferred from the text).
"""

from __future__ import annotations

from dataclasses import replace

from warta.article import Article
from warta.lang.id import dates


def find_times(art: Article, lang: str = "id") -> Article:
    """The ``time`` stage."""
    meta = art.meta
    if meta is not None and meta.language == "en":  # the English path (warta/english)
        from warta.english import stage as english

        times, reference = english.find_times(art)
        return replace(art, times=times, reference=reference)
    times, reference = dates.find_times(art, lang)
    return replace(art, times=times, reference=reference)
