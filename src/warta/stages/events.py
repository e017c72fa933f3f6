"""Events: who did what to whom, from triggers, actors and dates. CAMEO-coded, one sentence each.

Requires ``sentences``, ``actors`` and ``times``; assigns ``events``.

The article's language pack (:mod:`warta.lang`) codes its sentences: Indonesian and Malay by the
clause grammar of :mod:`warta.lang.id.grammar` (triggers from ``lang/id/triggers.tsv``, their word
forms, clauses, source and target, negation, mood, attribution, dates), English by
:mod:`warta.english.stage` (PETRARCH dictionaries, parse-free); an article in a language no pack
reads gets no events. Then, where the pack asks for it (Indonesian):

**One act, one event**: within the article, events with the same actors and CAMEO root whose
dates agree (or which have no date of their own) are merged; the first report keeps the others
as ``mentions`` (sentence indexes). Two named people, or two sectors of one state (politicians
and an ambassador), acting alike are two acts.

No event is coded without both actors resolved to a state or an organisation.
"""

from __future__ import annotations

from dataclasses import replace

from warta import lang
from warta.article import ActorMention, Article, Event


def _merge(events: list[Event]) -> list[Event]:
    """One act, one event: fold later reports of the same act into the first."""
    out: list[Event] = []
    for ev in events:
        if ev.negated or ev.hypothetical:
            out.append(ev)
            continue
        for k, prev in enumerate(out):
            if prev.negated or prev.hypothetical or not _same_act(prev, ev):
                continue
            better = prev
            if prev.date_rule in ("story", "published", "inferred-reference", None) and ev.date_rule in (
                "clause",
                "sentence",
                "paragraph",
            ):
                better = replace(
                    prev, date=ev.date, precision=ev.precision, date_span=ev.date_span, date_rule=ev.date_rule
                )
            mentions = tuple(dict.fromkeys((*prev.mentions, *ev.mentions)))
            out[k] = replace(better, mentions=mentions, symmetric=prev.symmetric or ev.symmetric)
            break
        else:
            out.append(ev)
    return out


def _person(m: ActorMention) -> bool:
    return m.kind in ("person", "coref") and m.sector is not None and m.name[:1].isupper()


def _family(code: str) -> str:
    return "04" if code == "036" else code[:2]


def _same_act(a: Event, b: Event) -> bool:
    if _family(a.cameo) != _family(b.cameo):
        return False
    if (
        a.sentence != b.sentence
        and a.cameo != b.cameo
        and not {a.cameo, b.cameo} & {"036"}
        and {a.cameo, b.cameo} != {"042", "043"}
    ):
        return False  # two sentences, two different acts of a family: a visit is not the talks
    pa, pb = (a.source.key, a.target.key), (b.source.key, b.target.key)
    mutual = a.symmetric or b.symmetric or _family(a.cameo) == "04"
    if pa != pb and not (mutual and pa == pb[::-1]):
        return False
    if not mutual and _person(a.source) and _person(b.source) and a.source.name != b.source.name:
        return False  # two named people speaking are two acts
    if not mutual and a.source.sector and b.source.sector and a.source.sector != b.source.sector:
        return False  # "politisi Kanada mengecam Presiden Brasil", "Duta besar Kanada … menyampaikan keprihatinan"
    if a.date is None or b.date is None or a.date == b.date:
        return True
    fallback = ("story", "published", "inferred-reference")
    if a.date_rule in fallback or b.date_rule in fallback:  # no date of its own: any date it contains
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return False


def code_events(art: Article) -> Article:
    """The ``events`` stage: the events the article's language pack codes (:mod:`warta.lang`), the
    reports of one act folded together where the pack asks for it; none for a language no pack reads."""
    pack = lang.for_article(art)
    if pack is None:
        return replace(art, events=())
    events = pack.code_events(art)
    return replace(art, events=tuple(_merge(list(events))) if pack.fold_reports else events)
