"""The HTTP API and the dashboard: a thin FastAPI layer over the store's query functions.

``create_app(db)`` builds the app; ``warta serve`` runs it. Reads are open unless
``WARTA_API_PROTECT_READS=1``; writes (``POST /api/articles``) always need the token in
``WARTA_API_TOKEN``, sent as ``Authorization: Bearer TOKEN`` or ``X-API-Token: TOKEN``. With no
token configured, writes are refused (403). Bad filters are 400 with a message naming the field.
The dashboard (``/``) and its assets are served from the package, with nothing from the network.
The answers' shapes are the models of :mod:`warta.api_models`. Each server process keeps the answers
of timelines, event pages and the actor list until the store changes (:class:`ReadCache`;
``WARTA_API_CACHE=0`` turns it off).
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import json
import os
import re
import secrets
import sqlite3
import threading
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as FPath
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from warta import __version__, analysis, ontology
from warta import api_models as m
from warta.article import Article
from warta.dicts import Overlay
from warta.errors import WartaError
from warta.store import queries
from warta.store.db import Store, connect, data_version

MAX_LIMIT = 500
MAX_ARTICLE_BYTES = 5_000_000
"""The size limit of one posted article, as for files (``warta ingest --max-bytes``)."""
MAX_BODY_BYTES = 2 * MAX_ARTICLE_BYTES + 100_000
"""The largest request body read: an article's text and HTML at their limits, and its fields."""
WRITE_WAIT = 10.0
"""Seconds a write waits for a batch ingest's transaction before the API answers 503."""
RETRY_AFTER = "5"
MAX_ID = 2**63 - 1
"""SQLite's largest integer: larger ids and offsets are refused, not overflowed."""
_ACTOR = re.compile(r"^[A-Z][A-Z0-9]{1,2}$")
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many items to return, 1–{MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="How many items to skip (pagination).")]
SearchQuery = Annotated[
    str, Query(min_length=2, max_length=queries.MAX_TEXT_FILTER, description="Words to find (all must occur).")
]
TextFilter = Annotated[
    str | None, Query(max_length=queries.MAX_TEXT_FILTER, description="Words to find (full text); leave out to list.")
]
_ACTOR_HELP = "A state (ISO 3166-1 alpha-3, KOR) or an organisation code (UNO)."
ActorQ = Annotated[str, Query(description=_ACTOR_HELP + " Required.")]
OtherQ = Annotated[
    str | None,
    Query(description="The other actor of the dyad (as `actor`); leave out for all of the actor's partners."),
]
DirectedQ = Annotated[bool, Query(description="Only events from `actor` to `other`, not in both directions.")]
FromQ = Annotated[
    str | None, Query(alias="from", description="Earliest date, an ISO date or prefix: 2024, 2024-06, 2024-06-21.")
]
ToQ = Annotated[str | None, Query(alias="to", description="Latest date, an ISO date or prefix (included).")]
ByQ = Annotated[str, Query(description="The period: day, week (ISO, 2024-W25), month, quarter (2024-Q2) or year.")]
CountQ = Annotated[
    bool,
    Query(description=f"Count every match for `total`; otherwise `total` is exact up to {queries.COUNT_CAP:,} and "
                      "`total_exact` says whether it is."),
]  # fmt: skip
ArticleIdP = Annotated[int, FPath(ge=0, le=MAX_ID, description="The article's id in the store.")]
CanonicalIdP = Annotated[int, FPath(ge=0, le=MAX_ID, description="The fused event's id.")]
READ_THREADS = 2
"""Threads a server process computes reads in (``WARTA_API_READ_THREADS``). Reads hold Python's
global lock for most of their work and let it go at every row the store returns; with more threads
than cores' worth of work, each waits at every row for the others (a convoy): on two cores, 2 threads
a process served 20 clients 20–40% more requests a second than FastAPI's pool of 40, at a third
of the p95. Writes keep that pool, so a write waiting for the store never holds up the reads."""
CACHE_ENTRIES = 512
"""How many answers of reads (timelines, event pages, actors) a server process keeps (``WARTA_API_CACHE=0``: none)."""
CACHE_MAX_BYTES = 2_000_000
"""Larger answers are not kept."""
CACHE_TOTAL_BYTES = 64_000_000
"""The most a server process's kept answers weigh together."""
_HIT = ("\ue000", "\ue001")
"""Marks of a search hit in a snippet (private-use characters, which news text does not contain)."""


