"""The API at scale: keyset pagination of events (``after`` / ``next``) in the order offset pages give,
totals counted only as far as needed, timelines without ids, and the read cache emptied when the
store changes. The tests run against SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DIALECTS, make_article
from warta import ontology
from warta.api import create_app
from warta.fuse import fuse_pending
from warta.pipeline import Pipeline
from warta.store import queries
from warta.store.db import Store, connect, data_version
from warta.store.queries import EventFilter

ACTORS = ["IDN", "USA", "CHN", "RUS"]
CODES = ["010", "036", "042", "057", "112", "173", "190"]


@pytest.fixture(scope="module", params=DIALECTS)
def db(request, tmp_path_factory):
    """A store of 400 events: dates at every precision, many on the same day, some undated, some
    negated or hypothetical; self-dyads too. Once in each dialect."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("scale") / "s.db")
    else:
        path = request.getfixturevalue("pg_databases")()
    rnd = random.Random(7)
    conn = connect(path)
    conn.execute("BEGIN")
    for n in range(10):
        conn.execute(
            """INSERT INTO articles (ref, source, format, outlet, published, text, paragraphs, content_hash,
                   ingested_at) VALUES (?, ?, 'feed', 'ANTARA', '2024-03-01', '', '[]', ?, '2024-03-01T00:00:00')""",
            (f"a{n}", f"a{n}", f"h{n}"),
        )
    for n in range(400):
        code = rnd.choice(CODES)
        date = rnd.choice([None, "2023", "2024-02", "2024-02-10", "2024-02-10", f"2024-0{rnd.randint(1, 4)}-1{n % 10}"])
        record = {"event_id": f"e{n:03d}", "article": "a", "cameo": code, "date": date, "mentions": [0],
                  "source": {"code": "X"}, "target": {"code": "Y"}, "evidence": {"sentence": "s"}}  # fmt: skip
        conn.execute(
            """INSERT INTO events (event_id, article_id, date, source_actor, target_actor, cameo, cameo_root,
                   quad_class, goldstein, negated, hypothetical, sentence, confidence, record)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.7, ?)""",
            (f"e{n:03d}", rnd.randint(1, 10), date, rnd.choice(ACTORS), rnd.choice(ACTORS), code, code[:2],
             ontology.quad_class(code), ontology.goldstein(code), int(rnd.random() < 0.1), int(rnd.random() < 0.05),
             rnd.choice(["bertemu menteri", "mengecam serangan"]), json.dumps(record)),
        )  # fmt: skip
    fuse_pending(conn)
    conn.execute("COMMIT")
    conn.close()
    return path


@pytest.fixture()
def client(db, monkeypatch):
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    return TestClient(create_app(db))


FILTERS = [
    {}, {"actor": "IDN"}, {"dyad": "IDN-USA"}, {"dyad": "IDN-USA", "directed": True}, {"dyad": "RUS-RUS"},
    {"actor": "CHN", "dyad": "CHN-USA"}, {"actor": "USA", "from": "2024-02", "to": "2024-03-15"},
    {"actor": "IDN", "include_unreal": True}, {"code": "04"}, {"dyad": "CHN-IDN", "text": "menteri"},
]  # fmt: skip


def reference(db, params: dict) -> list[str]:
    """The event ids of a filter in the order a single sorted query gives (the list before keyset pages)."""
    flt = EventFilter(
        actor=params.get("actor"), dyad=tuple(params["dyad"].split("-")) if "dyad" in params else None,
        directed=params.get("directed", False), date_from=params.get("from"), date_to=params.get("to"),
        code=params.get("code"), text=params.get("text"), include_unreal=params.get("include_unreal", False),
    )  # fmt: skip
    where, args = queries._event_where(flt)
    with Store(db) as store:
        sql = f"SELECT e.event_id FROM events e{where} ORDER BY e.date IS NULL, e.date, e.event_id"
        return [r[0] for r in store.conn.execute(sql, args)]


