"""Benchmark: API latency on a store holding the whole IndoSum corpus, coded and fused.

Ingests the feed into a temporary store (or uses ``--db``), starts ``warta serve`` in a separate
process on loopback, and sends requests from 20 concurrent clients (each on its own keep-alive
connection) to the events and timeline endpoints as the dashboard calls them (timelines without the
per-period fused ids); prints p50/p95/max latency and requests/s for each.

    python bench/bench_api.py [FEED.jsonl] [--db STORE|URL] [--clients 20] [--requests 2000] [--no-cache] [--workers 1]

``--no-cache`` starts the server with ``WARTA_API_CACHE=0``: every request is computed, none answered
from the server's cache of read answers (which the random choice among 12 actors mostly hits).
Otherwise each endpoint's requests are sent twice, and the second pass ("warm") shows the answers
kept by the first. The clients are coroutines on raw sockets (:func:`run_clients`), and they connect
once every server process has started (:func:`settle`).
``--db`` may be a PostgreSQL URL (``postgresql://user@host:port/name``): an empty database there is
filled with the feed first.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from common import parse_feed


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _article_count(db: str) -> int:
    from warta.store.db import Store

    with Store(db) as store:
        return int(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def _client(port: int, urls: list[str], out: list[float | None]) -> None:
    """One client: its own keep-alive connection (as a browser keeps one), a request at a time, each
    latency (or None: failed, or over 30 s) appended to ``out``."""
    conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while urls:
        url = urls.pop()
        t = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.open_connection("127.0.0.1", port)
                conn[1].get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            reader, writer = conn
            writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            status = int(head.split(b" ", 2)[1])
            length = int(re.search(rb"(?i)\r\ncontent-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
            await asyncio.wait_for(reader.readexactly(length), 30)
            out.append(time.perf_counter() - t if status == 200 else None)
        except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, AttributeError):
            out.append(None)  # counted as a timeout or failure, not a latency
            if conn is not None:
                conn[1].close()
            conn = None
    if conn is not None:
        conn[1].close()


def run_clients(port: int, urls: list[str], clients: int) -> tuple[list[float | None], float]:
    """Send ``urls`` from ``clients`` concurrent clients; the latencies (None: failed) and the wall seconds.

    The clients are coroutines on one event loop (uvloop's when installed) speaking HTTP/1.1 on raw
    sockets: each request costs the client a few tens of microseconds, so that on a machine of two
    cores the figures are the server's, not those of 20 client threads contending for one
    interpreter lock on the same cores (``http.client`` in threads: several times the client's CPU).
    """
    todo = list(reversed(urls))
    out: list[float | None] = []

    async def run() -> None:
        await asyncio.gather(*(_client(port, todo, out) for _ in range(clients)))

    t0 = time.perf_counter()
    try:
        import uvloop

        uvloop.run(run())
    except ImportError:
        asyncio.run(run())
    return out, time.perf_counter() - t0


def _cpu_ticks(pid: int) -> tuple[int, int]:
    """The processes under ``pid`` (itself included) and the CPU ticks they have used (Linux's /proc)."""
    todo, count, ticks = [pid], 0, 0
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        count += 1
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
        todo += [int(c) for c in children]
    return count, ticks


def settle(pid: int, workers: int, limit: float = 60.0) -> None:
    """Wait until the server's worker processes have all started: the first answer comes from one of
    them, and clients that connect while another is still importing all land on the first one (a
    keep-alive connection stays with the process that accepted it). Started means its processes (the
    supervisor and each worker) are all there and their CPU time has stopped growing; without /proc,
    two seconds a worker."""
    if workers <= 1:
        return
    if not Path(f"/proc/{pid}/task").exists():
        time.sleep(2.0 * workers)
        return
    deadline = time.monotonic() + limit
    before = _cpu_ticks(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_ticks(pid)
        if now[0] > workers and now[1] - before[1] <= 2:  # at most 2 ticks (20 ms) in half a second: idle
            return
        before = now


def report(name: str, answered: list[float | None], wall: float) -> None:
    """Print p50, p95 and max latency and requests/s of one endpoint's run."""
    lat = [x for x in answered if x is not None]
    failed = len(answered) - len(lat)
    if not lat:
        print(f"{name:<28} every request failed or took over 30 s")
        return
    p50, p95 = 1000 * statistics.median(lat), 1000 * _percentile(lat, 0.95)
    note = f"   {failed} timed out or failed" if failed else ""
    print(f"{name:<28} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {1000 * max(lat):6.1f} ms   "
          f"{len(lat) / wall:6.0f} req/s{note}")  # fmt: skip
    sys.stdout.flush()


def main() -> int:
    args = parse_feed(
        __doc__,
        [(("--db",), {"type": str}), (("--clients",), {"type": int, "default": 20}),
         (("--requests",), {"type": int, "default": 2000, "help": "per endpoint"}),
         (("--no-cache",), {"action": "store_true", "help": "serve with WARTA_API_CACHE=0"}),
         (("--workers",), {"type": int, "default": 1, "help": "server processes (warta serve --workers)"})],
    )  # fmt: skip
    if args is None:
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        from warta.errors import StoreError
        from warta.ingest import ingest
        from warta.store.db import Store
        from warta.store.postgres import is_url

        db = args.db
        try:
            empty_pg = db is not None and is_url(db) and _article_count(db) == 0
        except StoreError as exc:
            print(f"error: {exc}")
            return 2
        if db is None or empty_pg:
            if not args.feed.exists():
                print(f"{args.feed}: no such feed")
                return 2
            db = db or str(Path(tmp) / "api.db")
            t0 = time.perf_counter()
            with Store(db) as store:
                summary = ingest([args.feed], store)
            took = time.perf_counter() - t0
            kind = "PostgreSQL" if is_url(db) else "SQLite"
            print(f"store             {kind}: {summary.ingested} articles, {summary.events} events ({took:.1f} s)")
        port = _port()
        exe = Path(sys.executable).with_name("warta")
        env = {**os.environ, "WARTA_API_CACHE": "0" if args.no_cache else "1"}
        server = subprocess.Popen(
            [str(exe), "serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)],
            stderr=subprocess.DEVNULL,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):  # up to a minute: two server processes start slowly on a busy machine
                try:
                    urllib.request.urlopen(base + "/api/actors", timeout=1).read()
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.1)
            settle(server.pid, args.workers)
            listed = json.loads(urllib.request.urlopen(base + "/api/actors").read())
            actors = [a["code"] for a in listed[:12]] or ["IDN", "USA"]
            rnd = random.Random(1)

            def pick() -> str:
                return rnd.choice(actors)

            endpoints = {
                "events": lambda: f"/api/events?actor={pick()}&limit=50",
                "events (dyad, dates)": lambda: f"/api/events?dyad={pick()}-{pick()}&from=2016&to=2018",
                "timeline (dyad)": lambda: f"/api/timeline?actor={pick()}&other={pick()}&by=month&ids=false",
                "timeline (actor)": lambda: f"/api/timeline?actor={pick()}&by=month&ids=false",
            }
            cache = "no cache: every request computed" if args.no_cache else "cache of read answers on"
            print(f"server            warta serve on {base} ({cache}), {args.clients} concurrent clients, "
                  f"{args.requests} requests each")  # fmt: skip

            for name, make in endpoints.items():
                urls = [make() for _ in range(args.requests)]
                passes = [name] if args.no_cache else [name, name + ", warm"]
                for label in passes:  # with the cache: the same requests again, every answer kept
                    report(label, *run_clients(port, urls, args.clients))
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
