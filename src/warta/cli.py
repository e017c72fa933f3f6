"""The ``warta`` command: a thin Typer layer over the library (all printing happens here)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from warta.errors import WartaError

if TYPE_CHECKING:
    from warta.dicts import Overlay

app = typer.Typer(
    name="warta",
    help="Political event data from Indonesian news: ingest, code, fuse, query and serve CAMEO events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, soft_wrap=True)

STATE: dict[str, Any] = {"quiet": False, "verbose": 0}
"""Global options, set by the callback below before any command runs."""


def _version(value: bool) -> None:
    if value:
        from warta import __version__

        out.print(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log lines (-vv: debug).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no log lines but errors.")] = False,
) -> None:
    """Political event data from Indonesian news: ingest, code, fuse, query and serve CAMEO events."""
    STATE.update(quiet=quiet, verbose=verbose)
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        help="SQLite store file, or PostgreSQL database postgresql://user@host:port/name (env WARTA_DB).",
        envvar="WARTA_DB",
        show_default=True,
    ),
]
DEFAULT_DB_PATH = "warta.db"
DictDirOption = Annotated[
    Path | None,
    typer.Option(
        "--dict-dir",
        help="Folder of user dictionaries over the bundled ones: actors/*.tsv, lang/id/*.tsv; for English, "
        "PETRARCH *.txt files (env WARTA_DICT_DIR).",
        envvar="WARTA_DICT_DIR",
    ),
]


def _dicts(dict_dir: Path | None) -> Overlay | None:
    """Open the user's dictionaries and load everything the coder reads, so that a bad file is one
    error (exit 2) before any input is read; None codes with the bundled data alone."""
    from warta import dicts
    from warta.errors import LexiconError

    try:
        overlay = dicts.open_overlay(dict_dir) if dict_dir is not None else None
        dicts.load(overlay)
    except LexiconError as exc:
        raise _fail(str(exc)) from None
    except WartaError as exc:
        raise _fail(f"--dict-dir (or WARTA_DICT_DIR) {exc}") from None
    return overlay


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _shown(db: str) -> str:
    """The store as messages name it (a PostgreSQL URL without its password)."""
    from warta.store.postgres import is_url, redact

    return redact(db) if is_url(db) else db


def _check_file_store(db: str, must_exist: bool = True) -> None:
    """A SQLite store must be a file, and exist unless it is to be created (a URL is checked on connecting)."""
    from warta.store.postgres import is_url

    if is_url(db):
        return
    path = Path(db)
    if must_exist and not path.exists():
        raise _fail(f"{db}: no such store; create one with `warta ingest PATH --db {db}`")
    if path.is_dir():
        raise _fail(f"{db}: is a folder, not a store")


def _open_store(db: str, must_exist: bool = True, readonly: bool = False):
    from warta.store.db import Store

    _check_file_store(db, must_exist)
    try:
        return Store(db, readonly=readonly)
    except WartaError as exc:
        raise _fail(str(exc)) from None


SMALL_INPUT = 1_000_000
"""Bytes of input under which ingest codes in one process (starting workers costs a second or two)."""


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders: .txt, .html/.htm, .jsonl/.json feeds.")
    ] = None,
    db: DbOption = DEFAULT_DB_PATH,
    max_bytes: Annotated[int, typer.Option(help="Size limit of one page or one feed record.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    code: Annotated[bool, typer.Option("--code/--no-code", help="Code events as articles are stored.")] = True,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that clean and code [default: the cores; 1 under 1 MB of input]."),
    ] = None,
    dict_dir: DictDirOption = None,
    from_parquet: Annotated[
        Path | None,
        typer.Option(
            "--from-parquet", metavar="DIR", help="The articles of a `code --dask` output (DIR/articles/*.parquet)."
        ),
    ] = None,
) -> None:
    """Read, clean, code and store articles; re-ingesting adds nothing. Exit 1 if any input was skipped."""
    from warta.ingest import ingest as run_ingest
    from warta.ingest import total_bytes

    if from_parquet is not None:
        if paths:
            raise _fail("give either PATHS or --from-parquet DIR, not both")
        with _parquet_as_feeds(from_parquet) as feeds:
            ingest(feeds, db, max_bytes, quiet, code, workers, dict_dir, None)
        return
    if not paths:
        raise _fail("nothing to ingest: give files or folders, or --from-parquet DIR")
    overlay = _dicts(dict_dir) if code else None
    size = total_bytes(paths)
    if workers is None:
        workers = (os.cpu_count() or 1) if size >= SMALL_INPUT else 1
    with _open_store(db, must_exist=False) as store, Counter("ingest", size, quiet) as bar:
        summary = run_ingest(
            paths, store, max_bytes=max_bytes, progress=lambda n: bar.advance(1, n), code=code, workers=workers,
            dicts=overlay,
        )  # fmt: skip
    for problem in summary.skipped:
        err.print(f"[yellow]skipped[/yellow] {escape(str(problem))}")
    out.print(
        f"[bold]{summary.ingested}[/bold] ingested, {summary.present} already present, "
        f"{summary.near_duplicates} near-duplicates, {summary.events} events, {len(summary.skipped)} skipped "
        f"({summary.files} files) → {_shown(db)}"
    )
    if summary.skipped:
        raise typer.Exit(1)


@app.command()
def articles(
    db: DbOption = DEFAULT_DB_PATH,
    limit: Annotated[int, typer.Option(min=1, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """List stored articles, newest first."""
    from warta.store import queries

    with _open_store(db, readonly=True) as store:
        rows = queries.list_articles(store.conn, limit, offset)
        total = queries.count_articles(store.conn)
    table = Table(title=f"{total} articles in {_shown(db)}", show_lines=False)
    table.add_column("id", no_wrap=True, justify="right")
    table.add_column("ref", overflow="fold", max_width=22)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="fold", max_width=14)
    table.add_column("lang", no_wrap=True)
    table.add_column("dup of", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1, min_width=16)
    for r in rows:
        table.add_row(
            str(r.article_id), r.ref, r.published or "—", r.outlet or "—",
            r.language or "—", str(r.duplicate_of or ""), r.title or "—",
        )  # fmt: skip
    out.print(table)


def _date(value: str | None, precision: str | None) -> str:
    return f"{value} ({precision})" if value else "unknown"


@app.command()
def show(
    key: Annotated[str, typer.Argument(help="Article id or ref (feed id or file base name).")],
    db: DbOption = DEFAULT_DB_PATH,
) -> None:
    """Print an article's clean text, metadata, the dropped lines with their rules, and its events."""
    from warta.store import queries

    with _open_store(db, readonly=True) as store:
        article_id = queries.find_article(store.conn, key)
        detail = queries.get_article(store.conn, article_id) if article_id is not None else None
        events = (
            queries.list_events(store.conn, queries.EventFilter(article_id=article_id, include_unreal=True), 1000)
            if article_id is not None
            else []
        )
    if detail is None:
        raise _fail(f"no article {key!r} in {_shown(db)}", 1)
    r = detail.row
    meta = Table.grid(padding=(0, 2))
    for name, value in (
        ("id", str(r.article_id)), ("ref", r.ref), ("source", r.source), ("title", r.title),
        ("outlet", f"{r.outlet} (by {detail.outlet_rule})" if r.outlet else None),
        ("dateline", detail.dateline),
        ("published", f"{_date(r.published, r.published_precision)} from {detail.published_source or '?'}"
         f" by {detail.published_rule}" if r.published else "unknown"),
        ("language", r.language), ("url", detail.url),
        ("near-duplicate of", str(r.duplicate_of) if r.duplicate_of else None),
    ):  # fmt: skip
        meta.add_row(f"[bold]{name}[/bold]", escape(value or "—"))
    out.print(meta)
    out.rule("clean text")
    out.print(escape(detail.text))
    out.rule(f"dropped lines ({len(detail.dropped)})")
    for d in detail.dropped:
        out.print(f"[dim]{d.line_no:>4}[/dim] [magenta]{d.rule:<15}[/magenta] {escape(d.text)}")
    for p in detail.problems:
        out.print(f"[yellow]problem[/yellow] {escape(p)}")
    if events:
        out.rule(f"events ({len(events)})")
        _print_events_table(events)


