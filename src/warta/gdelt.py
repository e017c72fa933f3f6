"""Fused events as GDELT 2.0 event and mentions files, loadable as GDELT's own are.

GDELT 2.0 publishes, every 15 minutes, ``YYYYMMDDHHMMSS.export.CSV`` (the event table, 61
columns) and ``YYYYMMDDHHMMSS.mentions.CSV`` (the mentions table, 16 columns): tab-separated, no
header, no quoting, despite the extension. :func:`build` turns the store's fused events into rows
of both tables in GDELT's column order (:data:`EVENT_COLUMNS`, :data:`MENTION_COLUMNS`, after the
GDELT 2.0 Event Codebook), with GDELT's conventions:

* ``GLOBALEVENTID`` is the fused event's ``canonical_id``; the mentions table has one row per
  report (one article's event record) with the same id, so the two tables join on it.
* ``SQLDATE`` is an integer YYYYMMDD. A date coarser than a day is written as the first day of its
  period (June 2024 → 20240601); an event the text does not date takes its first report's
  publication date, as GDELT does. Warta's precision stays out of the 61 columns, in a companion
  file (:data:`SIDECAR_COLUMNS`). ``FractionDate`` is GDELT's YYYY + ((month − 1) × 30 + day) / 365,
  cut to four decimals (GDELT's own data: 20140202 → 2014.0876).
* Actors: ``Actor*Code`` is the CAMEO code (KORGOV; an organisation as CAMEO writes it, IGOUNO,
  NGOHRW), ``Actor*CountryCode`` the CAMEO (ISO alpha-3) state, ``Actor*KnownGroupCode`` the
  organisation's GDELT code (UNO, EEC), ``Actor*Type1Code`` the sector (or IGO/NGO). ``Actor*Name``
  is upper-case English, as GDELT's: a person the knowledge base knows by their name (KIM JONG UN),
  anything else by its state's or organisation's English name (SOUTH KOREA, UNITED NATIONS), never
  the words of the article (a pronoun, "pihaknya", an Indonesian title).
* ``QuadClass`` is GDELT's convention (roots 01–05, 06–09, 10–14, 15–20), not Warta's default.
* ``IsRootEvent`` is 1 when the first report of the event states it in the article's headline or
  lead paragraph (GDELT: the lead paragraph of the first report).
* ``NumMentions`` counts sentences, ``NumArticles`` articles and ``NumSources`` independent
  sources, over all reports (GDELT counts the first 15 minutes only; Warta has no such window).
* Places: ``ActionGeo_*`` is the event's location; ``*_Geo_CountryCode`` is FIPS 10-4
  (``data/actors/fips10-4.tsv``). A city is type 4 (3 in the United States) with its coordinates; a
  place known only by its state is type 1. ``ADM1Code`` is the FIPS country code alone (Warta does
  not resolve first-order divisions) and ``FeatureID`` is the FIPS code for a state, empty for a
  city (GeoNames ids are not GDELT's GNS ids). ``Actor1Geo``/``Actor2Geo`` are type 0, empty.
* ``AvgTone`` and ``MentionDocTone`` are empty: Warta does not score tone.
* ``DATEADDED``, ``EventTimeDate`` and ``MentionTimeDate`` are UTC timestamps YYYYMMDDHHMMSS of the
  ingestion of the first report and of each report; ``SOURCEURL`` is the first report's URL, or a
  citation (outlet, title, date) for an article read from a file; ``MentionType`` is then 2
  (CITATIONONLY) instead of 1 (WEB).
* Character offsets and ``MentionDocLen`` count characters of the clean Indonesian text (GDELT's
  count those of the English translation); ``SentenceID`` counts from 1.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from warta import ontology

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
"""The 61 columns of GDELT 2.0's event table, in its order (GDELT 2.0 Event Codebook; the codebook
calls the second one ``Day``, GDELT's own header files ``SQLDATE``)."""

MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
"""The 16 columns of GDELT 2.0's mentions table, in its order. ``Extras`` carries the report's
Warta event id as ``<WARTA_EVENT_ID>…</WARTA_EVENT_ID>`` (GDELT's own extras use such tags)."""

