"""The event record: the one shape every coding stage produces, the store keeps and exports write.

As JSON::

    {"event_id", "article", "url", "outlet", "published",
     "date", "date_precision", "date_text",
     "source": {"text", "name", "code", "country", "igo", "sector", "wikidata"},
     "target": {… same …},
     "cameo", "cameo_root", "quad_class", "goldstein",
     "plover": {"event", "mode", "context"},
     "trigger", "negated", "hypothetical", "modality",
     "location": {"name", "country", "lat", "lon"} or null,
     "evidence": {"sentence", "sentence_index", "spans": {"source", "target", "trigger", "date"}},
     "confidence", "coder_version"}

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

    @property
    def cameo_root(self) -> str:
        return ontology.root(self.cameo)

    def to_dict(self, quad_convention: str = "common") -> dict[str, Any]:
        """The record as JSON-ready data, with the derived ontology fields filled in."""
        d = asdict(self)
        p = ontology.plover(self.cameo)
        d.update(
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