def article_json(art: Any) -> dict[str, Any]:
    """The JSON shape of ``warta clean --json`` for one processed article."""
    m = art.meta
    return {
        "ref": art.ref,
        "source": art.source,
        "title": m.title if m else None,
        "outlet": m.outlet if m else None,
        "dateline": m.dateline if m else None,
        "published": m.published if m else None,
        "published_precision": m.published_precision if m else None,
        "published_source": m.published_source if m else None,
        "language": m.language if m else None,
        "url": m.url if m else None,
        "text": art.text,
        "dropped": [{"line": d.line_no, "text": d.text, "rule": d.rule} for d in art.dropped],
        "problems": [f"{p.stage} [{p.code}] {p.message}" for p in art.problems],
    }


@app.command()
def clean(
    file: Annotated[Path, typer.Argument(help="One page or feed; a feed prints one JSON object a line.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Size limit of one page or one feed record.")] = 5_000_000,
) -> None:
    """Clean one file and print the result without storing it."""
    from warta.pipeline import process
    from warta.stages.read import read_path

    failed = False
    for item in read_path(file, max_bytes=max_bytes):
        if item.error is not None:
            err.print(f"[red]error:[/red] {escape(str(item.error))}")
            failed = True
            continue
        assert item.article is not None
        data = article_json(process(item.article))
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            continue
        for key in ("title", "outlet", "dateline", "published", "published_precision", "published_source", "language"):
            out.print(f"[bold]{key:>20}[/bold] {escape(str(data[key]))}")
        out.rule("clean text")
        out.print(escape(data["text"]))
        out.rule("dropped")
        for d in data["dropped"]:
            out.print(f"[dim]{d['line']:>4}[/dim] [magenta]{d['rule']:<15}[/magenta] {escape(d['text'])}")
    if failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = DEFAULT_DB_PATH,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over stored articles."""
    from warta.store import queries

    with _open_store(db, readonly=True) as store:
        hits = queries.search_articles(store.conn, query, limit)
    if not hits:
        out.print(f"no article matches {query!r}")
        raise typer.Exit(1)
    for h in hits:
        out.print(f"[bold]{h.article_id}[/bold] {escape(h.ref)} · {h.outlet or '—'} · {h.published or 'undated'}")
        out.print(f"    {escape(h.title or '')}")
        out.print(f"    [dim]{escape(h.snippet)}[/dim]")


@contextlib.contextmanager
def _parquet_as_feeds(folder: Path) -> Iterator[list[Path]]:
    """The Parquet articles of a backfill (``DIR/articles``, or DIR itself) as JSON Lines feeds in a
    temporary folder, one per Parquet file and named after it."""
    import tempfile

    if not folder.is_dir():
        raise _fail(f"--from-parquet {folder}: no such folder")
    base = folder / "articles" if (folder / "articles").is_dir() else folder
    files = sorted(base.glob("*.parquet"))
    if not files:
        raise _fail(f"--from-parquet {folder}: no Parquet files of articles (articles/*.parquet) in it")
    from warta.backfill import read_articles

    with tempfile.TemporaryDirectory(prefix="warta-parquet-") as tmp:
        feeds = []
        for f in files:
            try:
                rows = read_articles(f)
            except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
                raise _fail(f"--from-parquet {f}: cannot read: {exc}") from None
            feed = Path(tmp) / f"{f.stem}.jsonl"
            with feed.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            feeds.append(feed)
        yield feeds


def _read_events(path: Path) -> tuple[list[Any], list[str]]:
    from warta.record import EventRecord, RecordError

    events, problems = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: cannot read: {exc}") from None
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            events.append(EventRecord.from_dict(json.loads(line)))
        except (json.JSONDecodeError, RecordError) as exc:
            problems.append(f"{path}:{no}: {exc}")
    return events, problems


def _looks_like_articles(path: Path) -> bool:
    """True when the first record of a JSON Lines file is an article (text, html or paragraphs)."""
    try:
        with path.open(encoding="utf-8") as fh:
            first = next((line for line in fh if line.strip()), "")
        rec = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(rec, dict) and "cameo" not in rec and any(k in rec for k in ("text", "html", "paragraphs"))


class Counter:
    """Articles done and their rate on stderr: a Rich bar on a terminal (over bytes, or over
    articles when their total is known), else a plain line every ``PLAIN_EVERY`` seconds, so that
    logs of long jobs show progress too. Silent with ``--quiet``."""

    PLAIN_EVERY = 10.0

    def __init__(
        self,
        label: str,
        total_bytes: int | None = None,
        quiet: bool = False,
        total_articles: int | None = None,
        unit: str = "articles",
    ) -> None:
        self.label = label
        self.unit = unit
        self.total = total_bytes
        self.total_articles = total_articles
        self.quiet = quiet or STATE["quiet"]
        self.articles = 0
        self.bytes = 0
        self.start = self.last = time.monotonic()
        self.bar: Progress | None = None
        self.task: Any = None

    def __enter__(self) -> Counter:
        if not self.quiet and err.is_terminal:
            columns: list[Any] = [TextColumn(f"[bold]{self.label}"), BarColumn()]
            if self.total and not self.total_articles:
                columns.append(DownloadColumn())
            of = f" of {self.total_articles:,}" if self.total_articles is not None else ""
            columns += [TextColumn("{task.fields[articles]:,}" + of + f" {self.unit} · " + "{task.fields[rate]}/s")]
            if self.total or self.total_articles:
                columns.append(TimeRemainingColumn())
            self.bar = Progress(*columns, console=err, transient=True)
            self.bar.start()
            total = self.total_articles if self.total_articles is not None else self.total
            self.task = self.bar.add_task(self.label, total=total or None, articles=0, rate="—")
        return self

    def advance(self, articles: int = 1, nbytes: int = 0) -> None:
        self.articles += articles
        self.bytes += nbytes
        now = time.monotonic()
        if self.bar is not None:
            step = articles if self.total_articles is not None else nbytes
            self.bar.update(self.task, advance=step, articles=self.articles, rate=self._rate(now))
        elif not self.quiet and now - self.last >= self.PLAIN_EVERY:
            self.last = now
            of = f" of {self.total_articles:,}" if self.total_articles is not None else ""
            done = f", {self.bytes / 1e6:,.1f} of {self.total / 1e6:,.1f} MB" if self.total else ""
            err.print(f"{self.label}: {self.articles:,}{of} {self.unit} ({self._rate(now)}/s){done}", highlight=False)

    def _rate(self, now: float) -> str:
        elapsed = now - self.start
        return f"{self.articles / elapsed:,.0f}" if elapsed > 0.5 else "—"

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _code_inputs(
    paths: list[Path],
    max_bytes: int = 5_000_000,
    quiet: bool = False,
    dict_dir: Path | None = None,
    lang: str | None = None,
) -> tuple[list[Any], int]:
    """Code files and feeds (with the user's dictionaries in ``dict_dir``, if given, and as ``lang``
    when given); input errors are printed and counted."""
    from warta.coder import code_paths

    overlay = _dicts(dict_dir)
    records: list[Any] = []
    failed = 0
    with Counter("coding", quiet=quiet) as bar:
        for coded in code_paths(paths, max_bytes, overlay, lang):
            if coded.error is not None:
                failed += 1
                err.print(f"[red]error[/red] {escape(str(coded.error))}")
                continue
            records.extend(coded.records or [])
            bar.advance()
    return records, failed


@app.command()
def code(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT...", help="Files, folders or feeds to code; '-' reads text or JSON Lines from stdin."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, table or csv.")] = "jsonl",
    quad: Annotated[str, typer.Option(help="QuadClass convention: common or gdelt.")] = "common",
    max_bytes: Annotated[int, typer.Option(help="Size limit of one page or one feed record.")] = 5_000_000,
    lang: Annotated[
        str | None, typer.Option(help="Code every article as this language: en, id or ms [default: detected].")
    ] = None,
    dict_dir: DictDirOption = None,
    actors: Annotated[
        list[Path] | None, typer.Option(help="English: a PETRARCH actor dictionary (repeatable).")
    ] = None,
    agents: Annotated[
        list[Path] | None, typer.Option(help="English: a PETRARCH agent dictionary (repeatable).")
    ] = None,
    verbs: Annotated[list[Path] | None, typer.Option(help="English: a PETRARCH verb dictionary (repeatable).")] = None,
    discards: Annotated[list[Path] | None, typer.Option(help="English: a PETRARCH discard list (repeatable).")] = None,
    dict_replace: Annotated[
        bool, typer.Option(help="English: use the given dictionaries instead of the built-in ones of each kind.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", metavar="local|tcp://HOST:PORT", help="Code on a Dask cluster into --out (Parquet); see README."
        ),
    ] = None,
    dask_workers: Annotated[
        int | None, typer.Option(min=1, help="With --dask local: worker processes [default: cores].")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="With --dask: the folder for events/, articles/, rejected.parquet.")
    ] = None,
) -> None:
    """Code articles into CAMEO event records (nothing is stored)."""
    if fmt not in ("jsonl", "table", "csv"):
        raise _fail("--format takes jsonl, table or csv")
    if quad not in ("common", "gdelt"):
        raise _fail("--quad takes common or gdelt")
    from warta import lang as languages

    lang = languages.normalise(lang)
    if lang is not None and lang not in languages.readable():
        *first, last = languages.readable()
        raise _fail(f"--lang takes {', '.join(first)} or {last}, not {lang!r}")
    if dask is not None or out_dir is not None:
        if dict_dir or actors or agents or verbs or discards:
            raise _fail("--dask codes with the built-in dictionaries; leave out --dict-dir and the PETRARCH files")
        _code_on_dask(inputs, dask, dask_workers, out_dir, max_bytes, lang)
        return
    petrarch = dict_dir is not None and _has_petrarch_files(dict_dir)
    _english_dictionaries(inputs, dict_dir if petrarch else None, actors, agents, verbs, discards, dict_replace)
    overlay_dir = dict_dir if dict_dir is not None and (_has_tsv_files(dict_dir) or not petrarch) else None
    records, failed = _code_inputs(inputs, max_bytes, dict_dir=overlay_dir, lang=lang)
    rows = [r.to_dict(quad) for r in records]
    _emit_events(rows, fmt)
    if failed:
        raise typer.Exit(1)


def _code_on_dask(
    inputs: list[Path], address: str | None, workers: int | None, out_dir: Path | None, max_bytes: int, lang: str | None
) -> None:
    """``code --dask``: a backfill into Parquet (:mod:`warta.backfill`)."""
    if address is None or out_dir is None:
        raise _fail("--dask and --out go together: --dask local|tcp://HOST:PORT --out DIR")
    if address != "local" and not address.startswith("tcp://"):
        raise _fail(f"--dask takes local or a scheduler address tcp://HOST:PORT, not {address!r}")
    if out_dir.exists() and not out_dir.is_dir():
        raise _fail(f"--out {out_dir}: is a file, not a folder")
    if out_dir.is_dir() and any((out_dir / name).exists() for name in ("events", "articles", "rejected.parquet")):
        raise _fail(f"--out {out_dir}: already holds a backfill; choose an empty folder")
    for p in inputs:
        if str(p) == "-":
            raise _fail("--dask reads files and folders, not stdin")
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401

        from warta import backfill
    except ImportError:
        raise _fail("--dask needs the dask extra: pip install 'warta[dask]'") from None
    try:
        summary, rejected = backfill.run(inputs, out_dir, address, workers=workers, max_bytes=max_bytes, lang=lang)
    except OSError as exc:
        raise _fail(f"--dask {address}: {exc}") from None
    for r in rejected:
        where = f"{r['path']}:{r['line']}" if r["line"] is not None else r["path"]
        problem = f"{where}: [{r['code']}] {r['reason']}"
        err.print(f"[red]error[/red] {escape(problem)}")
    err.print(
        f"{summary.articles} articles, {summary.events} events, {summary.rejected} rejected "
        f"({summary.partitions} partitions) → {out_dir}"
    )
    if rejected:
        raise typer.Exit(1)


def _has_petrarch_files(folder: Path) -> bool:
    """A --dict-dir holding PETRARCH dictionaries (``*.txt`` verbs, actors, agents, discards)."""
    return folder.is_dir() and any(folder.glob("*.txt"))


def _has_tsv_files(folder: Path) -> bool:
    """A --dict-dir holding table overlays (``actors/*.tsv``, ``lang/<lang>/*.tsv``)."""
    return folder.is_dir() and any(folder.rglob("*.tsv"))


def _english_dictionaries(
    inputs: list[Path],
    dict_dir: Path | None,
    actors: list[Path] | None,
    agents: list[Path] | None,
    verbs: list[Path] | None,
    discards: list[Path] | None,
    replace_builtin: bool,
) -> None:
    """Choose the PETRARCH dictionaries of the English path from the options (and an XML input's
    ``<Environment>``, whose files are looked up in ``--dict-dir`` and used instead of the built-in ones)."""
    from warta.english import stage
    from warta.english.dictionaries import DictFiles, DictionaryError, from_dir
    from warta.english.petrxml import environment

    for flag, files in (("--actors", actors), ("--agents", agents), ("--verbs", verbs), ("--discards", discards)):
        for f in files or ():
            if not f.is_file():
                raise _fail(f"{flag} {f}: no such file")
    chosen = DictFiles()
    try:
        if dict_dir is not None:
            named: dict[str, list[str]] = {}
            for p in inputs:
                if p.suffix.lower() == ".xml" and p.is_file():
                    named = environment(p)
                    if named:
                        break
            chosen = from_dir(dict_dir, named or None)
            if named:
                replace_builtin = True  # PETRARCH codes with exactly the files its input names
            if chosen.empty:
                raise _fail(f"--dict-dir {dict_dir}: no PETRARCH dictionary files (*verbs*, *actors*, …) in it")
        chosen = DictFiles(
            verbs=chosen.verbs + tuple(verbs or ()), actors=chosen.actors + tuple(actors or ()),
            agents=chosen.agents + tuple(agents or ()), discards=chosen.discards + tuple(discards or ()),
            replace=replace_builtin,
        )  # fmt: skip
        if not chosen.empty:
            from warta.english.dictionaries import load

            load(chosen)  # read now, so a bad file is reported before any coding
    except DictionaryError as exc:
        raise _fail(str(exc)) from None
    stage.use_dictionaries(chosen)


def _emit_events(rows: list[dict[str, Any]], fmt: str) -> None:
    """Print event records as JSON Lines, CSV or a table."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        from warta.export import write_csv

        write_csv(rows, sys.stdout)
    else:
        _print_events_table(rows)


def _snippet(rec: dict[str, Any], width: int = 90) -> str:
    """The evidence sentence around the trigger, at most ``width`` characters."""
    sentence = rec["evidence"]["sentence"]
    span = (rec["evidence"].get("spans") or {}).get("trigger") or [0, 0]
    start = max(0, min(span[0] - width // 3, len(sentence) - width))
    text = sentence[start : start + width]
    return ("…" if start > 0 else "") + text + ("…" if start + width < len(sentence) else "")


def _cameo_name(rec: dict[str, Any], width: int = 28) -> str:
    from warta import ontology

    name = rec.get("cameo_name") or ontology.get(rec["cameo"]).name
    return name if len(name) <= width else name[: width - 1] + "…"


def _print_events_table(rows: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False, expand=False)
    for col in ("article", "date", "source", "code", "event", "target", "flags", "evidence"):
        table.add_column(col, overflow="fold", no_wrap=col not in ("evidence", "event"), max_width=None)
    for r in rows:
        flags = " ".join(
            f for f, on in (("neg", r["negated"]), ("hyp", r["hypothetical"]), (r["modality"] or "", r["modality"]),
                            ("sym", r.get("symmetric"))) if on
        )  # fmt: skip
        table.add_row(
            r["article"][:12], r["date"] or "?", r["source"]["code"] or "", r["cameo"], _cameo_name(r),
            r["target"]["code"] or "", flags, escape(_snippet(r)),
        )  # fmt: skip
    out.print(table)
    out.print(f"{len(rows)} events")


@app.command()
def events(
    db: DbOption = DEFAULT_DB_PATH,
    actor: Annotated[str | None, typer.Option(help="A state (KOR) or organisation (UNO), either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="Two actors, e.g. KOR-RUS (either direction).")] = None,
    directed: Annotated[bool, typer.Option(help="Read --dyad as source-target.")] = False,
    date_from: Annotated[str | None, typer.Option("--from", help="ISO date or prefix: 2024, 2024-01.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="ISO date or prefix.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code or prefix: 04, 042.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the evidence sentence.")] = None,
    all_events: Annotated[bool, typer.Option("--all", help="Include negated and hypothetical events.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    limit: Annotated[
        int | None, typer.Option(min=1, help="Rows at most [default: 100 in a table, all in jsonl and csv].")
    ] = None,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Query the stored events: a table to read, or every matching row as JSON Lines or CSV."""
    from warta.store.queries import MAX_TEXT_FILTER, EventFilter, count_events, list_events

    if fmt not in ("jsonl", "table", "csv"):
        raise _fail("--format takes table, jsonl or csv")
    pair: tuple[str, str] | None = None
    if dyad:
        parts = dyad.upper().replace("–", "-").split("-")
        if len(parts) != 2 or not all(parts):
            raise _fail(f"--dyad takes two actors such as KOR-RUS, not {dyad!r}")
        pair = (parts[0], parts[1])
    _check_dates(date_from, date_to)
    if text and len(text) > MAX_TEXT_FILTER:
        raise _fail(f"--text takes at most {MAX_TEXT_FILTER} characters, not {len(text):,}")
    if code and not re.fullmatch(r"\d{2,4}", code):
        raise _fail(f"--code takes a CAMEO code or prefix such as 04 or 042, not {code!r}")
    flt = EventFilter(
        actor=actor.upper() if actor else None, dyad=pair, directed=directed, date_from=date_from, date_to=date_to,
        code=code, text=text, include_unreal=all_events,
    )  # fmt: skip
    if limit is None:
        limit = TABLE_ROWS if fmt == "table" else -1  # SQLite: LIMIT -1 is no limit
    with _open_store(db, readonly=True) as store:
        for value in (flt.actor, *(flt.dyad or ())):
            if value:
                _check_actor(store.conn, value)
        rows = list_events(store.conn, flt, limit=limit, offset=offset)
        total = count_events(store.conn, flt)
    _emit_events(rows, fmt)
    if fmt == "table" and total > offset + len(rows):
        out.print(f"showing {offset + 1}–{offset + len(rows)} of {total}; use --offset or --limit for more")


TABLE_ROWS = 100
"""Rows a table shows unless --limit says otherwise (JSON Lines and CSV give every row)."""


def _check_actor(conn: Any, code: str) -> None:
    """Refuse an actor code that is neither a known state or organisation nor in the store,
    suggesting near codes."""
    import difflib

    from warta import ontology
    from warta.actors_kb import knowledge_base

    known = set(knowledge_base().state_names) | set(ontology.igos())
    if code in known:
        return
    stored = {
        r[0] for side in ("source_actor", "target_actor") for r in conn.execute(f"SELECT DISTINCT {side} FROM events")
    }
    if code in stored:
        return
    near = difflib.get_close_matches(code, sorted(known | stored), n=4, cutoff=0.5)
    hint = f"; did you mean {', '.join(near)}?" if near else "; actors are state codes (KOR) or organisations (UNO)"
    raise _fail(f"unknown actor code {code!r}{hint}")


@app.command()
def dyad(
    actor: Annotated[str, typer.Argument(help="A state (KOR) or organisation (UNO).")],
    other: Annotated[str | None, typer.Argument(help="The other actor; leave out for one actor's timeline.")] = None,
    db: DbOption = DEFAULT_DB_PATH,
    by: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
    directed: Annotated[bool, typer.Option(help="Only ACTOR → OTHER.")] = False,
    date_from: Annotated[str | None, typer.Option("--from", help="ISO date or prefix.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="ISO date or prefix.")] = None,
    fill: Annotated[
        bool, typer.Option("--fill/--no-fill", help="List the periods without events (between the first and last).")
    ] = True,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write the periods as CSV (one column per CAMEO root).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the timeline as JSON.")] = False,
) -> None:
    """A dyad's (or an actor's) fused events per period: QuadClass, CAMEO roots, Goldstein."""
    from warta.analysis import PERIODS, timeline
    from warta.ontology import ROOTS

    if by not in PERIODS:
        raise _fail(f"--by takes {', '.join(PERIODS)}, not {by!r}")
    _check_dates(date_from, date_to)
    if csv_out is not None:
        _writable(csv_out, "--csv")
    a, b = actor.upper(), other.upper() if other else None
    with _open_store(db, readonly=True) as store:
        for value in (a, b):
            if value:
                _check_actor(store.conn, value)
        try:
            tl = timeline(store.conn, a, b, by=by, directed=directed, date_from=date_from, date_to=date_to, fill=fill)
        except ValueError as exc:
            raise _fail(f"--by {by}: {exc} (--by, --from/--to, --no-fill)") from None
    if csv_out is not None:
        import csv

        with _output(csv_out) as fh:
            w = csv.writer(fh)
            w.writerow(["period", "start", "end", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum",
                        "goldstein_mean", *(f"root{r}" for r in ROOTS)])  # fmt: skip
            for p in tl["periods"]:
                q = p["by_quad"]
                w.writerow([p["period"], p["start"], p["end"], p["events"], q["1"], q["2"], q["3"], q["4"],
                            p["goldstein_sum"], "" if p["goldstein_mean"] is None else p["goldstein_mean"],
                            *(p["by_root"].get(r, 0) for r in ROOTS)])  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps(tl, ensure_ascii=False, indent=2) + "\n")
        return
    title = f"{a} – {b}" if b else a
    table = Table(title=f"{title} by {by} ({'directed' if directed else 'both directions'})")
    for col in ("period", "events", "verbal coop", "material coop", "verbal confl", "material confl", "Goldstein",
                "roots"):  # fmt: skip
        table.add_column(col, justify="right" if col not in ("period", "roots") else "left")
    for p in tl["periods"]:
        q = p["by_quad"]
        roots = " ".join(f"{r}×{n}" for r, n in p["by_root"].items())
        mean = "—" if p["goldstein_mean"] is None else f"{p['goldstein_mean']:+.1f}"
        table.add_row(p["period"], str(p["events"]), str(q["1"]), str(q["2"]), str(q["3"]), str(q["4"]), mean,
                      roots)  # fmt: skip
    out.print(table)
    out.print(
        f"{tl['events']} events ({tl['undated']} not dated to the {by}); Goldstein sum {tl['goldstein_sum']:+.1f}, "
        f"mean {tl['goldstein_mean'] if tl['goldstein_mean'] is not None else '—'}"
    )
    if tl["top_types"]:
        out.print("top types: " + "; ".join(f"{t['cameo']} {t['name']} ×{t['events']}" for t in tl["top_types"]))
    for label in ("first", "last"):
        if ev := tl[label]:
            out.print(f"{label}: {ev['date']} {ev['source_actor']} → {ev['target_actor']} {ev['cameo']}")


def _check_dates(date_from: str | None, date_to: str | None) -> None:
    from warta.store.queries import check_date_range

    try:
        check_date_range(date_from, date_to, ("--from", "--to"))
    except ValueError as exc:
        raise _fail(str(exc)) from None


def _writable(path: Path, flag: str = "FILE") -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if str(path) == "-":
        return
    if path.is_dir():
        raise _fail(f"{flag} {path}: is a folder; give a file name")
    if not path.parent.exists():
        raise _fail(f"{flag} {path}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise _fail(f"{flag} {path}: not writable")


@app.command("export")
def export_cmd(
    out_file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="Where to write; '-' for standard output; with --gdelt, a folder too."),
    ],
    db: DbOption = DEFAULT_DB_PATH,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="jsonl (default), csv or parquet.")] = None,
    gdelt: Annotated[
        bool, typer.Option(help="Fused events as a GDELT 2.0 event file (FILE: a folder, or NAME.export.CSV).")
    ] = False,
    gdelt_mentions: Annotated[
        Path | None,
        typer.Option(
            help="With --gdelt: also GDELT's mentions table (a folder, or NAME.mentions.CSV).", metavar="FILE"
        ),
    ] = None,
    fused: Annotated[bool, typer.Option(help="Fused (canonical) events instead of per-article records.")] = False,
) -> None:
    """Export events: per-article records, fused events, or fused events as GDELT 2.0 files."""
    from warta.export import CSV_COLUMNS, FUSED_COLUMNS, canonical_rows, flatten, write_csv, write_parquet
    from warta.store.queries import EventFilter, list_events

    if gdelt or gdelt_mentions is not None:
        if fused:
            raise _fail("--gdelt and --fused are two layouts of the fused events; choose one")
        if fmt is not None:
            raise _fail("--gdelt writes GDELT's tab-separated files; leave out --format")
        _export_gdelt(out_file, gdelt_mentions, db)
        return
    fmt = fmt or "jsonl"
    if fmt not in ("jsonl", "csv", "parquet"):
        raise _fail("--format takes jsonl, csv or parquet")
    if fmt == "parquet" and str(out_file) == "-":
        raise _fail("parquet needs a file name")
    _writable(out_file)
    with _open_store(db, readonly=True) as store:
        if fused:
            rows = canonical_rows(store.conn)
        else:
            rows = list_events(store.conn, EventFilter(include_unreal=True), limit=10**9)
    fh = sys.stdout if str(out_file) == "-" else None
    if fmt == "parquet":
        if fused:
            n = write_parquet(rows, str(out_file), FUSED_COLUMNS)
        else:
            n = write_parquet([flatten(r) for r in rows], str(out_file), CSV_COLUMNS)
    else:
        with contextlib.ExitStack() as stack:
            if fh is None:
                fh = stack.enter_context(_output(out_file))
            if fmt == "jsonl":
                with Counter("export", total_articles=len(rows), unit="events") as bar:
                    for r in rows:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                        bar.advance()
                n = len(rows)
            elif fused:
                import csv

                w = csv.DictWriter(fh, fieldnames=list(dict.fromkeys([*FUSED_COLUMNS, *(k for r in rows for k in r)])))
                w.writeheader()
                for r in rows:
                    w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                                for k, v in r.items()})  # fmt: skip
                n = len(rows)
            else:
                with Counter("export", total_articles=len(rows), unit="events") as bar:
                    n = write_csv(_counted(rows, bar), fh)
    err.print(f"{n} {'fused events' if fused else 'events'} → {out_file}")


def _counted(rows: list[dict[str, Any]], bar: Counter) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield row
        bar.advance()


def _export_gdelt(out_file: Path, mentions_file: Path | None, db: str) -> None:
    """``export --gdelt``: the event table, Warta's companion file beside it, and the mentions table."""
    from warta import gdelt

    targets = [(out_file, "FILE", gdelt.EVENT_SUFFIX)]
    if mentions_file is not None:
        if str(mentions_file) == "-":
            raise _fail("--gdelt-mentions needs a folder or a file name")
        targets.append((mentions_file, "--gdelt-mentions", gdelt.MENTION_SUFFIX))
    for path, flag, suffix in targets:  # every output checked before any work
        if str(path) == "-":
            continue
        try:
            gdelt.name_in(path, suffix)
        except ValueError as exc:
            raise _fail(f"{flag} {exc}") from None
        if path.is_dir() and not os.access(path, os.W_OK):
            raise _fail(f"{flag} {path}: folder not writable")
        if not path.is_dir():
            _writable(path, flag)
    with _open_store(db, readonly=True) as store:
        tables = gdelt.build(store.conn)
    if str(out_file) == "-":
        n = gdelt.write_table(tables.events, gdelt.EVENT_COLUMNS, sys.stdout)
        err.print(f"{n} fused events in GDELT's event table → standard output (no companion file)")
    else:
        events_path = gdelt.name_in(out_file, gdelt.EVENT_SUFFIX, tables.stamp)
        with _output(events_path) as fh:
            n = gdelt.write_table(tables.events, gdelt.EVENT_COLUMNS, fh)
        side = gdelt.sidecar_path(events_path)
        with _output(side) as fh:
            gdelt.write_table(tables.sidecar, gdelt.SIDECAR_COLUMNS, fh, header=True)
        err.print(f"{n} fused events in GDELT's event table → {events_path} (Warta's columns: {side})")
    if mentions_file is None and str(out_file) != "-" and out_file.is_dir():
        mentions_file = out_file  # a folder gets the whole set
    if mentions_file is not None:
        mentions_path = gdelt.name_in(mentions_file, gdelt.MENTION_SUFFIX, tables.stamp)
        with _output(mentions_path) as fh:
            m = gdelt.write_table(tables.mentions, gdelt.MENTION_COLUMNS, fh)
        err.print(f"{m} reports in GDELT's mentions table → {mentions_path}")


@app.command()
def fuse(db: DbOption = DEFAULT_DB_PATH) -> None:
    """Fuse events not yet fused (ingest does this as it stores; for stores from older versions)."""
    from warta.fuse import fuse_pending

    with _open_store(db) as store:
        store.conn.execute("BEGIN")
        n = fuse_pending(store.conn)
        store.conn.execute("COMMIT")
        total = store.conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    out.print(f"{n} events fused; {total} fused events in {_shown(db)}")


@app.command()
def recode(
    db: DbOption = DEFAULT_DB_PATH,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="VERSION", help="Only articles coded by VERSION or a later, older-than-current version."
        ),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Every article, even those coded by this version.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    dict_dir: DictDirOption = None,
) -> None:
    """Code stored articles again (after upgrading Warta or changing --dict-dir, or stored with --no-code)
    and re-fuse what changed.

    With --dict-dir every article is coded again (as with --all) unless --since narrows it.
    Resumable: a run stopped at any point continues where it stopped. Exit 1 if an article failed.
    """
    from warta.recode import plan
    from warta.recode import recode as run_recode
    from warta.record import CODER_VERSION

    overlay = None
    if dict_dir is not None:
        petrarch = _has_petrarch_files(dict_dir)
        _english_dictionaries([], dict_dir if petrarch else None, None, None, None, None, False)
        overlay = _dicts(dict_dir) if _has_tsv_files(dict_dir) or not petrarch else None
        everything = everything or since is None
    with _open_store(db) as store:
        try:
            chosen = plan(store, since=since, everything=everything)
        except WartaError as exc:
            raise _fail(str(exc)) from None
        if chosen.resumed:
            err.print(f"resuming an interrupted `warta recode --all`: {chosen.resumed} articles left")
        with Counter("recode", quiet=quiet, total_articles=len(chosen.article_ids)) as bar:
            summary = run_recode(store, chosen, progress=lambda n: bar.advance(n), dicts=overlay)
    for problem in summary.failed:
        err.print(f"[yellow]failed[/yellow] {escape(str(problem))}")
    if summary.stopped:
        err.print(f"[red]stopped:[/red] {escape(summary.stopped)}; run `warta recode` again to resume")
    newer = f"; {summary.newer} coded by a newer Warta left alone" if summary.newer else ""
    out.print(
        f"[bold]{summary.recoded}[/bold] articles recoded to {CODER_VERSION} ({summary.changed} with changed events), "
        f"{len(summary.failed)} failed{newer}; events {summary.events_before} → {summary.events_after}, "
        f"fused events {summary.fused_before} → {summary.fused_after} → {_shown(db)}"
    )
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB_PATH,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port (1–65535).")] = 8000,
    dict_dir: DictDirOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (uvicorn workers) sharing the port.")] = 1,
) -> None:
    """Serve the HTTP API and the dashboard (http://HOST:PORT/). Writes need WARTA_API_TOKEN."""
    import uvicorn

    from warta.api import create_app
    from warta.store.postgres import is_url

    _check_file_store(db)
    overlay = _dicts(dict_dir)
    try:
        api = create_app(db, overlay)  # the store is opened and migrated once, before any worker starts
    except WartaError as exc:
        raise _fail(str(exc)) from None
    err.print(f"dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs")
    from warta.http_protocol import HTTP

    if workers == 1:
        uvicorn.run(api, host=host, port=port, log_level="warning", http=HTTP)
        return
    os.environ["WARTA_SERVE_DB"] = db if is_url(db) else str(Path(db).resolve())
    if dict_dir is not None:
        os.environ["WARTA_DICT_DIR"] = str(dict_dir.resolve())
    uvicorn.run(
        "warta.api:app_from_environment", factory=True, host=host, port=port, workers=workers, log_level="warning",
        http=HTTP,
    )  # fmt: skip


@app.command("eval")
def eval_cmd(
    gold_file: Annotated[Path, typer.Argument(metavar="GOLD.jsonl", help="Gold events (see the guidelines).")],
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="EVENTS.jsonl | INPUT...", help="System event records, or with --run inputs."),
    ],
    run: Annotated[bool, typer.Option("--run", help="Code the INPUTs (files, folders, feeds) first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show: Annotated[
        str | None, typer.Option(help="List what was missed ('misses') or wrong ('false'), with evidence.")
    ] = None,
    dict_dir: DictDirOption = None,
) -> None:
    """Score event records against gold: lenient and strict precision, recall, F1, per root.

    warta eval GOLD.jsonl EVENTS.jsonl  ·  warta eval GOLD.jsonl --run INPUT...
    """
    from warta.gold import load_gold
    from warta.scoring import evaluate

    if show not in (None, "misses", "false"):
        raise _fail("--show takes 'misses' or 'false'")
    try:
        gold = load_gold(gold_file)
    except WartaError as exc:
        raise _fail(str(exc)) from None
    if run:
        events, failed = _code_inputs(inputs, dict_dir=dict_dir)
        problems = [f"{failed} input(s) could not be read"] if failed else []
    else:
        if len(inputs) != 1:
            raise _fail("give one EVENTS.jsonl file, or --run with the inputs to code")
        if inputs[0].is_dir() or inputs[0].suffix.lower() not in (".jsonl", ".ndjson", ".json"):
            raise _fail(
                f"{inputs[0]} is not a file of event records (.jsonl); to code articles and score them, "
                f"add --run: warta eval {gold_file} --run {inputs[0]}"
            )
        events, problems = _read_events(inputs[0])
        if problems and not events and _looks_like_articles(inputs[0]):
            raise _fail(
                f"{inputs[0]}: no line is an event record; it is a feed of articles: to code and score "
                f"them, add --run: warta eval {gold_file} --run {inputs[0]}"
            )
    for p in problems:
        err.print(f"[yellow]skipped[/yellow] {escape(p)}")
    result = evaluate(gold, events)
    if as_json:
        data = {
            "lenient": result["lenient"].as_dict(),
            "strict": result["strict"].as_dict(),
            "by_root": {r: {k: v.as_dict() for k, v in d.items()} for r, d in result["by_root"].items()},
            "skipped_lines": problems,
        }
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        _print_scores(result)
    if show:
        _print_show(result["strict"], show)
    if problems:
        raise typer.Exit(1)


def _print_scores(result: dict[str, Any]) -> None:
    table = Table(title="Event coding against gold")
    for col in ("score", "P", "R", "F1", "events", "match", "dup", "false", "extra", "core"):
        table.add_column(col, justify="right", no_wrap=True)
    for name in ("lenient", "strict"):
        s = result[name]
        table.add_row(
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.system), str(s.matched),
            str(s.duplicates), str(s.false), f"{s.extra_rate:.0%}", str(s.core_gold),
        )  # fmt: skip
    out.print(table)
    roots = Table(title="Strict scores per CAMEO root")
    for col in ("root", "name", "precision", "recall", "F1", "system", "core gold"):
        roots.add_column(col, justify="right" if col not in ("name",) else "left")
    from warta import ontology

    for r, d in result["by_root"].items():
        s = d["strict"]
        recall = f"{s.recall:.3f}" if s.core_gold else "—"
        precision = f"{s.precision:.3f}" if s.system else "—"
        roots.add_row(
            r, ontology.get(r).name.capitalize(), precision, recall, f"{s.f1:.3f}", str(s.system), str(s.core_gold)
        )
    out.print(roots)


def _print_show(s: Any, show: str) -> None:
    if show == "misses":
        out.rule(f"missed core gold events ({len(s.misses)}, strict)")
        for g in s.misses:
            sym = "↔" if g.symmetric else "→"
            out.print(f"[bold]{g.id}[/bold] {g.source}{sym}{g.target} {g.code} {g.date or '—'}  {escape(g.evidence)}")
    else:
        out.rule(f"system events matching no gold event ({len(s.wrong)}, strict)")
        for ev, kind in s.wrong:
            out.print(
                f"[bold]{escape(ev.article)}[/bold] [{kind}] {ev.source.key}→{ev.target.key} {ev.cameo} "
                f"{ev.date or '—'}  {escape(ev.evidence.sentence)}"
            )


gold_app = typer.Typer(help="Gold-standard files.", no_args_is_help=True)
app.add_typer(gold_app, name="gold")


@gold_app.command("check")
def gold_check(
    gold_file: Annotated[Path, typer.Argument(metavar="GOLD.jsonl")],
    articles: Annotated[
        Path | None, typer.Option(help="Folder of the articles: each evidence must occur in its article.")
    ] = None,
) -> None:
    """Validate a gold file against the guidelines (fields, codes, roots, dates, evidence)."""
    from warta.gold import check_gold

    problems = check_gold(gold_file, articles)
    for p in problems:
        err.print(f"[red]invalid[/red] {escape(p)}")
    if problems:
        out.print(f"{len(problems)} problem(s) in {gold_file}")
        raise typer.Exit(1)
    n = sum(1 for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip())
    out.print(f"{gold_file}: {n} gold events, all valid" + (f" (evidence checked in {articles})" if articles else ""))


lexicon_app = typer.Typer(help="The trigger lexicon: its size, and the words it does not cover.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("gaps")
def lexicon_gaps(
    inputs: Annotated[list[Path], typer.Argument(metavar="INPUT...", help="Files, folders or feeds (a corpus).")],
    top: Annotated[int, typer.Option("--top", "-n", help="How many gaps to list.", min=0)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Size limit of one page or one feed record.")] = 5_000_000,
    dict_dir: DictDirOption = None,
) -> None:
    """Coverage of candidate sentences (two actors, on topic) by the lexicon, and the uncovered words by frequency."""
    from warta.coder import run_paths
    from warta.dicts import using
    from warta.gaps import GapReport, add_article, lexicon_size
    from warta.pipeline import Pipeline

    overlay = _dicts(dict_dir)
    report = GapReport()
    failed = 0
    with Counter("reading", quiet=as_json) as bar, using(overlay):
        for read in run_paths(inputs, Pipeline("clean", "metadata", "sentences", "actors"), max_bytes):
            if read.error is not None:
                failed += 1
                err.print(f"[red]error[/red] {escape(str(read.error))}")
                continue
            assert read.article is not None
            add_article(report, read.article)
            bar.advance()
        size = lexicon_size()
    gaps = report.top(top)
    if as_json:
        data = {
            "articles": report.articles, "candidate_sentences": report.candidates,
            "covered_by_trigger": report.by_trigger, "covered_by_nonevent": report.by_nonevent,
            "coverage": round(report.coverage, 4), "lexicon": size,
            "gaps": [{"lemma": g.lemma, "sentences": g.sentences, "forms": dict(g.forms.most_common(5)),
                      "example": g.example} for g in gaps],
        }  # fmt: skip
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(
            f"lexicon: {size['senses']} trigger senses ({size['forms']} surface forms), "
            f"{size['nonevents']} non-event entries"
        )
        out.print(
            f"{report.articles} articles, {report.candidates} candidate sentences (two actors, on topic): "
            f"[bold]{report.coverage:.1%} covered[/bold] — {report.by_trigger} by a trigger, "
            f"{report.by_nonevent} by a non-event entry only"
        )
        if gaps:
            table = Table(title=f"The {len(gaps)} most frequent uncovered words")
            for col in ("lemma", "sentences", "forms", "example"):
                table.add_column(col, overflow="fold")
            for g in gaps:
                forms = ", ".join(f for f, _ in g.forms.most_common(4))
                table.add_row(g.lemma, str(g.sentences), forms, escape(g.example[:160]))
            out.print(table)
    if failed:
        raise typer.Exit(1)


@contextlib.contextmanager
def _output(path: Path) -> Iterator[Any]:
    """An output file opened for writing; a failure names the file instead of a traceback."""
    try:
        fh = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise _fail(f"{path}: cannot write: {exc.strerror or exc}") from None
    with fh:
        yield fh


def main() -> None:
    """Console-script entry point: errors Warta expects end in one line, not a traceback."""
    import sqlite3

    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    try:
        app()
    except WartaError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(2)
    except sqlite3.DatabaseError as exc:
        err.print(f"[red]error:[/red] the store cannot be read: {escape(str(exc))}")
        sys.exit(2)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err.print(f"[red]error:[/red] {escape(where + (exc.strerror or str(exc)))}")
        sys.exit(2)
