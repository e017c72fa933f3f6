"""The Indonesian pack, which also reads Malay: the language Warta was built for.

Its home holds the data (``*.tsv``, ``stopwords.txt``: page furniture, outlets, months and weekdays,
abbreviations, the trigger lexicon, the words that carry no event, off-topic words) and the code:
word forms (:mod:`warta.lang.id.morph`), date expressions (:mod:`warta.lang.id.dates`) and the clause
grammar that codes events (:mod:`warta.lang.id.grammar`). Actor mentions are found by the ``actors``
stage's matcher over the actor tables (:func:`warta.stages.actors.match_actors`).

The modules are imported when first called: the stages, the trigger loader and the pack import each
other's parts, and this file is run by any import of ``warta.lang.id.*``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warta.article import ActorMention, Article, Event, TimeExpression
from warta.lang import Language, Reference
from warta.record import CODER_VERSION


def _find_actors(art: Article) -> tuple[ActorMention, ...]:
    from warta.stages.actors import match_actors

    return match_actors(art)


def _find_times(art: Article) -> tuple[tuple[TimeExpression, ...], Reference | None]:
    from warta.lang.id import dates

    return dates.find_times(art)


def _code_events(art: Article) -> tuple[Event, ...]:
    from warta.lang.id import grammar

    return grammar.code_events(art)


def _lexicon() -> Any:
    from warta import dicts
    from warta.triggers import load_lexicon

    return load_lexicon("id", dicts.active())


def _forms(root: str) -> Mapping[str, str]:
    from warta.lang.id import morph

    return morph.forms(root)


LANGUAGE = Language(
    code="id",
    name="Indonesian",
    reads=frozenset({"id", "ms"}),
    find_actors=_find_actors,
    find_times=_find_times,
    code_events=_code_events,
    fold_reports=True,
    lexicon=_lexicon,
    forms=_forms,
    coder_version=CODER_VERSION,
)