SIDECAR_COLUMNS: tuple[str, ...] = ("GLOBALEVENTID", "DatePrecision", "DateSource", "Date", "Confidence", "EventIDs")
"""Warta's companion columns, one row per event (tab-separated, with this header): the precision of
the date ``SQLDATE`` stands for (day, month, year), where it came from (``text``: the event's own
date; ``report``: undated in the text, its first report's publication date), the date as an ISO
prefix, the fused confidence (0–1) and the Warta event ids of its reports (``;``-separated)."""

# CAMEO manual 1.1b3, table 3.4: organisations whose CAMEO code does not begin with IGO + their code.
_GROUP_PREFIX = {
    **dict.fromkeys(("AMN", "HRW", "ICG", "CRC", "MSF", "XFM", "IRC", "WEF"), "NGO"),
    **dict.fromkeys(("IAE", "ICJ", "ILO", "KID", "FAO", "HCH", "HCR", "WBK", "WFP", "WHO", "WCT"), "IGOUNO"),
}

# What the article says instead of a name: pronouns, "the two sides", a role whose owner is inferred.
_BACK_REFERENCE = re.compile(
    r"(?i)(?:ia|dia|beliau|pihaknya|dirinya|mereka|keduanya|kami|kita|kalian|anda|(?:kedua|para)\s+\w+)"
)


@functools.cache
def fips_table() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 → (FIPS 10-4 code, English short name), from ``data/actors/fips10-4.tsv``."""
    text = resources.files("warta.data").joinpath("actors", "fips10-4.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {r["alpha_3"]: (r["fips"], r["name_en"]) for r in csv.DictReader(lines, delimiter="\t")}


def fips(iso3: str | None) -> str:
    """The FIPS 10-4 code of a state (empty when it has none, or for no state)."""
    return fips_table().get(iso3 or "", ("", ""))[0]


def country_name(iso3: str) -> str:
    """A state's English short name ("South Korea"), else its ISO name, else the code."""
    entry = fips_table().get(iso3)
    return entry[1] if entry and entry[1] else ontology.countries().get(iso3, iso3)


def group_name(code: str) -> str:
    """An organisation's English name, without the parenthetical notes of ``igos.tsv``."""
    return re.sub(r"\s*\(.*?\)", "", ontology.igos().get(code, code)).strip() or code


def _is_person(name: str) -> bool:
    from warta.actors_kb import knowledge_base

    hit = knowledge_base().names.get(name.casefold())
    return bool(hit) and any(e.kind == "person" and e.name == name for e in hit[1])


def actor_name(actor: dict[str, Any]) -> str:
    """GDELT's ``Actor*Name``: a known person's name, else the state's or organisation's English name,
    upper-case."""
    name = actor.get("name") or ""
    if name and _is_person(name):
        return name.upper()
    if actor.get("igo"):
        return group_name(actor["igo"]).upper()
    if actor.get("country"):
        return country_name(actor["country"]).upper()
    return ""


def actor_fields(actor: dict[str, Any], n: int) -> dict[str, Any]:
    """The ten ``Actor{n}…`` columns of one actor reference."""
    sector = actor.get("sector") or ""
    types = [sector[i : i + 3] for i in range(0, len(sector), 3)]
    igo, country = actor.get("igo"), actor.get("country")
    if igo:
        prefix = _GROUP_PREFIX.get(igo, "IGO")
        code = prefix + igo + sector
        types = [prefix[:3], *types]
    else:
        code = actor.get("code") or ((country or "") + sector)
    types = [*types, "", "", ""][:3]
    values = [code, actor_name(actor), country or "", igo or "", "", "", "", *types]
    return {f"Actor{n}{c}": v for c, v in zip(_ACTOR, values, strict=True)}


