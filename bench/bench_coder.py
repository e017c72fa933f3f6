"""Benchmark: the whole pipeline on a feed (the IndoSum corpus by default), on one core.

clean → metadata → sentences → actors → time → events, article by article, without storing.
Prints sentences/s, articles/s, the time per stage, events found, and the peak RSS.

    python bench/bench_coder.py [FEED.jsonl]
"""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict

from common import parse_feed
from warta.actors_kb import knowledge_base
from warta.stages import DEFAULT_PIPELINE, STAGES
from warta.stages.metadata import detect_language
from warta.stages.read import read_path
from warta.triggers import load_lexicon


def main() -> int:
    args = parse_feed(__doc__)
    if args is None:
        return 2
    t_load = time.perf_counter()
    detect_language("Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada Selasa.")
    load_lexicon()
    knowledge_base()
    load = time.perf_counter() - t_load
    stages = [STAGES[n] for n in DEFAULT_PIPELINE]
    per_stage: dict[str, float] = defaultdict(float)
    n_articles = n_sentences = n_events = 0
    t_read = 0.0
    t0 = time.perf_counter()
    tr = time.perf_counter()
    for item in read_path(args.feed, 5_000_000):
        t_read += time.perf_counter() - tr
        if item.article is None:
            tr = time.perf_counter()
            continue
        art = item.article
        for stage in stages:
            ts = time.perf_counter()
            art = stage.run(art)
            per_stage[stage.name] += time.perf_counter() - ts
        n_articles += 1
        n_sentences += len(art.sentences)
        n_events += len(art.events)
        tr = time.perf_counter()
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"feed              {args.feed}")
    print(f"start-up          {load:.2f} s (language models, actor base, lexicon; once per process)")
    print(f"articles          {n_articles}, {n_sentences} sentences, {n_events} events")
    print(f"time              {wall:.2f} s")
    print(f"throughput        {n_sentences / wall:.0f} sentences/s (target ≥ 2000), {n_articles / wall:.0f} articles/s")
    print(f"  read            {1000 * t_read / n_articles:.2f} ms/article")
    for name in DEFAULT_PIPELINE:
        print(f"  {name:<15} {1000 * per_stage[name] / n_articles:.2f} ms/article")
    print(f"peak RSS          {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
