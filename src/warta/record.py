"""The event record: the one shape every coding stage produces, the store keeps and exports write.

As JSON::

    {"event_id", "article", "url", "outlet", "published",
     "date", "date_precision", "date_text",
     "source": {"text", "name", "code", "country", "igo", "sector", "wikidata"},
     "target": {… same …},
     "cameo", "cameo_name", "cameo_root", "quad_class", "goldstein",
     "plover": {"event", "mode", "context"},
     "trigger", "negated", "hypothetical", "modality",
     "location": {"name", "country", "lat", "lon"} or null,
     "evidence": {"sentence", "sentence_index", "spans": {"source", "target", "trigger", "date"}},
     "confidence", "coder_version",
     "symmetric", "attribution", "mentions"}

The last three extend the shape: whether the act is mutual, who the sentence attributes it to
("kata …", "menurut …"), and the sentence indexes of every report of it in the article.

``article`` is the feed record's ``id`` or the file's base name. ``country`` is ISO 3166-1 alpha-3;
an international organisation has ``country`` null and ``igo`` set. ``date`` is an ISO prefix at
its precision. Spans are ``[start, end]`` character offsets into the evidence sentence.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from warta import ontology
from warta.article import PRECISIONS
from warta.errors import WartaError

_DATE_BY_PRECISION = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


class RecordError(WartaError):
    """An event record that does not have the required shape or uses unknown codes."""


@dataclass(slots=True, frozen=True, kw_only=True)
class ActorRef:
    text: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    wikidata: str | None = None

    @property
    def key(self) -> str | None:
        """What scoring compares: the state, else the organisation."""
        return self.country or self.igo


@dataclass(slots=True, frozen=True, kw_only=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True, frozen=True, kw_only=True)
class Evidence:
    sentence: str
    sentence_index: int | None = None
    spans: dict[str, list[int] | None] = field(default_factory=dict)


@dataclass(slots=True, frozen=True, kw_only=True)
class EventRecord:
    event_id: str
    article: str
    source: ActorRef
    target: ActorRef
    cameo: str
    evidence: Evidence
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    trigger: str | None = None
    negated: bool = False
    hypothetical: bool = False
    modality: str | None = None
    location: Location | None = None
    confidence: float | None = None
    coder_version: str | None = None
    symmetric: bool = False
    attribution: str | None = None
    mentions: list[int] = field(default_factory=list)

    @property
    def cameo_root(self) -> str:
        return ontology.root(self.cameo)

    def to_dict(self, quad_convention: str = "common") -> dict[str, Any]:
        """The record as JSON-ready data, with the derived ontology fields filled in."""
        d = asdict(self)
        if self.cameo not in ontology.codebook():  # a code from a user's PETRARCH dictionary: written as it is
            d.update(cameo_name=None, cameo_root=None, quad_class=None, goldstein=None, plover=None)
            return d
        p = ontology.plover(self.cameo)
        d.update(
            cameo_name=ontology.get(self.cameo).name,
            cameo_root=self.cameo_root,
            quad_class=ontology.quad_class(self.cameo, quad_convention),
            goldstein=ontology.goldstein(self.cameo),
            plover={"event": p.event, "mode": p.mode, "context": p.context} if p else None,
        )
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventRecord:
        """Read and validate one record.

        Raises:
            RecordError: a required field is missing, a code is unknown, or the date does not fit
                its precision.
        """
        try:
            cameo = str(data["cameo"])
            ontology.get(cameo)
            src, tgt = (_actor(data.get(k), k) for k in ("source", "target"))
            ev = data.get("evidence") or {}
            if isinstance(ev, str):
                ev = {"sentence": ev}
            rec = cls(
                event_id=str(data.get("event_id") or ""),
                article=str(data["article"]),
                source=src,
                target=tgt,
                cameo=cameo,
                evidence=Evidence(
                    sentence=str(ev.get("sentence") or ""),
                    sentence_index=ev.get("sentence_index"),
                    spans=dict(ev.get("spans") or {}),
                ),
                url=data.get("url"),
                outlet=data.get("outlet"),
                published=data.get("published"),
                date=data.get("date"),
                date_precision=data.get("date_precision"),
                date_text=data.get("date_text"),
                trigger=data.get("trigger"),
                negated=bool(data.get("negated", False)),
                hypothetical=bool(data.get("hypothetical", False)),
                modality=data.get("modality"),
                location=Location(**data["location"]) if data.get("location") else None,
                confidence=data.get("confidence"),
                coder_version=data.get("coder_version"),
                symmetric=bool(data.get("symmetric", False)),
                attribution=data.get("attribution"),
                mentions=list(data.get("mentions") or []),
            )
        except KeyError as exc:
            raise RecordError(f"missing field {exc.args[0]!r}") from None
        except (TypeError, ValueError, ontology.UnknownCode) as exc:
            raise RecordError(str(exc)) from None
        check_date(rec.date, rec.date_precision)
        if "cameo_root" in data and data["cameo_root"] != rec.cameo_root:
            raise RecordError(f"cameo_root {data['cameo_root']!r} does not match code {cameo!r}")
        return rec


def _actor(value: Any, name: str) -> ActorRef:
    if isinstance(value, str):  # a bare code: "KOR" or "UNO"
        value = {"igo": value} if value in ontology.igos() else {"country": value}
    if not isinstance(value, dict):
        raise RecordError(f"field {name!r} must be an object")
    actor = ActorRef(**{k: value.get(k) for k in ActorRef.__slots__})  # type: ignore[attr-defined]
    if actor.key is None:
        raise RecordError(f"{name} has neither country nor igo")
    if actor.country and actor.country not in ontology.countries():
        raise RecordError(f"{name}.country {actor.country!r} is not an ISO 3166-1 alpha-3 code")
    if actor.igo and actor.igo not in ontology.igos():
        raise RecordError(f"{name}.igo {actor.igo!r} is not a known organisation code")
    return actor


def check_date(date: str | None, precision: str | None) -> None:
    """A date must be an ISO prefix at its precision, or both must be null.

    Raises:
        RecordError: they do not fit.
    """
    if date is None and precision is None:
        return
    if precision not in PRECISIONS or date is None or not _DATE_BY_PRECISION[precision].match(str(date)):
        raise RecordError(f"date {date!r} does not fit precision {precision!r}")


CODER_VERSION = "warta-id-0.2"
ENGLISH_CODER_VERSION = "warta-en-0.2"


def _coder_version(art: Any) -> str:
    """The version of the coder of the article's language pack (:mod:`warta.lang`)."""
    from warta import lang

    pack = lang.for_article(art)
    return pack.coder_version if pack is not None else CODER_VERSION