def _place_fields(loc: dict[str, Any] | None, prefix: str) -> dict[str, Any]:
    """The eight ``{prefix}_…`` place columns (type 0 and empty without a place)."""
    out: dict[str, Any] = {f"{prefix}_{c}": "" for c in _GEO}
    out[f"{prefix}_Type"] = 0
    country = (loc or {}).get("country")
    if not country:
        return out
    code, name = fips(country), country_name(country)
    out.update({f"{prefix}_CountryCode": code, f"{prefix}_ADM1Code": code})
    lat, lon = (loc or {}).get("lat"), (loc or {}).get("lon")
    if lat is None or lon is None:
        out.update({f"{prefix}_Type": 1, f"{prefix}_FullName": name, f"{prefix}_FeatureID": code})
        return out
    from warta.places import lookup

    place = lookup(str((loc or {}).get("name") or ""))
    city = place.name if place and (place.lat, place.lon) == (lat, lon) else (loc or {}).get("name")
    out.update({
        f"{prefix}_Type": 3 if country == "USA" else 4, f"{prefix}_FullName": f"{city}, {name}",
        f"{prefix}_Lat": lat, f"{prefix}_Long": lon,
    })  # fmt: skip
    return out


def _first_day(value: str) -> str:
    """An ISO prefix (2024, 2024-06, 2024-06-21, or a datetime) as YYYYMMDD, first day of its period."""
    digits = value[:10].replace("-", "")
    return digits + "0101"[len(digits) - 4 :] if len(digits) < 8 else digits[:8]


def _precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value), "day")


def fraction_date(yyyymmdd: str) -> float:
    """GDELT's FractionDate: YYYY + ((month − 1) × 30 + day) / 365, cut (not rounded) to four decimals."""
    y, m, d = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    return y + int(((m - 1) * 30 + d) / 365 * 10000) / 10000


def timestamp(iso: str | None) -> int | None:
    """An ISO datetime (naive means UTC) as GDELT's integer YYYYMMDDHHMMSS in UTC."""
    if not iso:
        return None
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return None
    t = t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    return int(t.strftime("%Y%m%d%H%M%S"))


def _is_back_reference(text: str | None) -> bool:
    text = (text or "").strip()
    return bool(_BACK_REFERENCE.fullmatch(text)) or (text.islower() and text.endswith("nya"))


# -- reading the store ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Article:
    text: str
    sentences: list[tuple[int, int, int]]  # (start, end, paragraph)
    lead: frozenset[int]  # paragraphs that count as the lead: the headline and the first body paragraph


@dataclass(slots=True)
class _Report:
    event_id: str
    canonical_id: int
    article_id: int
    record: dict[str, Any]
    confidence: float | None
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    ingested_at: str | None
    ref: str
    mentions: list[int] = field(default_factory=list)


