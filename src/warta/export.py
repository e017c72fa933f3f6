"""Writing event records as CSV (flat columns) — JSON Lines is ``json.dumps`` of ``to_dict``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
    "event_id", "article", "outlet", "published", "date", "date_precision", "date_text",
    "source_code", "source_country", "source_igo", "source_name", "source_text",
    "target_code", "target_country", "target_igo", "target_name", "target_text",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover_event", "plover_mode", "plover_context",
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
