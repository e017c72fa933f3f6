"""PETRARCH's input XML: ``<Sentences>`` of ``<Sentence id= date=>`` records, and the ``<Environment>``.

Each sentence is one article named by its id, dated by its ``date`` (``YYYYMMDD``), its text the
``<Text>``; an existing ``<Parse>`` (and any ``<EventCoding>``) is ignored. The ``<Environment>`` names the
dictionaries (``<Verbfile>``, ``<Actorfile>``, ``<Agentfile>``, ``<Discardfile>``), which the CLI resolves
against ``--dict-dir``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from warta import errors
from warta.article import Article, Given
from warta.errors import InputError

ENVIRONMENT_TAGS = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards"}


def _root(data: bytes, name: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(name, errors.BAD_RECORD, f"not well-formed XML: {exc}") from None


def read_petrarch_xml(data: bytes, name: str) -> Iterator:
    """The sentences of a PETRARCH XML file as articles (:class:`~warta.stages.read.ReadItem` s)."""
    from warta.stages.read import ReadItem

    try:
        root = _root(data, name)
    except InputError as exc:
        yield ReadItem(None, exc, len(data))
        return
    sentences = list(root.iter("Sentence"))
    if not sentences:
        yield ReadItem(None, InputError(name, errors.BAD_RECORD, "no <Sentence> records (not PETRARCH input)"), 0)
        return
    stem = Path(name).stem
    for n, s in enumerate(sentences, 1):
        text = " ".join((s.findtext("Text") or "").split())
        ref = (s.get("id") or "").strip() or f"{stem}-{n}"
        where = f"{name}:{ref}"
        if not text:
            yield ReadItem(None, InputError(where, errors.NO_TEXT, "a <Sentence> without <Text>"), 0)
            continue
        raw_date = (s.get("date") or "").strip()
        published = None
        if re.fullmatch(r"\d{8}", raw_date):
            published = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:]}"
        given = Given(published=published, published_precision="day" if published else None)
        yield ReadItem(Article(ref=ref, source=where, fmt="petrarch", raw=text, plain=text, given=given), None, 0)


def environment(path: Path) -> dict[str, list[str]]:
    """The dictionary files an XML input's ``<Environment>`` names, by kind (``verbs``, ``actors``, …)."""
    try:
        root = _root(path.read_bytes(), str(path))
    except OSError:
        return {}
    except InputError:
        return {}
    env = root.find("Environment")
    if env is None:
        return {}
    out: dict[str, list[str]] = {}
    for tag, kind in ENVIRONMENT_TAGS.items():
        for el in env.iter(tag):
            if el.text and el.text.strip():
                out.setdefault(kind, []).append(el.text.strip())
    return out
