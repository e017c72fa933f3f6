"""The English path's hooks into the pipeline: actors, times and events of an English article.

The English language pack (:mod:`warta.lang.en`) hands :func:`find_actors`, :func:`find_times` and
:func:`code_events` to the ``actors``, ``time`` and ``events`` stages, which call them when the article's
language is English (``meta.language == "en"``: detected, given by a feed's ``language`` or ``lang``
field, or forced with ``--lang en``). They return the same
:class:`~warta.article.ActorMention`, :class:`~warta.article.TimeExpression` and
:class:`~warta.article.Event` objects as the Indonesian path, so records, storage, fusion and exports
work unchanged.

Actor codes are PETRARCH's (``ARN``, ``BREGOV``, ``---GOV``, ``NGOARNGOV``, ``IGOUNO``): the mention's
``country`` (or ``igo`` for codes that start with IGO/NGO/IMG/MNC/NGM) holds the first three (six)
letters and ``sector`` the rest, so the record's ``code`` is the PETRARCH code.

Which dictionaries: the built-in ones unless :func:`use_dictionaries` was given the user's files.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from warta.article import ActorMention, Article, Event, TimeExpression
from warta.english.coder import Coded, Lexicon, SentenceCoder
from warta.english.dictionaries import DictFiles, load

_ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "NGM")
_FILES: DictFiles = DictFiles()


def use_dictionaries(files: DictFiles | None) -> None:
    """Code English with ``files`` (on top of, or instead of, the built-in dictionaries) from now on."""
    global _FILES
    _FILES = files or DictFiles()


@functools.lru_cache(maxsize=4)
def _lexicon(files: DictFiles) -> Lexicon:
    return Lexicon.build(load(files))


def lexicon() -> Lexicon:
    """The lexicon of the dictionaries in use (built once per set of files)."""
    return _lexicon(_FILES)


def _day(art: Article) -> str | None:
    """The article's date as ``YYYYMMDD``, for actors' date-bounded codes."""
    published = art.meta.published if art.meta is not None else None
    if published and re.match(r"\d{4}-\d{2}-\d{2}", published):
        return published[:10].replace("-", "")
    return None


@functools.lru_cache(maxsize=256)
def _coder(lex_id: int, text: str, day: str | None) -> SentenceCoder:
    return SentenceCoder(lexicon(), text, day)


def _sentence_coder(text: str, day: str | None) -> SentenceCoder:
    return _coder(id(lexicon()), text, day)


def _mention(code: str, start: int, end: int, si: int, name: str) -> ActorMention:
    if code.startswith(_ORG_PREFIXES) and len(code) >= 6:
        return ActorMention(
            start=start, end=end, sentence=si, name=name, kind="igo", igo=code[:6], sector=code[6:] or None
        )
    kind = "state" if len(code) <= 3 else "role"
    return ActorMention(
        start=start, end=end, sentence=si, name=name, kind=kind, country=code[:3], sector=code[3:] or None
    )


def find_actors(art: Article) -> tuple[ActorMention, ...]:
    """The actor mentions of an English article: one per code of each noun phrase with codes."""
    day = _day(art)
    out: list[ActorMention] = []
    for si, sent in enumerate(art.sentences):
        text = art.text[sent.start : sent.end]
        sc = _sentence_coder(text, day)
        for p in sc.phrases:
            a, b = sc.toks[p.first].start, sc.toks[p.last].end
            for code in p.codes:
                out.append(_mention(code, sent.start + a, sent.start + b, si, text[a:b]))
    return tuple(out)


_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_TIME = re.compile(
    rf"\b(?:(?:last|next|this)\s+(?:{_WEEKDAYS}|week|month|year)|(?:{_WEEKDAYS})|today|yesterday|tomorrow"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{4}}|\d+\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)


_WEEKDAY_DATE = re.compile(
    rf"\b({_WEEKDAYS})\s*[,(]?\s*((?:{_MONTHS})\s+\d{{1,2}}(?:,?\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})(?:,?\s+\d{{4}})?)"
    r"(?:\s*\))?",
    re.IGNORECASE,
)
"""A weekday given with a date ("Wednesday, April 24", "Monday (3 March 2025)"): the two must agree."""


def _parse(expr: str, ref: date | None) -> date | None:
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _weekday_date(weekday: str, when: str, ref: date | None) -> tuple[date, str] | None:
    """The date of "Weekday, Month D[, YYYY]": as written when the weekday agrees; without a year,
    the nearest year around the reference in which it agrees (``+weekday-year``); else as written,
    flagged ``!weekday-mismatch``."""
    d = _parse(when, ref)
    if d is None:
        return None
    wanted = _WEEKDAYS.split("|").index(weekday.casefold()) + 1
    if d.isoweekday() == wanted:
        return d, "en-dateparser"
    if ref is not None and not re.search(r"\d{4}", when):
        for year in (ref.year, ref.year - 1, ref.year + 1, ref.year - 2):
            with contextlib.suppress(ValueError):
                other = d.replace(year=year)
                if other.isoweekday() == wanted and other <= ref + timedelta(days=45):
                    return other, "en-dateparser+weekday-year"
    return d, "en-dateparser!weekday-mismatch"


def find_times(art: Article) -> tuple[tuple[TimeExpression, ...], tuple[str, str, str] | None]:
    """English time expressions, resolved by dateparser against the article's date (a weekday alone is
    the last such day on or before it; a weekday with a date must agree with it, as in Indonesian)."""
    published = art.meta.published if art.meta is not None else None
    ref = date.fromisoformat(published[:10]) if published and re.match(r"\d{4}-\d{2}-\d{2}$", published[:10]) else None
    reference = (published, (art.meta.published_precision if art.meta else None) or "day", "published")
    out: list[TimeExpression] = []
    for si, sent in enumerate(art.sentences):
        text = art.text[sent.start : sent.end]
        taken: list[tuple[int, int]] = []
        for m in _WEEKDAY_DATE.finditer(text):
            if (hit := _weekday_date(m[1], m[2], ref)) is not None:
                taken.append(m.span())
                out.append(
                    TimeExpression(
                        start=sent.start + m.start(), end=sent.start + m.end(), sentence=si,
                        value=hit[0].isoformat(), precision="day", rule=hit[1],
                    )
                )  # fmt: skip
        for m in _TIME.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            expr = m.group()
            precision = "day"
            if re.fullmatch(rf"(?:{_MONTHS})\s+\d{{4}}|(?:last|next|this)\s+(?:month)", expr, re.I):
                precision = "month"
            elif re.fullmatch(r"(?:last|next|this)\s+year", expr, re.I):
                precision = "year"
            d = _parse(expr, ref)
            if d is None:
                continue
            value = d.isoformat()
            value = value[:7] if precision == "month" else value[:4] if precision == "year" else value
            out.append(
                TimeExpression(
                    start=sent.start + m.start(), end=sent.start + m.end(), sentence=si, value=value,
                    precision=precision, rule="en-dateparser",
                )
            )  # fmt: skip
    out.sort(key=lambda t: t.start)
    return tuple(out), (reference if published else None)


_PLACE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_NOT_PLACES = frozenset((*_WEEKDAYS.split("|"), *_MONTHS.split("|")))


def _places(text: str) -> list[tuple[str, int, int]]:
    """Cities of the gazetteer named after a place preposition ("in Vladivostok", "at the Hague"):
    the longest run of capitalised words the gazetteer knows, with its offsets in ``text``."""
    from warta.places import lookup

    out = []
    for m in _PLACE.finditer(text):
        words = m[1].split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if name.casefold() not in _NOT_PLACES and lookup(name) is not None:
                out.append((name, m.start(1), m.start(1) + len(name)))
                break
    return out


def code_events(art: Article) -> Article:
    """The events of an English article (the ``events`` stage's English path)."""
    day = _day(art)
    events: list[Event] = []
    for si, sent in enumerate(art.sentences):
        text = art.text[sent.start : sent.end]
        sc = _sentence_coder(text, day)
        discard, story = sc.discarded()
        if story:
            return replace(art, events=())
        if discard:
            continue
        times = [t for t in art.times if t.sentence == si and t.precision == "day"]
        places = _places(text)
        for c in sc.code():
            events.append(_event(art, si, sent.start, text, c, times, places))
    return replace(art, events=tuple(events))


def _event(
    art: Article,
    si: int,
    base: int,
    text: str,
    c: Coded,
    times: list[TimeExpression],
    places: list[tuple[str, int, int]],
) -> Event:
    src = _mention(c.source, base + c.source_span[0], base + c.source_span[1], si, text[slice(*c.source_span)])
    tgt = _mention(c.target, base + c.target_span[0], base + c.target_span[1], si, text[slice(*c.target_span)])
    date_v = precision = rule = None
    span = None
    if times:
        t = times[0]
        date_v, precision, span, rule = t.value, t.precision, (t.start, t.end), "sentence"
    elif art.reference is not None and art.reference[0]:
        date_v, precision, rule = art.reference[0], art.reference[1], "published"
    # where: the first place named after the verb, else the first in the sentence
    place = next((p for p in places if p[1] >= c.verb_span[1]), places[0] if places else None)
    return Event(
        sentence=si, source=src, target=tgt, cameo=c.cameo,
        trigger=(base + c.verb_span[0], base + c.verb_span[1]), trigger_text=text[slice(*c.verb_span)],
        rule=f"petrarch-{c.rule}", negated=c.negated, date=date_v, precision=precision, date_span=span,
        date_rule=rule, location=place[0] if place else None,
        location_span=(base + place[1], base + place[2]) if place else None,
    )  # fmt: skip