@pytest.mark.parametrize("params", FILTERS)
def test_keyset_pages_walk_the_same_order_as_offset_pages(client, db, params):
    expected = reference(db, params)
    assert expected  # every filter matches something
    walked, cursor, pages = [], None, 0
    while True:
        query = {**params, "limit": 7, **({"after": cursor} if cursor else {})}
        body = client.get("/api/events", params=query).json()
        walked += [e["event_id"] for e in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert walked == expected and pages == -(-len(expected) // 7)
    by_offset = []
    for offset in range(0, len(expected), 7):
        page = client.get("/api/events", params={**params, "limit": 7, "offset": offset}).json()
        by_offset += [e["event_id"] for e in page["items"]]
    assert by_offset == expected


def test_total_is_capped_unless_counted(client, db, monkeypatch):
    every = len(reference(db, {}))
    monkeypatch.setattr(queries, "COUNT_CAP", 5)
    page = client.get("/api/events", params={"limit": 3}).json()
    assert (page["total"], page["total_exact"]) == (5, False) and page["next"]
    page = client.get("/api/events", params={"limit": 3, "count": True}).json()
    assert (page["total"], page["total_exact"]) == (every, True)
    last = client.get("/api/events", params={"limit": 50, "offset": every - 2}).json()  # the last page counts itself
    assert (last["total"], last["total_exact"], last["next"], len(last["items"])) == (every, True, None, 2)
    idn = len(reference(db, {"actor": "IDN"}))
    assert queries.count_events(connect(db), EventFilter(actor="IDN"), cap=1000) == idn
    assert queries.count_events(connect(db), EventFilter(actor="IDN"), cap=10) == 11  # cap + 1: more than the cap


def test_a_capped_count_is_the_exact_count_up_to_the_cap(db):
    """Each side counted from its index, and the actor's events to itself taken once: the same
    number as a full count, up to cap + 1, for actors, dyads (self-dyads too), dates and codes."""
    conn = connect(db)
    filters = [EventFilter(include_unreal=True), EventFilter(code="0"), EventFilter(date_from="2024-02")]
    for a in ACTORS:
        filters += [EventFilter(actor=a), EventFilter(actor=a, include_unreal=True), EventFilter(actor=a, code="1")]
        filters += [EventFilter(dyad=(a, b), directed=d) for b in ACTORS for d in (False, True)]
        filters.append(EventFilter(actor=a, date_from="2024-02-10", date_to="2024-03"))
    for f in filters:
        exact = queries.count_events(conn, f)
        for cap in (0, 3, exact - 1, exact, exact + 5):
            if cap >= 0:
                assert queries.count_events(conn, f, cap=cap) == min(cap + 1, exact), (f, cap)
    assert any(queries.count_events(conn, EventFilter(dyad=(a, a))) for a in ACTORS)  # self-dyads are counted
    conn.close()


def test_a_bad_cursor_is_refused_naming_the_parameter(client):
    for bad in ("nonsense", "e30", queries.encode_cursor(("2024", "x"))[:-3] + "!!"):
        res = client.get("/api/events", params={"after": bad})
        assert res.status_code == 400 and res.json()["detail"].startswith("after:")


def test_timeline_without_ids_and_the_openapi_description(client):
    full = client.get("/api/timeline", params={"actor": "IDN", "other": "USA"}).json()
    lean = client.get("/api/timeline", params={"actor": "IDN", "other": "USA", "ids": False}).json()
    assert all(p["canonical_ids"] is None for p in lean["periods"])
    assert [p["events"] for p in lean["periods"]] == [p["events"] for p in full["periods"]]
    spec = client.get("/api/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"after", "count", "offset"} <= params
    assert "ids" in {p["name"] for p in spec["paths"]["/api/timeline"]["get"]["parameters"]}
    assert {"next", "total_exact", "total"} <= set(spec["components"]["schemas"]["EventPage"]["properties"])


@pytest.mark.parametrize("cache", ["1", "0"])
def test_answers_follow_the_store_as_it_changes(new_db, monkeypatch, cache):
    monkeypatch.setenv("WARTA_API_CACHE", cache)
    path = new_db("w")
    Store(path).close()
    client = TestClient(create_app(path))
    params = {"actor": "JPN", "other": "PRK", "by": "year"}
    assert client.get("/api/timeline", params=params).json()["events"] == 0
    assert client.get("/api/events", params={"actor": "JPN"}).json()["total"] == 0
    assert client.get("/api/actors").json() == []
    text = ("Jepang Kecam Korea Utara\nTokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara pada Senin "
            "(3/6/2024) setelah uji coba rudal balistik.\n")  # fmt: skip
    with Store(path) as store:  # another connection writes, as an ingest or another server process would
        store.add(Pipeline()(make_article(text, ref="jpn")))
    assert client.get("/api/timeline", params=params).json()["events"] == 1
    assert client.get("/api/events", params={"actor": "JPN"}).json()["total"] >= 1
    assert {a["code"] for a in client.get("/api/actors").json()} >= {"JPN", "PRK"}


def test_the_change_signal_moves_when_another_connection_commits_a_write(new_db):
    path = new_db("v")
    with Store(path) as writer:
        reader = connect(path, readonly=True)
        before = data_version(reader)
        reader.execute("SELECT count(*) FROM events").fetchone()
        assert data_version(reader) == before  # reads move nothing
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute(
            """INSERT INTO articles (ref, source, format, text, paragraphs, content_hash, ingested_at)
               VALUES ('x', 'x', 'text', '', '[]', 'hx', '2024-03-01T00:00:00')"""
        )
        assert data_version(reader) == before  # not before the commit
        writer.conn.execute("COMMIT")
        after = data_version(reader)
        assert after != before
        writer.conn.execute("DELETE FROM articles WHERE ref = 'x'")  # a write outside BEGIN, too
        assert data_version(reader) not in (before, after)
        reader.close()


def test_the_cache_answers_again_until_another_connection_writes(new_db, monkeypatch):
    from warta import analysis

    monkeypatch.setenv("WARTA_API_CACHE", "1")
    path = new_db("c")
    Store(path).close()
    computed = []
    real = analysis.timeline
    monkeypatch.setattr(analysis, "timeline", lambda *a, **kw: computed.append(1) or real(*a, **kw))
    params = {"actor": "JPN", "other": "PRK", "by": "year"}
    with TestClient(create_app(path)) as client:  # one event loop: its worker thread and connection stay
        for _ in range(3):
            assert client.get("/api/timeline", params=params).json()["events"] == 0
        assert len(computed) == 1  # the cache answered the second and third time
        text = ("Jepang Kecam Korea Utara\nTokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara pada "
                "Senin (3/6/2024) setelah uji coba rudal balistik.\n")  # fmt: skip
        with Store(path) as store:
            store.add(Pipeline()(make_article(text, ref="jpn")))
        for _ in range(2):
            assert client.get("/api/timeline", params=params).json()["events"] == 1
        assert len(computed) == 2  # computed again after the write, then cached again


def test_the_read_cache_keeps_its_bounds_and_drops_stale_answers():
    from warta.api import ReadCache

    cache = ReadCache(entries=3, max_bytes=10, total_bytes=20)
    generation, body = cache.get("a")
    assert body is None
    cache.put("a", generation, b"x" * 11)  # over the size of one answer: not kept
    assert cache.get("a")[1] is None
    for key in "bcd":
        cache.put(key, generation, b"y" * 8)  # 24 bytes: the oldest goes
    assert [cache.get(k)[1] is not None for k in "bcd"] == [False, True, True]
    stale = cache.get("e")[0]
    cache.clear()  # the store changed while "e" was computed
    cache.put("e", stale, b"z")
    assert cache.get("e")[1] is None and cache.get("c")[1] is None


def test_a_kept_answer_comes_back_before_the_app_parses_the_request(db, monkeypatch):
    from warta import api

    monkeypatch.setenv("WARTA_API_CACHE", "1")
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    with TestClient(create_app(db)) as client:
        params = {"actor": "IDN", "limit": 5}
        first = client.get("/api/events", params=params)
        assert first.status_code == 200

        def broken(*_: object) -> None:
            raise AssertionError("the request was parsed again")

        monkeypatch.setattr(api, "_actor", broken)  # the app can no longer answer about an actor
        again = client.get("/api/events", params=params)
        assert (again.status_code, again.content) == (200, first.content)
        assert again.headers["content-type"] == "application/json"
        assert int(again.headers["content-length"]) == len(first.content)
        with pytest.raises(AssertionError, match="parsed again"):
            client.get("/api/events", params={"actor": "USA", "limit": 5})  # not kept: the app parses it


def test_a_kept_answer_still_needs_the_token_when_reads_are_protected(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_CACHE", "1")
    monkeypatch.setenv("WARTA_API_PROTECT_READS", "1")
    monkeypatch.setenv("WARTA_API_TOKEN", "s3cret")
    with TestClient(create_app(db)) as client:
        params = {"actor": "IDN", "other": "USA", "by": "year", "ids": False}
        good = client.get("/api/timeline", params=params, headers={"Authorization": "Bearer s3cret"})
        assert good.status_code == 200
        assert client.get("/api/timeline", params=params).status_code == 401
        wrong = client.get("/api/timeline", params=params, headers={"X-API-Token": "guess"})
        assert wrong.status_code == 401
        kept = client.get("/api/timeline", params=params, headers={"X-API-Token": "s3cret"})
        assert (kept.status_code, kept.content) == (200, good.content)


def test_many_requests_for_one_new_answer_compute_it_once():
    import threading
    import time

    from warta.api import ReadCache

    cache = ReadCache()
    calls, arrived = [], []

    def make() -> bytes:
        calls.append(1)
        deadline = time.monotonic() + 10
        while len(arrived) < 8 and time.monotonic() < deadline:  # until every request has come
            time.sleep(0.01)
        time.sleep(0.2)  # and reached the cache
        return b"answer"

    def ask(out: list) -> None:
        generation, _ = cache.get("k")
        arrived.append(1)
        out.append(cache.compute("k", generation, make))

    got: list = []
    threads = [threading.Thread(target=ask, args=(got,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [b"answer"] * 8 and len(calls) == 1
    assert cache.get("k")[1] == b"answer"

    def failing() -> bytes:
        raise ValueError("bad request")

    generation = cache.get("x")[0]
    with pytest.raises(ValueError, match="bad request"):
        cache.compute("x", generation, failing)
    assert cache.compute("x", generation, lambda: b"later") == b"later"  # a failure is not kept
    stale = cache.get("y")[0]
    cache.clear()
    assert cache.compute("y", stale, lambda: b"old") == b"old" and cache.get("y")[1] is None  # nor a stale one


def test_a_page_of_fused_events_is_the_same_page_of_every_one(db):
    """Read from each side's index and merged, a page of fused events is the page of the whole list
    (undated first, then by date and id), with its total exact or capped, for actors, dyads,
    directions, date bounds and periods of every kind."""
    from warta import analysis

    conn = connect(db)
    cases = [{}, {"date_from": "2024-02"}, {"date_to": "2024-02-10"}, {"date_from": "2023", "date_to": "2024-03"}]
    periods = [("2024-02", "month"), ("2024-Q1", "quarter"), ("2024", "year"), ("2024-W06", "week"),
               ("2024-02-10", "day"), ("2023", "year")]  # fmt: skip
    cases += [{"period": p, "by": by} for p, by in periods]
    checked = 0
    for a in ACTORS:
        for b in [None, *ACTORS]:
            for directed in (False, True) if b else (False,):
                for case in cases:
                    every = [
                        r["canonical_id"] for r in analysis.canonical_events(conn, a, b, directed=directed, **case)
                    ]
                    for limit, offset in [(5, 0), (3, 4), (200, 0), (7, len(every) - 2)]:
                        offset = max(0, offset)
                        rows, total = analysis.fused_page(conn, a, b, directed=directed, limit=limit, offset=offset,
                                                          **case)  # fmt: skip
                        assert [r["canonical_id"] for r in rows] == every[offset : offset + limit], (a, b, case)
                        assert total == len(every)
                        checked += bool(rows)
                    for cap in (0, 2, len(every)):
                        assert analysis.fused_page(conn, a, b, directed=directed, cap=cap, **case)[1] == min(
                            cap + 1, len(every)
                        )
    assert checked > 100
    conn.close()


def test_fused_events_are_paged_with_a_capped_total_and_a_checked_period(client, db, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    page = client.get("/api/fused", params={"actor": "IDN", "limit": 2}).json()
    assert (page["total"], page["total_exact"], len(page["items"])) == (3, False, 2)
    counted = client.get("/api/fused", params={"actor": "IDN", "limit": 2, "count": True}).json()
    assert counted["total_exact"] and counted["total"] > 3
    for bad in ("2024-2", "2024-13", "june", "2024-02-01"):
        res = client.get("/api/fused", params={"actor": "IDN", "by": "month", "period": bad})
        assert res.status_code == 400 and "period" in res.json()["detail"], bad


def test_a_page_past_every_event_is_empty_in_both_stores(client):
    from warta.api import MAX_ID

    for path, params in [
        ("/api/events", {"actor": "IDN"}),
        ("/api/events", {"limit": 500}),
        ("/api/fused", {"actor": "IDN"}),
    ]:
        res = client.get(path, params={**params, "offset": MAX_ID})
        assert res.status_code == 200 and res.json()["items"] == [], (path, res.text)


def test_reads_are_computed_in_a_few_threads_and_all_answered(db, monkeypatch):
    """Many reads at once are computed at most READ_THREADS at a time (more threads only queue on
    Python's global lock), and every one is answered."""
    import asyncio
    import threading
    import time

    from warta import analysis, api

    monkeypatch.setenv("WARTA_API_CACHE", "0")
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    monkeypatch.delenv("WARTA_API_READ_THREADS", raising=False)
    running, most, lock = [0], [0], threading.Lock()
    real = analysis.timeline

    def slow(*args, **kwargs):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.1)
        with lock:
            running[0] -= 1
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "timeline", slow)
    app = create_app(db)

    async def get(query: str) -> int:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": "/api/timeline", "raw_path": b"/api/timeline", "root_path": "",
                 "query_string": query.encode(), "headers": [(b"host", b"t")], "client": ("127.0.0.1", 1),
                 "server": ("127.0.0.1", 80)}  # fmt: skip
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        return sent[0]["status"]

    async def burst() -> list[int]:
        return await asyncio.gather(*(get(f"actor={a}&by=year") for a in ACTORS * 2))

    assert asyncio.run(burst()) == [200] * 8
    assert most[0] == api.READ_THREADS


def test_a_bad_number_of_read_threads_is_refused_naming_the_setting(db, monkeypatch):
    from warta.errors import WartaError

    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("WARTA_API_READ_THREADS", bad)
        with pytest.raises(WartaError, match="WARTA_API_READ_THREADS"):
            create_app(db)
    monkeypatch.setenv("WARTA_API_READ_THREADS", "3")
    create_app(db)