class ArticleIn(BaseModel):
    """A new article, as one line of a JSON Lines feed."""

    id: str = Field(min_length=1, max_length=300)
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None


def _bad(field: str, message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=f"{field}: {message}")


def _actor(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    value = value.upper()
    if not _ACTOR.match(value):
        raise _bad(field, f"an actor is a state (KOR) or organisation code (UNO), not {value!r}")
    return value


def _dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    try:
        queries.check_date_range(date_from, date_to)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    return date_from, date_to


def token_matches(given: str | None, token: str | None) -> bool:
    """Constant-time comparison of a presented token with the configured one (any characters).

    Header values arrive as bytes decoded as Latin-1; encoding them back gives the bytes sent,
    which are compared with the configured token's UTF-8 bytes.
    """
    if not token or given is None:
        return False
    try:
        sent = given.encode("latin-1")
    except UnicodeEncodeError:
        sent = given.encode("utf-8", "surrogateescape")
    return secrets.compare_digest(sent, token.encode("utf-8", "surrogateescape"))


def presented_token(authorization: str | None, x_api_token: str | None) -> str | None:
    """The token a request presents: ``X-API-Token``, or ``Authorization: Bearer …``."""
    if x_api_token:
        return x_api_token
    if authorization and authorization.startswith("Bearer "):
        return authorization[7:]
    return None


def write_refusal(authorization: str | None, x_api_token: str | None) -> tuple[int, str] | None:
    """Why a write is refused (status, message), or None when its token is right."""
    token = os.environ.get("WARTA_API_TOKEN")
    if not token:
        return 403, "writes are disabled: set WARTA_API_TOKEN on the server"
    if not token_matches(presented_token(authorization, x_api_token), token):
        return 401, "a valid token is needed (Authorization: Bearer …)"
    return None


class BodyGuard:
    """ASGI middleware for writes: the token is checked from the headers before any of the body
    is read, and a body over ``max_bytes`` is refused with 413 as soon as it is announced or,
    when streamed, as soon as it passes the limit; nothing larger is ever held in memory."""

    def __init__(self, app: Any, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        refusal = write_refusal(headers.get("authorization"), headers.get("x-api-token"))
        if refusal is not None:
            await _send_json(send, refusal[0], refusal[1])
            return
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_bytes):
            await _send_json(send, 413, f"request body of {length} bytes is over the {self.max_bytes} limit")
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await _send_json(send, 413, f"request body is over the {self.max_bytes} limit")
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    """A request's headers by lowercase name (values as sent, read as Latin-1)."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


async def _send_json(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


IN_THREAD_BYTES = 200_000
"""Posted articles up to this size are processed in the server's own thread pool (milliseconds);
larger ones in a worker process, so that seconds of coding do not hold up the reads."""
_pool: Any = None
_pool_lock = threading.Lock()


def _worker_pool() -> Any:
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            atexit.register(_pool.shutdown)  # before the interpreter tears down the pool's modules
        return _pool


def _run_pipeline(art: Article, dicts: Overlay | None = None) -> Article:
    from warta.pipeline import Pipeline

    return Pipeline(dicts=dicts)(art)


def process_posted(art: Article, size: int, dicts: Overlay | None = None) -> Article:
    """Run the pipeline on a posted article (with a user's dictionaries ``dicts``, if given): in this
    thread when small, else in the worker process.

    Raises:
        HTTPException: 503 when the worker process died (it is started again for the next one).
    """
    if size <= IN_THREAD_BYTES:
        return _run_pipeline(art, dicts)
    from concurrent.futures.process import BrokenProcessPool

    global _pool
    try:
        return _worker_pool().submit(_run_pipeline, art, dicts).result()
    except BrokenProcessPool:
        with _pool_lock:
            _pool = None
        raise HTTPException(
            status_code=503, headers={"Retry-After": RETRY_AFTER}, detail="the coding worker stopped; retry"
        ) from None


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _period(by: str) -> str:
    if by not in analysis.PERIODS:
        raise _bad("by", f"one of {', '.join(analysis.PERIODS)}, not {by!r}")
    return by


def _read_threads() -> int:
    """``WARTA_API_READ_THREADS``, or :data:`READ_THREADS`.

    Raises:
        WartaError: not a whole number of at least 1.
    """
    value = os.environ.get("WARTA_API_READ_THREADS", "").strip()
    if not value:
        return READ_THREADS
    if not value.isdigit() or int(value) < 1:
        raise WartaError(f"WARTA_API_READ_THREADS: a whole number of at least 1, not {value!r}")
    return int(value)


def app_from_environment() -> FastAPI:
    """The app each worker process of ``warta serve --workers N`` builds: the store in
    ``WARTA_SERVE_DB``, the user's dictionaries in ``WARTA_DICT_DIR`` (if set)."""
    from warta import dicts as user_dicts

    folder = os.environ.get("WARTA_DICT_DIR")
    overlay = user_dicts.open_overlay(folder) if folder else None
    return create_app(os.environ["WARTA_SERVE_DB"], overlay)


def create_app(db: str | Path, dicts: Overlay | None = None) -> FastAPI:
    """The API over the store at ``db`` (created and migrated if new); posted articles are coded
    with the user's dictionaries ``dicts`` over the bundled ones, when given."""
    db = str(db)
    Store(db).close()  # migrate once, up front
    write_lock = threading.Lock()
    app = FastAPI(
        title="Warta",
        description="Political event data from Indonesian news: articles, coded events, fused events, timelines.",
        version=__version__,
        docs_url=None,
        redoc_url=None,
    )
    local = threading.local()
    threads = _read_threads()
    limiter: list[Any] = [None, None]  # the event loop, and its limiter of the read threads

    def on_read_threads(endpoint: Any) -> Any:
        """A read endpoint run in the read threads (:data:`READ_THREADS`), not FastAPI's pool of 40."""
        import anyio.to_thread

        @functools.wraps(endpoint)
        async def run(*args: Any, **kwargs: Any) -> Any:
            loop = asyncio.get_running_loop()
            if limiter[0] is not loop:  # one limiter an event loop (a test client may start several)
                limiter[:] = [loop, anyio.CapacityLimiter(threads)]
            return await anyio.to_thread.run_sync(functools.partial(endpoint, *args, **kwargs), limiter=limiter[1])

        return run

    cache = ReadCache() if os.environ.get("WARTA_API_CACHE", "1") != "0" else None

    def conn() -> sqlite3.Connection:
        c = getattr(local, "conn", None)
        if c is None:
            c = connect(db)
            c.execute("PRAGMA query_only = ON")
            local.conn = c
            local.version = data_version(c)
            if cache is not None:  # a new connection cannot tell what changed before it opened
                cache.clear()
        return c

    def refresh() -> None:
        """Empty the cache if the store changed since this thread's connection last looked."""
        c = conn()
        version = data_version(c)
        if version != local.version:
            local.version = version
            cache.clear()  # type: ignore[union-attr]

    def cached(request: Request, compute: Any) -> Response:
        """The answer of a read, from the cache while the store is unchanged (``compute()`` otherwise).

        Each thread's connection tells whether another connection (an ingest, a posted article, another
        process) committed since its last look (:func:`~warta.store.db.data_version`: ``PRAGMA
        data_version`` in SQLite, a change counter in PostgreSQL); if so the cache is emptied, as it is
        when a thread opens its connection.
        """
        if cache is None:
            return _json(compute())
        refresh()
        key = cache_key(request.scope)
        generation, body = cache.get(key)
        if body is None:
            body = cache.compute(key, generation, lambda: _dumps(compute()))
        return Response(body, media_type="application/json")

    def token_ok(authorization: str | None, x_api_token: str | None) -> bool:
        return token_matches(presented_token(authorization, x_api_token), os.environ.get("WARTA_API_TOKEN"))

    async def read_access(
        authorization: Annotated[
            str | None, Header(description="`Bearer TOKEN`; needed only when reads are protected.")
        ] = None,
        x_api_token: Annotated[
            str | None,
            Header(description="The token, instead of `Authorization`; needed only when reads are protected."),
        ] = None,
    ) -> None:
        if os.environ.get("WARTA_API_PROTECT_READS") == "1" and not token_ok(authorization, x_api_token):
            raise HTTPException(status_code=401, detail="reads need the API token (WARTA_API_PROTECT_READS=1)")

    def write_access(
        authorization: Annotated[
            str | None, Header(description="`Bearer TOKEN` (the server's WARTA_API_TOKEN).")
        ] = None,
        x_api_token: Annotated[str | None, Header(description="The token, instead of `Authorization`.")] = None,
    ) -> None:
        refusal = write_refusal(authorization, x_api_token)
        if refusal is not None:
            raise HTTPException(status_code=refusal[0], detail=refusal[1])

    reads = [Depends(read_access)]

    @app.get("/api/articles", dependencies=reads, summary="List or search articles", response_model=m.ArticlePage)
    @on_read_threads
    def articles(q: TextFilter = None, limit: Limit = 50, offset: Offset = 0) -> Response:
        if q:
            hits = queries.search_articles(conn(), q, limit=limit, marks=_HIT)
            return _json({"total": len(hits), "items": [_hit(h) for h in hits]})
        rows = queries.list_articles(conn(), limit=limit, offset=offset)
        return _json({"total": queries.count_articles(conn()), "items": [_as_dict(r) for r in rows]})

    @app.get(
        "/api/articles/{article_id}", dependencies=reads, summary="One article: clean text, furniture, events",
        response_model=m.ArticleDetail,
    )  # fmt: skip
    @on_read_threads
    def article(article_id: ArticleIdP) -> Response:
        detail = queries.get_article(conn(), article_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id}")
        events = _named_all(
            queries.list_events(conn(), queries.EventFilter(article_id=article_id, include_unreal=True), 1000)
        )
        return _json({
            **_as_dict(detail.row), "url": detail.url, "dateline": detail.dateline, "outlet_rule": detail.outlet_rule,
            "published_rule": detail.published_rule, "published_source": detail.published_source,
            "text": detail.text, "paragraphs": detail.paragraphs,
            "dropped": [_as_dict(d) for d in detail.dropped],
            "problems": detail.problems, "events": events, "event_sentences": event_sentences(detail.text, events),
        })  # fmt: skip

    @app.get(
        "/api/events", dependencies=reads, summary="Coded events (one per article report), filtered",
        response_model=m.EventPage,
    )  # fmt: skip
    @on_read_threads
    def events(
        request: Request,
        actor: Annotated[str | None, Query(description=_ACTOR_HELP + " Events with it on either side.")] = None,
        dyad: Annotated[str | None, Query(description="Two actors, KOR-RUS: events between them.")] = None,
        directed: Annotated[bool, Query(description="Read `dyad` as source-target.")] = False,
        date_from: FromQ = None, date_to: ToQ = None,
        code: Annotated[str | None, Query(description="A CAMEO code or prefix: 04, 042.")] = None,
        quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1–4.")] = None,
        text: Annotated[
            str | None,
            Query(max_length=queries.MAX_TEXT_FILTER, description="Words the evidence sentence contains (literally)."),
        ] = None,
        include_unreal: Annotated[bool, Query(description="Include negated and hypothetical events.")] = False,
        limit: Limit = 100, offset: Offset = 0,
        after: Annotated[
            str | None,
            Query(max_length=2000, description="Keyset pagination: the `next` of the previous page (same filters); "
                                               "the page starts after its last event. Faster than `offset` deep in a "
                                               "large store."),
        ] = None,
        count: CountQ = False,
    ) -> Response:  # fmt: skip
        date_from, date_to = _dates(date_from, date_to)
        flt = queries.EventFilter(
            actor=_actor(actor, "actor"), dyad=_dyad(dyad), directed=directed, date_from=date_from,
            date_to=date_to, code=_code(code), quad_class=quad, text=text, include_unreal=include_unreal,
        )  # fmt: skip
        key = queries.decode_cursor(after) if after is not None else None

        def page() -> dict[str, Any]:
            items, last = queries.event_page(conn(), flt, limit=limit, offset=offset, after=key)
            if last is None and key is None and (items or offset == 0):
                total, exact = offset + len(items), True  # the last page: no need to count
            elif count:
                total, exact = queries.count_events(conn(), flt), True
            else:
                total = queries.count_events(conn(), flt, cap=queries.COUNT_CAP)
                exact = total <= queries.COUNT_CAP
                total = min(total, queries.COUNT_CAP)
            return {
                "total": total, "total_exact": exact, "limit": limit, "offset": offset,
                "next": queries.encode_cursor(last) if last is not None else None, "items": _named_all(items),
            }  # fmt: skip

        return cached(request, page)

    @app.get(
        "/api/events/{event_id}", dependencies=reads, summary="One coded event and its fused event",
        response_model=m.EventDetail,
    )  # fmt: skip
    @on_read_threads
    def event(event_id: Annotated[str, FPath(description="The event's `event_id`.")]) -> Response:
        row = conn().execute("SELECT record, canonical_id FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id}")
        return _json({"record": _named(json.loads(row["record"])), "canonical_id": row["canonical_id"]})

    @app.get(
        "/api/fused", dependencies=reads, summary="Fused events of an actor or dyad, optionally one period",
        response_model=m.FusedPage,
    )  # fmt: skip
    @on_read_threads
    def fused(
        actor: ActorQ, other: OtherQ = None, directed: DirectedQ = False, by: ByQ = "month",
        period: Annotated[
            str | None, Query(description="One period of `by`, as the timeline names it: 2024-06, 2024-Q2, 2024-W25.")
        ] = None,
        date_from: FromQ = None, date_to: ToQ = None, limit: Limit = 200, offset: Offset = 0,
        count: CountQ = False,
    ) -> Response:  # fmt: skip
        date_from, date_to = _dates(date_from, date_to)
        by = _period(by)
        if period is not None and not analysis.is_period(period, by):
            raise _bad("period", f"a period of {by} as the timeline names it (2024-06, 2024-Q2, 2024-W25), "
                                 f"not {period!r}")  # fmt: skip
        rows, total = analysis.fused_page(
            conn(), _actor(actor, "actor") or "", _actor(other, "other"), directed=directed, date_from=date_from,
            date_to=date_to, period=period, by=by, limit=limit, offset=offset,
            cap=None if count else queries.COUNT_CAP,
        )  # fmt: skip
        exact = count or total <= queries.COUNT_CAP
        return _json({"total": min(total, queries.COUNT_CAP) if not exact else total, "total_exact": exact,
                      "items": _named_all(rows)})  # fmt: skip

    @app.get(
        "/api/fused/{canonical_id}", dependencies=reads, summary="One fused event with every report",
        response_model=m.FusedDetail,
    )  # fmt: skip
    @on_read_threads
    def fused_one(canonical_id: CanonicalIdP) -> Response:
        detail = analysis.canonical_detail(conn(), canonical_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no fused event {canonical_id}")
        for mention in detail["mentions"]:
            _named(mention["record"])
        return _json(_named(detail))

    @app.get(
        "/api/timeline", dependencies=reads, summary="Dyad timeline (actor and other) or actor timeline",
        response_model=m.Timeline,
    )  # fmt: skip
    @on_read_threads
    def timeline(
        request: Request, actor: ActorQ, other: OtherQ = None, by: ByQ = "month", directed: DirectedQ = False,
        date_from: FromQ = None, date_to: ToQ = None,
        fill: Annotated[
            bool,
            Query(description="List the periods without events, from the first period to the last (or from `from` "
                              "to `to` when given); false lists only periods with events."),
        ] = True,
        ids: Annotated[
            bool,
            Query(description="List each period's fused events (`canonical_ids`); false leaves them null, which is "
                              "much faster for a busy actor in a large store (the counts come from pre-aggregated "
                              "period counts, the ids from the fused events themselves)."),
        ] = True,
    ) -> Response:  # fmt: skip
        date_from, date_to = _dates(date_from, date_to)
        a, b, by = _actor(actor, "actor") or "", _actor(other, "other"), _period(by)

        def compute() -> dict[str, Any]:
            try:
                tl = analysis.timeline(
                    conn(), a, b, by=by, directed=directed, date_from=date_from, date_to=date_to, fill=fill, ids=ids
                )
            except ValueError as exc:
                raise _bad("by, from, to", f"{exc} (fill=false)") from None
            for key in ("first", "last"):
                if tl[key]:
                    _named(tl[key])
            return tl

        return cached(request, compute)

    @app.get(
        "/api/actors", dependencies=reads, summary="Actors with fused events, most frequent first",
        response_model=list[m.Actor],
    )  # fmt: skip
    @on_read_threads
    def actors(request: Request) -> Response:
        return cached(request, actor_list)

    def actor_list() -> list[dict[str, Any]]:
        counts: dict[str, int] = {}
        for side in ("source_actor", "target_actor"):
            for code, n in conn().execute(  # the period counts at the year level: each fused event once
                f"""SELECT {side}, sum(events) FROM dyad_counts
                    WHERE events > 0 AND (plen = 4 OR (plen < 4 AND date_len = plen)) GROUP BY {side}"""
            ):
                counts[code] = counts.get(code, 0) + n
        out = []
        for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            name_id, name_en = ontology.actor_name(c, "id"), ontology.actor_name(c, "en")
            out.append({"code": c, "name": name_id, "name_id": name_id, "name_en": name_en, "events": n})
        return out

    @app.get(
        "/api/cameo", dependencies=reads, summary="CAMEO codes with their English and Indonesian names",
        response_model=list[m.CameoName],
    )  # fmt: skip
    def cameo(
        roots: Annotated[bool, Query(description="Only the 20 roots.")] = False,
    ) -> Response:
        return _json([
            {"code": c, "root": e.root, "name": ontology.cameo_name(c, "en"), "name_id": ontology.cameo_name(c, "id"),
             "quad_class": ontology.quad_class(c), "goldstein": e.goldstein}
            for c, e in sorted(ontology.codebook().items()) if not roots or c in ontology.ROOTS
        ])  # fmt: skip

    @app.get("/api/version", summary="The version of Warta serving", response_model=m.Version)
    def version() -> Response:
        return _json({"name": "warta", "version": __version__})

    @app.get(
        "/api/search", dependencies=reads, summary="Search articles (full text) and events (evidence)",
        response_model=m.SearchResult,
    )  # fmt: skip
    @on_read_threads
    def search(q: SearchQuery, limit: Limit = 20) -> Response:
        hits = queries.search_articles(conn(), q, limit=limit, marks=_HIT)
        evs = queries.list_events(conn(), queries.EventFilter(text=q), limit=limit)
        return _json({"articles": [_hit(h) for h in hits], "events": _named_all(evs)})

    @app.post("/api/articles", status_code=201, dependencies=[Depends(write_access)],
              summary="Add an article (feed format): cleaned, coded and fused at once",
              response_model=m.Posted)  # fmt: skip
    def add_article(item: ArticleIn) -> dict[str, Any]:
        from warta.errors import InputError
        from warta.record import records_from_article
        from warta.stages.read import article_from_record

        if not (item.text or item.html):
            raise HTTPException(status_code=400, detail="text or html: one of them is required")
        size = len((item.text or "").encode("utf-8")) + len((item.html or "").encode("utf-8"))
        if size > MAX_ARTICLE_BYTES:
            raise HTTPException(
                status_code=413, detail=f"article of {size} bytes is over the {MAX_ARTICLE_BYTES} limit"
            )
        try:
            art = article_from_record(item.model_dump(exclude_none=True), source=f"api:{item.id}")
        except InputError as exc:
            raise HTTPException(status_code=400, detail=exc.reason) from None
        art = process_posted(art, size, dicts)
        if not art.text.strip():
            raise HTTPException(status_code=422, detail="nothing left after cleaning")
        with write_lock, Store(db, timeout=WRITE_WAIT) as store:
            result = store.add(art)
            fused_ids = [r[0] for r in store.conn.execute(
                "SELECT DISTINCT canonical_id FROM events WHERE article_id = ? AND canonical_id IS NOT NULL",
                (result.article_id,),
            )]  # fmt: skip
        return {
            "status": result.status, "article_id": result.article_id, "duplicate_of": result.duplicate_of,
            "events": _named_all([r.to_dict() for r in records_from_article(art)]), "fused_ids": fused_ids,
        }  # fmt: skip

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_json() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(_web("docs.html"))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(_web("index.html"))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(_web("favicon.svg"), media_type="image/svg+xml")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        if not re.fullmatch(r"[\w.-]+\.(?:js|css|svg)", name):
            raise HTTPException(status_code=404, detail="not found")
        path = _web(name)
        if not path.exists():
            raise HTTPException(status_code=404, detail="not found")
        return FileResponse(path)

    @app.exception_handler(ValueError)
    def value_error(_: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(OverflowError)
    def overflow(_: Request, exc: OverflowError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": f"a number is out of range: {exc}"})

    @app.exception_handler(sqlite3.Error)
    def store_error(_: Request, exc: sqlite3.Error) -> JSONResponse:
        if _busy(exc):
            return JSONResponse(
                status_code=503, headers={"Retry-After": RETRY_AFTER},
                content={"detail": "the store is busy with another writer; retry shortly"},
            )  # fmt: skip
        return JSONResponse(
            status_code=503, headers={"Retry-After": RETRY_AFTER},
            content={"detail": f"the store cannot answer this request: {exc}"},
        )  # fmt: skip

    app.add_middleware(BodyGuard, max_bytes=MAX_BODY_BYTES)
    if cache is not None:
        app.add_middleware(CachedReads, cache=cache, refresh=refresh)

    return app


CACHED_PATHS = frozenset({"/api/events", "/api/timeline", "/api/actors"})
"""The reads whose answers :class:`ReadCache` keeps."""


def cache_key(scope: dict[str, Any]) -> str:
    """A read's key in the cache: its path and query string, as sent."""
    return f"{scope['path']}?{scope['query_string'].decode('latin-1')}"


class CachedReads:
    """ASGI middleware answering a read from :class:`ReadCache` before the app parses it.

    A cached answer was computed for the same path and query string, so its parameters were valid;
    only access (``WARTA_API_PROTECT_READS``) and freshness (``refresh``: empty the cache if the store
    changed) are checked again. Anything else, and every miss, goes on to the app, which computes the
    answer and keeps it. Parsing and validating a request's parameters costs about a millisecond,
    more than the lookup; on a busy server this is what lets a kept answer come back at once.
    """

    def __init__(self, app: Any, cache: ReadCache, refresh: Any) -> None:
        self.app, self.cache, self.refresh = app, cache, refresh

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in CACHED_PATHS:
            body = self._lookup(scope)
            if body is not None:
                headers = [(b"content-length", str(len(body)).encode("ascii")), (b"content-type", b"application/json")]
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

    def _lookup(self, scope: dict[str, Any]) -> bytes | None:
        if os.environ.get("WARTA_API_PROTECT_READS") == "1":
            headers = _headers(scope)
            given = presented_token(headers.get("authorization"), headers.get("x-api-token"))
            if not token_matches(given, os.environ.get("WARTA_API_TOKEN")):
                return None  # the app answers 401
        try:
            self.refresh()
        except sqlite3.Error:
            return None  # the app answers with the store's error
        return self.cache.get(cache_key(scope))[1]


class ReadCache:
    """Answers of reads (JSON bytes) by request, least recently used dropped first; emptied when the
    store changes. ``generation`` counts the emptyings, so that an answer computed before one is not
    stored after it."""

    def __init__(
        self, entries: int = CACHE_ENTRIES, max_bytes: int = CACHE_MAX_BYTES, total_bytes: int = CACHE_TOTAL_BYTES
    ) -> None:
        from collections import OrderedDict

        self.entries, self.max_bytes, self.total_bytes = entries, max_bytes, total_bytes
        self.size = 0
        self.generation = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._flights: dict[tuple[str, int], _Flight] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[int, bytes | None]:
        """The current generation and the cached answer, or None."""
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return self.generation, body

    def put(self, key: str, generation: int, body: bytes) -> None:
        with self._lock:
            if generation != self.generation or len(body) > self.max_bytes or key in self._items:
                return
            self._items[key] = body
            self.size += len(body)
            while len(self._items) > self.entries or self.size > self.total_bytes:
                self.size -= len(self._items.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0
            self.generation += 1

    def compute(self, key: str, generation: int, make: Any) -> bytes:
        """The answer ``make()`` gives for ``key``, kept; a request for the same key (in the same
        generation) arriving while it is computed waits for that answer instead of computing it again,
        so that many clients asking for one new answer at once cost one computation."""
        with self._lock:
            flight = self._flights.get((key, generation))
            leader = flight is None
            if flight is None:
                flight = self._flights[(key, generation)] = _Flight()
        if not leader:
            flight.done.wait()
            return flight.body if flight.body is not None else make()  # the first one failed: its own error
        try:
            flight.body = make()
            self.put(key, generation, flight.body)
            return flight.body
        finally:
            with self._lock:
                del self._flights[(key, generation)]
            flight.done.set()


class _Flight:
    """An answer being computed, and the signal that it is done (``body`` None: it failed)."""

    __slots__ = ("body", "done")

    def __init__(self) -> None:
        self.body: bytes | None = None
        self.done = threading.Event()


def _dumps(data: Any) -> bytes:
    """A read's answer as JSON bytes (orjson: several times faster than the json module on an events
    page or a long timeline, the same JSON)."""
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def _web(name: str) -> Path:
    return Path(str(resources.files("warta").joinpath("web", name)))


def _json(data: Any) -> Response:
    """A read's answer, sent as it is: its shape is the route's response model (published in the
    OpenAPI description; the tests check answers against it), not validated again on every read."""
    return Response(_dumps(data), media_type="application/json")


def _as_dict(obj: Any) -> dict[str, Any]:
    from dataclasses import asdict, is_dataclass

    return asdict(obj) if is_dataclass(obj) else dict(obj)


def _named(row: dict[str, Any]) -> dict[str, Any]:
    """An event record or fused event with its code's English and Indonesian names added."""
    code = row.get("cameo")
    if code and ontology.is_code(code):
        row["cameo_name"] = ontology.cameo_name(code, "en")
        row["cameo_name_id"] = ontology.cameo_name(code, "id")
    return row


def _named_all(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_named(r) for r in rows]


def _hit(hit: queries.SearchHit) -> dict[str, Any]:
    """A search hit, its snippet with the hits marked by [ and ], and in parts with the hits flagged."""
    out = _as_dict(hit)
    parts: list[dict[str, Any]] = []
    for i, piece in enumerate(re.split(f"[{_HIT[0]}{_HIT[1]}]", hit.snippet)):
        if piece:
            parts.append({"text": piece, "hit": i % 2 == 1})
    out["snippet"] = hit.snippet.replace(_HIT[0], "[").replace(_HIT[1], "]")
    out["snippet_parts"] = parts
    return out


def event_sentences(text: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where in an article's clean text the sentences that produced its events are.

    Each event's evidence sentence is a slice of the text; it is looked for in sentence order, so
    that a sentence repeated in the article is placed where the event's sentence index puts it.
    """
    found: dict[Any, dict[str, Any]] = {}
    cursor = 0
    for ev in sorted(events, key=lambda e: (e["evidence"].get("sentence_index") is None,
                                            e["evidence"].get("sentence_index") or 0)):  # fmt: skip
        sentence = ev["evidence"].get("sentence") or ""
        index = ev["evidence"].get("sentence_index")
        key = index if index is not None else sentence
        if key not in found:
            if not sentence:
                continue
            start = text.find(sentence, cursor)
            if start < 0:
                start = text.find(sentence)
            if start < 0:
                continue
            cursor = start
            found[key] = {"start": start, "end": start + len(sentence), "sentence_index": index,
                          "event_ids": [], "cameo": []}  # fmt: skip
        found[key]["event_ids"].append(ev["event_id"])
        found[key]["cameo"].append(ev["cameo"])
    return sorted(found.values(), key=lambda s: s["start"])


def _dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.upper().replace("–", "-").split("-")
    if len(parts) != 2 or not all(_ACTOR.match(p) for p in parts):
        raise _bad("dyad", f"two actors such as KOR-RUS, not {value!r}")
    return parts[0], parts[1]


def _code(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{2,4}", value):
        raise _bad("code", f"a CAMEO code or prefix such as 04 or 042, not {value!r}")
    return value