def _actor_ref(art_text: str, m: Any) -> ActorRef:
    code = (m.country or m.igo or "") + (m.sector or "")
    return ActorRef(
        text=art_text[m.start : m.end], name=m.name, code=code or None, country=m.country, igo=m.igo,
        sector=m.sector, wikidata=m.wikidata,
    )  # fmt: skip


def _span(a: int, b: int, base: int) -> list[int]:
    return [a - base, b - base]


def records_from_article(art: Any) -> list[EventRecord]:
    """The event records of a coded :class:`~warta.article.Article`, in text order.

    ``event_id`` is stable for the same article, sentence, actors, code and trigger, so re-coding
    the same input yields the same ids; events that share one (two names of one actor in apposition
    coded twice) give one record, the first, as the store keeps one row. An Indonesian event's actors
    count by their state or organisation; an English one's by their whole PETRARCH code, since
    PETRARCH tells events apart by (source code, target code, CAMEO code): ``FORLEG`` and ``FORGOV``
    meeting Eriador are two events.
    """
    import hashlib

    out: list[EventRecord] = []
    seen: set[str] = set()
    meta = art.meta
    english = meta is not None and meta.language == "en"
    for ev in art.events:
        sent = art.sentences[ev.sentence]
        base = sent.start
        spans: dict[str, list[int] | None] = {
            "source": _span(ev.source.start, ev.source.end, base) if ev.source.sentence == ev.sentence else None,
            "target": _span(ev.target.start, ev.target.end, base) if ev.target.sentence == ev.sentence else None,
            "trigger": _span(ev.trigger[0], ev.trigger[1], base),
            "date": _span(*ev.date_span, base) if ev.date_span and base <= ev.date_span[0] < sent.end else None,
        }
        who: tuple[str | None, str | None] = (ev.source.key, ev.target.key)
        if english:
            who = (f"{ev.source.key or ''}{ev.source.sector or ''}", f"{ev.target.key or ''}{ev.target.sector or ''}")
        key = f"{art.ref}|{ev.sentence}|{who[0]}|{who[1]}|{ev.cameo}|{ev.trigger[0]}"
        event_id = hashlib.sha1(key.encode()).hexdigest()[:16]
        if event_id in seen:  # the same act, trigger and states once more (an apposition): one record
            continue
        seen.add(event_id)
        loc = None
        if ev.location:
            from warta.places import lookup

            place = lookup(ev.location)
            loc = Location(
                name=ev.location,
                country=_place_country(art, ev) or (place.country if place else None),
                lat=place.lat if place else None,
                lon=place.lon if place else None,
            )
        confidence = 0.8
        if ev.rule.startswith(("evaluation", "context")):
            confidence = 0.5
        elif ev.rule.startswith(("antara", "parties")):
            confidence = 0.7
        if ev.source.kind in ("coref", "group") or ev.target.kind in ("coref", "group"):
            confidence -= 0.1
        confidence = round(min(0.95, confidence + 0.05 * (len(ev.mentions) - 1)), 2)
        out.append(
            EventRecord(
                event_id=event_id,
                article=art.ref,
                url=meta.url if meta else None,
                outlet=meta.outlet if meta else None,
                published=meta.published if meta else None,
                source=_actor_ref(art.text, ev.source),
                target=_actor_ref(art.text, ev.target),
                cameo=ev.cameo,
                evidence=Evidence(sentence=art.text[sent.start : sent.end], sentence_index=ev.sentence, spans=spans),
                date=ev.date,
                date_precision=ev.precision,
                date_text=art.text[ev.date_span[0] : ev.date_span[1]] if ev.date_span else None,
                trigger=ev.trigger_text,
                negated=ev.negated,
                hypothetical=ev.hypothetical,
                modality=ev.modality,
                location=loc,
                confidence=confidence,
                coder_version=_coder_version(art),
                symmetric=ev.symmetric,
                attribution=ev.attribution,
                mentions=list(ev.mentions),
            )
        )
    return out


def _place_country(art: Any, ev: Any) -> str | None:
    if ev.location_span is None:
        return None
    for m in art.actors:
        if (m.start, m.end) == tuple(ev.location_span):
            return m.country
    return None
