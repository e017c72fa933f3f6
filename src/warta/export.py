"""Writing event records as CSV (flat columns) — JSON Lines is ``json.dumps`` of ``to_dict``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
    "event_id", "article", "outlet", "published", "date", "date_precision", "date_text",
    "source_code", "source_country", "source_igo", "source_name", "source_text",
    "target_code", "target_country", "target_igo", "target_name", "target_text",
    "cameo", "cameo_name", "cameo_root", "quad_class", "goldstein", "plover_event", "plover_mode", "plover_context",
    "trigger", "negated", "hypothetical", "modality", "symmetric", "attribution",
    "location_name", "location_country", "lat", "lon", "confidence", "sentence", "url", "coder_version",
)  # fmt: skip


def flatten(rec: dict[str, Any]) -> dict[str, Any]:
    """One event record (as ``to_dict`` gives it) as a flat row."""
    row = {k: rec.get(k) for k in CSV_COLUMNS if k in rec}
    for side in ("source", "target"):
        a = rec.get(side) or {}
        for k in ("code", "country", "igo", "name", "text"):
            row[f"{side}_{k}"] = a.get(k)
    p = rec.get("plover") or {}
    row.update(plover_event=p.get("event"), plover_mode=p.get("mode"), plover_context=p.get("context"))
    loc = rec.get("location") or {}
    row.update(
        location_name=loc.get("name"), location_country=loc.get("country"), lat=loc.get("lat"), lon=loc.get("lon")
    )
    row["sentence"] = (rec.get("evidence") or {}).get("sentence")
    return row


def write_csv(records: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write records as CSV with a header; returns the number of rows."""
    w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    n = 0
    for rec in records:
        w.writerow(flatten(rec))
        n += 1
    return n


GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "DatePrecision", "Confidence",
)  # fmt: skip
"""GDELT 2.0 event-table columns Warta can fill, in GDELT's order, plus its own date precision and
confidence. Dates coarser than a day are written with 00 for the unknown parts (GDELT's habit);
AvgTone is empty (Warta does not score tone)."""


def canonical_rows(conn: Any) -> list[dict[str, Any]]:
    """Fused events with their first report's details, oldest first."""
    import json

    from warta import ontology

    out = []
    for c in conn.execute("SELECT * FROM canonical_events ORDER BY date IS NULL, date, canonical_id"):
        first = conn.execute(
            """SELECT e.record, a.url, a.ingested_at FROM events e JOIN articles a USING (article_id)
               WHERE e.canonical_id = ? ORDER BY a.published, e.event_id LIMIT 1""",
            (c["canonical_id"],),
        ).fetchone()
        rec = json.loads(first["record"]) if first else {}
        row = dict(c)
        row["name"] = ontology.get(c["cameo"]).name
        row["source"] = rec.get("source") or {}
        row["target"] = rec.get("target") or {}
        row["location"] = rec.get("location")
        row["url"] = first["url"] if first else None
        row["ingested_at"] = first["ingested_at"] if first else None
        out.append(row)
    return out


def gdelt_row(c: dict[str, Any]) -> dict[str, Any]:
    """One fused event in GDELT's column layout."""
    d = (c.get("date") or "").replace("-", "")
    d = (d + "0000")[:8] if d else ""
    src, tgt, loc = c.get("source") or {}, c.get("target") or {}, c.get("location") or {}
    frac = ""
    if d and d[4:6] != "00":
        frac = f"{int(d[:4]) + (int(d[4:6]) - 1) / 12 + (max(int(d[6:8]), 1) - 1) / 365:.4f}"
    return {
        "GLOBALEVENTID": c["canonical_id"], "SQLDATE": d, "MonthYear": d[:6], "Year": d[:4], "FractionDate": frac,
        "Actor1Code": src.get("code") or c["source_actor"], "Actor1Name": src.get("name"),
        "Actor1CountryCode": src.get("country"), "Actor1KnownGroupCode": src.get("igo"),
        "Actor2Code": tgt.get("code") or c["target_actor"], "Actor2Name": tgt.get("name"),
        "Actor2CountryCode": tgt.get("country"), "Actor2KnownGroupCode": tgt.get("igo"),
        "IsRootEvent": 1, "EventCode": c["cameo"], "EventBaseCode": c["cameo"][:3], "EventRootCode": c["cameo_root"],
        "QuadClass": c["quad_class"], "GoldsteinScale": c["goldstein"],
        "NumMentions": c["num_mentions"], "NumSources": c["num_sources"], "NumArticles": c["num_articles"],
        "AvgTone": None, "ActionGeo_FullName": loc.get("name"), "ActionGeo_CountryCode": loc.get("country"),
        "ActionGeo_Lat": loc.get("lat"), "ActionGeo_Long": loc.get("lon"),
        "DATEADDED": (c.get("ingested_at") or "").replace("-", "").replace("T", "").replace(":", "")[:14],
        "SOURCEURL": c.get("url"), "DatePrecision": c.get("date_precision"), "Confidence": c.get("confidence"),
    }  # fmt: skip


def write_parquet(rows: list[dict[str, Any]], path: str) -> int:
    """Write flat rows as a Parquet file (nested values as JSON text); returns the number of rows."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in r.items()}
            for r in rows]  # fmt: skip
    table = pa.Table.from_pylist(flat) if flat else pa.table({})
    pq.write_table(table, path)
    return len(rows)
