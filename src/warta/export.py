"""Writing event records as CSV (flat columns) and Parquet (typed columns) — JSON Lines is ``json.dumps``
of ``to_dict``. Every per-article record carries its fused event's ``canonical_id`` and every fused
event its reports' ``event_ids``, so the exports join. GDELT's layout is in :mod:`warta.gdelt`."""

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
    "canonical_id",
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


FUSED_COLUMNS = (
    "canonical_id", "source_actor", "target_actor", "symmetric", "cameo", "cameo_root", "quad_class", "goldstein",
    "date", "date_precision", "first_reported", "last_reported", "num_mentions", "num_articles", "num_sources",
    "confidence", "name", "source", "target", "location", "url", "ingested_at", "event_ids",
)  # fmt: skip
"""The fields of a fused event as ``--fused`` exports it: the ``canonical_events`` row, the first
report's actors, location, URL and ingestion time, and the ids of all its reports (``event_ids``,
the per-article records' ``event_id``, in order of ingestion)."""


def canonical_rows(conn: Any) -> list[dict[str, Any]]:
    """Fused events with their first report's details and their reports' ids, oldest first."""
    import json

    from warta import ontology

    reports: dict[int, list[str]] = {}
    for cid, event_id in conn.execute(
        "SELECT canonical_id, event_id FROM events WHERE canonical_id IS NOT NULL ORDER BY article_id, event_id"
    ):
        reports.setdefault(cid, []).append(event_id)
    out = []
    for c in conn.execute("SELECT * FROM canonical_events ORDER BY date IS NULL, date, canonical_id"):
        first = conn.execute(
            """SELECT e.record, a.url, a.ingested_at FROM events e JOIN articles a USING (article_id)
               WHERE e.canonical_id = ? ORDER BY a.published, e.event_id LIMIT 1""",
            (c["canonical_id"],),
        ).fetchone()
        rec = json.loads(first["record"]) if first else {}
        row = dict(c)
        row["symmetric"] = bool(c["symmetric"])
        row["name"] = ontology.get(c["cameo"]).name
        row["source"] = rec.get("source") or {}
        row["target"] = rec.get("target") or {}
        row["location"] = rec.get("location")
        row["url"] = first["url"] if first else None
        row["ingested_at"] = first["ingested_at"] if first else None
        row["event_ids"] = reports.get(c["canonical_id"], [])
        out.append(row)
    return out


_STRING, _INT, _FLOAT, _BOOL, _DATE = "string", "int64", "float64", "bool", "date32"
_ACTOR_FIELDS = ("text", "name", "code", "country", "igo", "sector", "wikidata")

PARQUET_TYPES: dict[str, Any] = {
    **dict.fromkeys(("canonical_id", "quad_class", "num_mentions", "num_articles", "num_sources"), _INT),
    **dict.fromkeys(("goldstein", "confidence", "lat", "lon"), _FLOAT),
    **dict.fromkeys(("negated", "hypothetical", "symmetric"), _BOOL),
    **dict.fromkeys(("published", "date", "first_reported", "last_reported"), _DATE),
    "source": ("struct", _ACTOR_FIELDS), "target": ("struct", _ACTOR_FIELDS),
    "location": ("struct", ("name", "country", "lat", "lon")),
    "ingested_at": "timestamp", "event_ids": "list",
}  # fmt: skip
"""The Parquet type of each exported field (any other is a string): ISO dates become dates (the
first day of their period, with a ``…_precision`` column beside any that has none), 0/1 flags
booleans, nested objects structs; a column that is null throughout keeps its type."""


def _arrow_type(kind: Any) -> Any:
    import pyarrow as pa

    if isinstance(kind, tuple):
        return pa.struct([(f, pa.float64() if f in ("lat", "lon") else pa.string()) for f in kind[1]])
    return {
        _STRING: pa.string(), _INT: pa.int64(), _FLOAT: pa.float64(), _BOOL: pa.bool_(), _DATE: pa.date32(),
        "timestamp": pa.timestamp("s", tz="UTC"), "list": pa.list_(pa.string()),
    }[kind]  # fmt: skip


def _as_date(value: Any) -> Any:
    """An ISO prefix (2024, 2024-06, 2024-06-21, or a datetime) as the first day of its period."""
    from datetime import date

    if not value:
        return None
    parts = str(value)[:10].split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _precision_of(value: Any) -> str | None:
    return {4: "year", 7: "month", 10: "day"}.get(len(str(value)[:10])) if value else None


def _typed(value: Any, kind: Any) -> Any:
    import json
    from datetime import UTC, datetime

    if value is None:
        return None
    if kind == _DATE:
        return _as_date(value)
    if kind == _BOOL:
        return bool(value)
    if kind == _INT:
        return int(value)
    if kind == _FLOAT:
        return float(value)
    if kind == "timestamp":
        try:
            t = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    if kind == "list":
        return [str(v) for v in value]
    if isinstance(kind, tuple):
        return {f: value.get(f) for f in kind[1]} if isinstance(value, dict) and value else None
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)


def write_parquet(rows: list[dict[str, Any]], path: str, columns: Iterable[str] = ()) -> int:
    """Write rows as a typed Parquet file (types from :data:`PARQUET_TYPES`); returns the number of rows.

    ``columns`` are written even when ``rows`` is empty or never fills them; keys of the rows that
    are not listed follow, as text when :data:`PARQUET_TYPES` does not know them.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = list(dict.fromkeys([*columns, *(k for r in rows for k in r)]))
    fields, arrays = [], []
    for name in names:
        kind = PARQUET_TYPES.get(name, _STRING)
        arrow = _arrow_type(kind)
        values = [_typed(r.get(name), kind) for r in rows]
        fields.append(pa.field(name, arrow))
        arrays.append(pa.array(values, type=arrow))
        if kind == _DATE and name != "date" and f"{name}_precision" not in names:
            fields.append(pa.field(f"{name}_precision", pa.string()))
            arrays.append(pa.array([_precision_of(r.get(name)) for r in rows], type=pa.string()))
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), path)
    return len(rows)
