"""The English pack: the English path of :mod:`warta.english` behind the language interface.

PETRARCH-2 dictionaries (the ``Phoenix.*`` and ``CAMEO.2.0.txt`` files of this folder, or the user's)
and a parse-free coder (:mod:`warta.english.coder`); :mod:`warta.english.stage` finds the actors, the
dates (dateparser) and the events. The English modules are imported when an English article is read.
"""

from __future__ import annotations

from typing import Any

from warta.article import ActorMention, Article, Event, TimeExpression
from warta.lang import Language, Reference
from warta.record import ENGLISH_CODER_VERSION


def _find_actors(art: Article) -> tuple[ActorMention, ...]:
    from warta.english import stage

    return stage.find_actors(art)


def _find_times(art: Article) -> tuple[tuple[TimeExpression, ...], Reference | None]:
    from warta.english import stage

    return stage.find_times(art)


def _code_events(art: Article) -> tuple[Event, ...]:
    from warta.english import stage

    return stage.code_events(art).events


def _lexicon() -> Any:
    from warta.english import stage

    return stage.lexicon()


LANGUAGE = Language(
    code="en",
    name="English",
    reads=frozenset({"en"}),
    find_actors=_find_actors,
    find_times=_find_times,
    code_events=_code_events,
    fold_reports=False,
    lexicon=_lexicon,
    forms=None,
    coder_version=ENGLISH_CODER_VERSION,
)
