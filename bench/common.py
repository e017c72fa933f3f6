"""What the benchmarks share: the default feed and its command-line argument."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_FEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpus" / "indosum-dev.jsonl"


def parse_feed(doc: str, extra: list[tuple[tuple[str, ...], dict]] | None = None) -> argparse.Namespace | None:
    """Parse ``[FEED]`` (and any extra options); None, after saying why, when the feed is missing."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("feed", nargs="?", type=Path, default=DEFAULT_FEED)
    for names, kwargs in extra or []:
        ap.add_argument(*names, **kwargs)
    args = ap.parse_args()
    if not args.feed.exists() and getattr(args, "db", None) is None:
        print(f"{args.feed}: no such feed; pass the path of indosum-dev.jsonl (or any JSON Lines feed)")
        return None
    return args
