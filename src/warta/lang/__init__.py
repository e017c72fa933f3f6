"""Language packs: each language's one home, behind one small interface the stages call.

As spaCy's ``spacy/lang/xx/``, ``warta/lang/<code>/`` holds everything one language needs: its data
(TSV files, validated when loaded, :mod:`warta.lexicon`) and its code (Indonesian: word forms in
``morph.py``, date rules in ``dates.py``, clause grammar in ``grammar.py``). Its ``__init__.py``
exposes one :class:`Language` as ``LANGUAGE``; the ``actors``, ``time`` and ``events`` stages ask
:func:`for_article` which pack reads an article and call that pack's entry points.

An article's language is its ``meta.language``: a feed's ``language`` (or ``lang``) field, ``--lang``
on the command line, else the detected one (:func:`warta.stages.metadata.detect_language`). A pack
reads its own code and any other it lists in ``reads`` (the Indonesian pack reads Malay). An article
with no language is read as :data:`DEFAULT`; one in a language no pack reads gets its actors and dates
from the default pack (names and numeric dates still count) and no events.

Packs are imported when first asked for, so an Indonesian run never imports the English coder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from warta.article import ActorMention, Article, Event, TimeExpression
from warta.errors import WartaError

Reference = tuple[str, str, str]
"""The date relative expressions were read against: ISO prefix, precision, how it was found."""


@dataclass(slots=True, frozen=True, kw_only=True)
class Language:
    """One language pack: what the stages need to read an article in that language.

    Attributes:
        code: the pack's ISO 639-1 code, also its folder under ``warta/lang/``.
        name: its English name.
        reads: every language code routed to this pack, its own included (``{"id", "ms"}``).
        find_actors: the ``actors`` stage's work: the actor mentions of an article.
        find_times: the ``time`` stage's work: the time expressions of an article and the reference
            they were read against.
        code_events: the ``events`` stage's work: the events of an article, sentence by sentence.
        fold_reports: whether the ``events`` stage then folds the reports of one act into one event.
        lexicon: the trigger lexicon in use (with the user's dictionaries, if any).
        forms: the word forms of a root, each with its voice (``"kunjung"`` → ``{"mengunjungi":
            "active", …}``), or None for a pack that matches words as written.
        coder_version: the ``coder_version`` of the records it codes.
    """

    code: str
    name: str
    reads: frozenset[str]
    find_actors: Callable[[Article], tuple[ActorMention, ...]]
    find_times: Callable[[Article], tuple[tuple[TimeExpression, ...], Reference | None]]
    code_events: Callable[[Article], tuple[Event, ...]]
    fold_reports: bool
    lexicon: Callable[[], Any]
    forms: Callable[[str], Mapping[str, str]] | None
    coder_version: str


DEFAULT = "id"
"""The pack that reads an article with no language, and the actors and dates of one no pack reads."""

_MODULES: dict[str, str] = {"id": "warta.lang.id", "en": "warta.lang.en"}
"""The built-in packs: code → the module whose ``LANGUAGE`` is the pack."""

_loaded: dict[str, Language] = {}


def register(language: Language, module: str | None = None) -> None:
    """Add a pack (or replace the one of its code): given itself, or as the module that holds it."""
    if module is not None:
        _MODULES[language.code] = module
    _loaded[language.code] = language


def codes() -> tuple[str, ...]:
    """The codes of the registered packs."""
    return tuple(_MODULES.keys() | _loaded.keys())


def get(code: str) -> Language:
    """The pack of ``code`` (a pack's own code, not one it only reads).

    Raises:
        WartaError: no pack has this code.
    """
    if code not in _loaded:
        if code not in _MODULES:
            raise WartaError(f"no language pack {code!r}; packs: {', '.join(sorted(codes()))}")
        language = importlib.import_module(_MODULES[code]).LANGUAGE
        if not isinstance(language, Language) or language.code != code:
            raise WartaError(f"{_MODULES[code]}.LANGUAGE is not the Language of {code!r}")
        _loaded[code] = language
    return _loaded[code]


def packs() -> tuple[Language, ...]:
    """Every registered pack, by code."""
    return tuple(get(c) for c in sorted(codes()))


def readable() -> tuple[str, ...]:
    """Every language code some pack reads, sorted: what ``--lang`` accepts."""
    return tuple(sorted({c for p in packs() for c in p.reads}))


_NAMES = {
    "ind": "id", "in": "id", "indonesian": "id", "bahasa indonesia": "id", "indonesia": "id",
    "msa": "ms", "may": "ms", "zsm": "ms", "malay": "ms", "bahasa melayu": "ms",
    "eng": "en", "english": "en",
}  # fmt: skip
"""Other ways feeds name the packs' languages: ISO 639-2/3 codes, the retired ``in``, English names."""


def normalise(code: str | None) -> str | None:
    """A language as feeds write it (``id-ID``, ``EN``, ``en_US``, ``ind``, ``Indonesian``) as the
    ISO 639-1 code the packs read (``id``, ``en``); another language's primary subtag, lowercased
    (``fr-FR`` → ``fr``); None for nothing."""
    if code is None or not code.strip():
        return None
    text = " ".join(code.strip().lower().replace("_", "-").split())
    if text in _NAMES:
        return _NAMES[text]
    primary = text.split("-", 1)[0]
    return _NAMES.get(primary, primary)


def for_language(code: str | None) -> Language | None:
    """The pack that reads ``code``: the default pack for None, no pack for a language none reads."""
    if code is None:
        return get(DEFAULT)
    if code in codes() and code in get(code).reads:
        return get(code)
    for pack in packs():
        if code in pack.reads:
            return pack
    return None


def for_article(art: Article) -> Language | None:
    """The pack that reads ``art``, by its language (``meta.language``); see :func:`for_language`."""
    return for_language(art.meta.language if art.meta is not None else None)
