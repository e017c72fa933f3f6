"""Sentences per second of the English path (tokens, actors, agents, verb patterns), on one core.

Codes the 284 sentences of PETRARCH-2's unit-test suite (tests/data/petrarch2) repeated, once with
the suite's validation dictionaries and once with Warta's built-in ones (CAMEO.2.0 verbs, Phoenix
actors and agents), after the dictionaries are loaded. Each repetition adds a counter to every
sentence, so no sentence is coded from a cache. Prints, for each set of dictionaries, the rate over all
repetitions in wall-clock time and in the process's CPU time (which other jobs on the machine disturb
much less), the rate of the fastest repetition, and the loading time (reading the files and building
the indexes, once per process), apart.

    python bench/bench_english.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from warta.english.coder import Lexicon, code_sentence
from warta.english.dictionaries import DictFiles, load

PETR = Path(__file__).resolve().parent.parent / "tests" / "data" / "petrarch2"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    sentences = [
        (" ".join((s.findtext("Text") or "").split()), s.get("date"))
        for s in ET.parse(PETR / "PETR.UnitTest.records.xml").getroot().iter("Sentence")
    ]
    validation = DictFiles(
        verbs=(PETR / "PETR.Validate.verbs.txt",), actors=(PETR / "PETR.Validate.actors.txt",),
        agents=(PETR / "PETR.Validate.agents.txt",), discards=(PETR / "PETR.Validate.discards.txt",), replace=True,
    )  # fmt: skip
    for label, files in (("validation dictionaries", validation), ("built-in dictionaries", DictFiles())):
        t0 = time.perf_counter()
        lex = Lexicon.build(load(files))
        loaded = time.perf_counter() - t0
        n = events = 0
        passes: list[float] = []
        cpu0 = time.process_time()
        for r in range(args.repeat):
            t1 = time.perf_counter()
            for text, day in sentences:
                got, _ = code_sentence(lex, f"{text} ({r})", day)
                events += len(got)
                n += 1
            passes.append(time.perf_counter() - t1)
        cpu = time.process_time() - cpu0
        dt = sum(passes)
        print(
            f"{label}: {n:,} sentences in {dt:.2f} s = {n / dt:,.0f} sentences/s ({n / cpu:,.0f} per CPU second; "
            f"fastest pass {len(sentences) / min(passes):,.0f}/s; {events:,} events); "
            f"dictionaries loaded and indexed in {loaded:.1f} s"
        )


if __name__ == "__main__":
    main()
