"""Pairwise precision and recall of fusion on the labelled corpus reports, for several thresholds.

.venv/bin/python scripts/eval_fusion.py [tests/data/fusion/corpus-reports.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import warta.fuse as fuse

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "fusion" / "corpus-reports.jsonl"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    reports = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    chosen = fuse.MIN_EVIDENCE_JACCARD
    acts, articles = len({r["act"] for r in reports}), len({r["article"] for r in reports})
    print(f"{len(reports)} reports, {acts} acts, {articles} articles")
    print("evidence Jaccard   TP  FP  FN  precision  recall")
    for threshold in (0.0, 0.05, 0.08, 0.10, 0.15, 0.20):
        fuse.MIN_EVIDENCE_JACCARD = threshold
        s = fuse.pairwise_scores([dict(r) for r in reports])
        mark = "  ← used" if threshold == chosen else ""
        print(
            f"{threshold:>16.2f} {s['tp']:4d} {s['fp']:3d} {s['fn']:3d} {s['precision']:10.3f} {s['recall']:7.3f}{mark}"
        )
    fuse.MIN_EVIDENCE_JACCARD = chosen
    return 0


if __name__ == "__main__":
    sys.exit(main())
