"""Archive backfills on a Dask cluster: inputs coded as a Dask bag, events written as Parquet.

Each input file (a text or HTML page, a JSON Lines feed, or a Parquet file of articles with
columns ``id``, ``text``, ``published`` and optional ``url``, ``title``, ``outlet``, ``language``)
is one partition of the bag; a worker codes it and writes its own files under ``OUT``::

    OUT/events/year=YYYY/month=MM/part-NNNNN.parquet   event records (columns of ``warta export --format parquet``)
    OUT/events/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/…   events without a date
    OUT/articles/part-NNNNN.parquet                     the articles read (id, text, published, url, …)
    OUT/rejected.parquet                                inputs that could not be read: path, line, code, reason

Workers must see ``OUT`` (a local disk with ``--dask local``, a shared file system on a cluster).
Dask is imported only here, so the ``dask`` extra is needed only for backfills.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warta import errors
from warta.errors import InputError

NO_DATE = "__HIVE_DEFAULT_PARTITION__"
"""The Hive partition value of events without a date (read back as null by pyarrow and DuckDB)."""

ARTICLE_COLUMNS = ("id", "text", "published", "url", "title", "outlet", "language")
REJECTED_COLUMNS = ("path", "line", "code", "reason")


@dataclass(slots=True, frozen=True)
class BackfillSummary:
    """What a backfill wrote: partitions, articles coded, events and rejected inputs."""

    partitions: int
    articles: int
    events: int
    rejected: int


def tasks(paths: list[Path]) -> list[tuple[int, str]]:
    """The partitions of a backfill: one per input file (folders walked, Parquet files included)."""
    from warta.stages.read import display_name, walk

    files: list[str] = []
    for p in paths:
        if p.is_dir():
            files.extend(str(f) for f in sorted(p.rglob("*.parquet")) if not f.name.startswith("."))
        if p.is_dir() or p.suffix.lower() != ".parquet":
            for item in walk([p]):
                files.append(item.path if isinstance(item, InputError) else str(item))
        else:
            files.append(display_name(p))
    return list(enumerate(dict.fromkeys(files)))


def read_articles(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a Parquet file of articles as feed records (``published`` as ISO text; nulls left out)."""
    import pyarrow.parquet as pq

    rows = []
    for row in pq.read_table(str(path)).to_pylist():
        pub, precision = row.get("published"), row.pop("published_precision", None)
        if pub is not None and not isinstance(pub, str):
            row["published"] = pub.isoformat()[: {"year": 4, "month": 7}.get(precision or "", 10)]
        row.pop("source", None)  # where a backfill read it, not a field of the article
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def _parquet_records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    yield from enumerate(read_articles(path), 1)


def code_partition(task: tuple[int, str], out: str, max_bytes: int, lang: str | None) -> dict[str, Any]:
    """Code one partition (one input file) and write its events and articles under ``out``.

    Returns counts and the rejected inputs (few), for the client to gather."""
    from dataclasses import replace

    from warta.coder import code_paths
    from warta.pipeline import Pipeline
    from warta.record import records_from_article
    from warta.stages.read import article_from_record

    number, path = task
    rejected: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []

    def reject(e: InputError) -> None:
        rejected.append({"path": e.path, "line": e.line, "code": e.code, "reason": e.reason})

    def keep(art: Any, records: list[Any]) -> None:
        m = art.meta
        articles.append(
            {"id": art.ref, "text": art.text, "published": m.published if m else None, "url": m.url if m else None,
             "title": m.title if m else None, "outlet": m.outlet if m else None,
             "language": m.language if m else None, "source": art.source}
        )  # fmt: skip
        events.extend(r.to_dict() for r in records)

    if path.lower().endswith(".parquet"):
        pipeline = Pipeline()
        try:
            rows = list(_parquet_records(path))
        except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
            rows = []
            reject(InputError(path, errors.UNREADABLE, f"cannot read Parquet: {exc}"))
        for line, rec in rows:
            try:
                art = article_from_record(rec, source=f"{path}:{line}")
            except InputError as exc:
                reject(InputError(path, exc.code, exc.reason, line))
                continue
            if lang is not None:
                art.given = replace(art.given, language=lang)
            art = pipeline(art)
            keep(art, records_from_article(art))
    else:
        for coded in code_paths([Path(path)], max_bytes, None, lang):
            if coded.error is not None:
                reject(coded.error)
            elif coded.article is not None:
                keep(coded.article, coded.records or [])
    write_events(events, out, number)
    if articles:
        from warta.export import write_parquet

        (Path(out) / "articles").mkdir(parents=True, exist_ok=True)
        write_parquet(articles, str(Path(out) / "articles" / f"part-{number:05d}.parquet"), ARTICLE_COLUMNS)
    return {"articles": len(articles), "events": len(events), "rejected": rejected}


def write_events(records: list[dict[str, Any]], out: str, number: int) -> None:
    """Write event records (``to_dict``) as Hive partitions ``events/year=/month=`` under ``out``."""
    from warta.export import CSV_COLUMNS, flatten, write_parquet

    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in records:
        date = str(rec.get("date") or "")
        year = date[:4] if len(date) >= 4 else NO_DATE
        month = date[5:7] if len(date) >= 7 else NO_DATE
        groups.setdefault((year, month), []).append(flatten(rec))
    for (year, month), rows in groups.items():
        folder = Path(out) / "events" / f"year={year}" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        write_parquet(rows, str(folder / f"part-{number:05d}.parquet"), CSV_COLUMNS)


def write_rejected(rejected: list[dict[str, Any]], path: Path) -> None:
    """The rejected inputs as one Parquet file (path, line, code, reason)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("path", pa.string()), ("line", pa.int64()), ("code", pa.string()), ("reason", pa.string())])
    pq.write_table(pa.Table.from_pylist(rejected, schema=schema), str(path))


def run(
    paths: list[Path],
    out: Path,
    address: str = "local",
    *,
    workers: int | None = None,
    max_bytes: int = 5_000_000,
    lang: str | None = None,
) -> tuple[BackfillSummary, list[dict[str, Any]]]:
    """Code ``paths`` on a Dask cluster into ``out``; returns the summary and the rejected inputs.

    Args:
        address: ``local`` starts a ``distributed.LocalCluster`` (``workers`` processes, default
            the cores) and closes it at the end; ``tcp://host:port`` connects to a running scheduler.

    Raises:
        ImportError: dask or distributed is not installed.
    """
    import dask.bag as db
    from distributed import Client, LocalCluster

    items = tasks(paths)
    out.mkdir(parents=True, exist_ok=True)
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        bag = db.from_sequence(items, npartitions=max(1, len(items)))
        results = bag.map(code_partition, str(out), max_bytes, lang).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    rejected = [r for res in results for r in res["rejected"]]
    write_rejected(rejected, out / "rejected.parquet")
    summary = BackfillSummary(
        len(items), sum(r["articles"] for r in results), sum(r["events"] for r in results), len(rejected)
    )
    return summary, rejected