def _article(conn: sqlite3.Connection, article_id: int, cache: dict[int, _Article]) -> _Article:
    if article_id in cache:
        return cache[article_id]
    from warta.stages.sentences import split_paragraph

    row = conn.execute("SELECT text, paragraphs FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    text, paragraphs = row[0], json.loads(row[1])
    sentences: list[tuple[int, int, int]] = []
    for i, (start, end, *_) in enumerate(paragraphs):
        sentences += [(start + a, start + b, i) for a, b in split_paragraph(text[start:end])]
    titles = {i for i, p in enumerate(paragraphs) if len(p) > 3 and p[3]}
    body = [i for i in range(len(paragraphs)) if i not in titles]
    cache[article_id] = art = _Article(text, sentences, frozenset(titles | set(body[:1])))
    return art


def _sentence_start(art: _Article, rec: dict[str, Any]) -> int | None:
    """Where the record's evidence sentence starts in the article's clean text."""
    ev = rec.get("evidence") or {}
    sentence, index = ev.get("sentence") or "", ev.get("sentence_index")
    if isinstance(index, int) and 0 <= index < len(art.sentences):
        start, end, _ = art.sentences[index]
        if art.text[start:end] == sentence:
            return start
    found = art.text.find(sentence) if sentence else -1
    return found if found >= 0 else None


def _citation(r: _Report) -> str:
    parts = [p for p in (r.outlet, r.title, r.published) if p]
    return ", ".join(parts) if parts else r.ref


def _source_name(r: _Report) -> str:
    if r.url:
        try:
            host = urlsplit(r.url).hostname or ""
        except ValueError:  # a broken host ("http://[::1"): name the source by its outlet instead
            host = ""
        if host:
            return host.removeprefix("www.")
    return r.outlet or ""


def _oriented(rec: dict[str, Any], canon: sqlite3.Row) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """The record's actors as the fused event's Actor1 and Actor2, and whether they were swapped (a
    mutual act reported the other way round)."""
    src, tgt = rec.get("source") or {}, rec.get("target") or {}
    key = (src.get("country") or src.get("igo"), tgt.get("country") or tgt.get("igo"))
    if key != (canon["source_actor"], canon["target_actor"]) and key == (canon["target_actor"], canon["source_actor"]):
        return tgt, src, True
    return src, tgt, False


@dataclass(slots=True)
class GdeltTables:
    """Rows of the event table, the mentions table and Warta's companion file."""

    events: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    sidecar: list[dict[str, Any]]
    stamp: str  # the store's latest ingestion, YYYYMMDDHHMMSS UTC: the name GDELT would give the files


def build(conn: sqlite3.Connection) -> GdeltTables:
    """GDELT 2.0 rows for every fused event of the store, ordered by GLOBALEVENTID."""
    reports: dict[int, list[_Report]] = {}
    for row in conn.execute(
        """SELECT e.event_id, e.canonical_id, e.article_id, e.record, e.confidence, a.url, a.outlet, a.title,
                  a.published, a.ingested_at, a.ref
           FROM events e JOIN articles a USING (article_id)
           WHERE e.canonical_id IS NOT NULL ORDER BY e.canonical_id, a.article_id, e.event_id"""
    ):
        rec = json.loads(row["record"])
        r = _Report(row["event_id"], row["canonical_id"], row["article_id"], rec, row["confidence"], row["url"],
                    row["outlet"], row["title"], row["published"], row["ingested_at"], row["ref"])  # fmt: skip
        index = (rec.get("evidence") or {}).get("sentence_index")
        r.mentions = list(rec.get("mentions") or ([index] if isinstance(index, int) else []))
        reports.setdefault(r.canonical_id, []).append(r)
    articles: dict[int, _Article] = {}
    events, mentions, sidecar = [], [], []
    for canon in conn.execute("SELECT * FROM canonical_events ORDER BY canonical_id"):
        reps = reports.get(canon["canonical_id"])
        if not reps:
            continue
        first = reps[0]
        added = min((t for r in reps if (t := timestamp(r.ingested_at)) is not None), default=None)
        when = canon["date"] or canon["first_reported"] or (first.ingested_at or "")[:10]
        sqldate = _first_day(when)
        a1, a2, _ = _oriented(first.record, canon)
        art = _article(conn, first.article_id, articles)
        lead = {i for i, s in enumerate(art.sentences) if s[2] in art.lead}
        row: dict[str, Any] = {
            "GLOBALEVENTID": canon["canonical_id"], "SQLDATE": int(sqldate), "MonthYear": int(sqldate[:6]),
            "Year": int(sqldate[:4]), "FractionDate": fraction_date(sqldate),
            **actor_fields(a1, 1), **actor_fields(a2, 2),
            "IsRootEvent": int(bool(lead & set(first.mentions))), "EventCode": canon["cameo"],
            "EventBaseCode": canon["cameo"][:3], "EventRootCode": canon["cameo"][:2],
            "QuadClass": ontology.quad_class(canon["cameo"], "gdelt"), "GoldsteinScale": canon["goldstein"],
            "NumMentions": canon["num_mentions"], "NumSources": canon["num_sources"],
            "NumArticles": canon["num_articles"], "AvgTone": None,
            **_place_fields(None, "Actor1Geo"), **_place_fields(None, "Actor2Geo"),
            **_place_fields(first.record.get("location"), "ActionGeo"),
            "DATEADDED": added, "SOURCEURL": first.url or _citation(first),
        }  # fmt: skip
        events.append(row)
        sidecar.append({
            "GLOBALEVENTID": canon["canonical_id"],
            "DatePrecision": canon["date_precision"] if canon["date"] else _precision(when),
            "DateSource": "text" if canon["date"] else "report", "Date": when, "Confidence": canon["confidence"],
            "EventIDs": ";".join(r.event_id for r in reps),
        })  # fmt: skip
        for r in reps:
            mentions.append(_mention_row(conn, r, canon, added, articles))
    latest = conn.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    stamp = str(timestamp(latest) or datetime.now(UTC).strftime("%Y%m%d%H%M%S"))
    return GdeltTables(events, mentions, sidecar, stamp)


def _mention_row(
    conn: sqlite3.Connection, r: _Report, canon: sqlite3.Row, added: int | None, cache: dict[int, _Article]
) -> dict[str, Any]:
    rec = r.record
    a1, a2, swapped = _oriented(rec, canon)
    art = _article(conn, r.article_id, cache)
    base = _sentence_start(art, rec)
    ev = rec.get("evidence") or {}
    spans = ev.get("spans") or {}
    side1, side2 = ("target", "source") if swapped else ("source", "target")

    def offset(span: Any) -> int:
        return base + int(span[0]) if base is not None and span else -1

    in_raw = all(spans.get(s) for s in ("source", "target")) and not any(
        _is_back_reference(a.get("text")) for a in (a1, a2)
    )
    index = ev.get("sentence_index")
    confidence = r.confidence if r.confidence is not None else rec.get("confidence")
    return {
        "GLOBALEVENTID": r.canonical_id, "EventTimeDate": added, "MentionTimeDate": timestamp(r.ingested_at),
        "MentionType": 1 if r.url else 2, "MentionSourceName": _source_name(r),
        "MentionIdentifier": r.url or _citation(r),
        "SentenceID": index + 1 if isinstance(index, int) else None,
        "Actor1CharOffset": offset(spans.get(side1)), "Actor2CharOffset": offset(spans.get(side2)),
        "ActionCharOffset": offset(spans.get("trigger")), "InRawText": int(in_raw),
        "Confidence": min(100, max(10, round(100 * float(confidence or 0.1)))), "MentionDocLen": len(art.text),
        "MentionDocTone": None, "MentionDocTranslationInfo": "",
        "Extras": f"<WARTA_EVENT_ID>{r.event_id}</WARTA_EVENT_ID>",
    }  # fmt: skip


# -- writing ----------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    # no tab or line break may end a field early, and no field may open with a quote (readers would
    # take it for a quoted field): GDELT's files are never quoted
    return re.sub(r"[\t\r\n]+", " ", str(value)).replace('"', "'")


def write_table(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], fh: TextIO, header: bool = False) -> int:
    """Write rows tab-separated in ``columns`` order (GDELT's files: no header, no quoting); returns
    the number of rows."""
    n = 0
    if header:
        fh.write("\t".join(columns) + "\n")
    for row in rows:
        fh.write("\t".join(_cell(row.get(c)) for c in columns) + "\n")
        n += 1
    return n


EVENT_SUFFIX, MENTION_SUFFIX, SIDECAR_SUFFIX = ".export.CSV", ".mentions.CSV", ".warta.CSV"


def name_in(target: Path, suffix: str, stamp: str = "YYYYMMDDHHMMSS") -> Path:
    """The file to write: ``target/STAMP{suffix}`` for a folder, else ``target`` itself, which must end
    in ``suffix`` (any case).

    Raises:
        ValueError: ``target`` is neither a folder nor such a name.
    """
    if target.is_dir():
        return target / f"{stamp}{suffix}"
    if not target.name.casefold().endswith(suffix.casefold()) or len(target.name) == len(suffix):
        raise ValueError(
            f"{target}: GDELT's files are named like {stamp}{suffix}; give a folder, or a file name ending in {suffix}"
        )
    return target


def sidecar_path(events_file: Path) -> Path:
    """The companion file beside an event file: ``X.export.CSV`` → ``X.warta.CSV``."""
    name = events_file.name
    stem, ext = name[: -len(EVENT_SUFFIX)], name[-3:]
    return events_file.with_name(f"{stem}.warta.{ext}")
