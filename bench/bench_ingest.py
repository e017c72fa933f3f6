"""Benchmark: ingest a feed (the IndoSum corpus by default) into a fresh store, on one core.

Reading + cleaning + metadata + storing, end to end, as ``warta ingest --no-code`` does it (the
foundation's figure); then the same with event coding, as plain ``warta ingest`` does it, in one
process and with one worker process per core (``--workers``). Prints
articles/s, MB/s, and the peak RSS of the process.

    python bench/bench_ingest.py [FEED.jsonl] [--limit N]
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from common import parse_feed
from warta.ingest import ingest
from warta.stages.metadata import detect_language
from warta.store.db import Store


def main() -> int:
    args = parse_feed(__doc__)
    if args is None:
        return 2
    size = args.feed.stat().st_size
    t_load = time.perf_counter()
    detect_language("Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada Selasa.")
    load = time.perf_counter() - t_load  # one-time: the language models are read on first use
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        summary = ingest([args.feed], store, code=False)
        wall = time.perf_counter() - t0
        again = time.perf_counter()
        second = ingest([args.feed], store, code=False)
        rerun = time.perf_counter() - again
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench-coded.db") as store:
        t1 = time.perf_counter()
        coded = ingest([args.feed], store, code=True)
        wall_coded = time.perf_counter() - t1
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench-workers.db") as store:
        t2 = time.perf_counter()
        parallel = ingest([args.feed], store, code=True, workers=workers)
        wall_workers = time.perf_counter() - t2
    n = summary.ingested + summary.present
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"feed              {args.feed} ({size / 1e6:.1f} MB)")
    print(f"articles          {n} stored ({summary.near_duplicates} near-duplicates), {len(summary.skipped)} skipped")
    print(f"start-up          {load:.2f} s (language models, once per process; not in the figures below)")
    print(f"time              {wall:.2f} s")
    print(f"throughput        {n / wall:.0f} articles/s, {size / 1e6 / wall:.2f} MB/s  (target ≥ 300 articles/s)")
    print(f"re-ingest         {second.present} already present, {second.ingested} new, in {rerun:.2f} s")
    nc = coded.ingested + coded.present
    print(f"with coding       {nc / wall_coded:.0f} articles/s, {coded.events} events stored ({wall_coded:.2f} s)")
    np_ = parallel.ingested + parallel.present
    print(
        f"--workers {workers:<7} {np_ / wall_workers:.0f} articles/s, {parallel.events} events stored "
        f"({wall_workers:.2f} s, workers started included): {wall_coded / wall_workers:.2f}× one process"
    )
    print(f"peak RSS          {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
