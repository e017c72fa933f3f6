"""The coder's quality on gold data shipped with the project, as the guidelines score it (strict).

The development set is sixty real articles the coder was not written against; the seeds are the five
it was started from. These floors are the project's acceptance levels: a change to the coder that
drops below them fails here. The figures themselves are printed by ``make eval``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.coder import code_paths
from warta.gold import load_gold
from warta.scoring import score

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def _strict(gold: Path, inputs: Path):
    records = [r for c in code_paths([inputs]) if c.article is not None for r in c.records]
    return score(load_gold(gold), records, strict=True)


@pytest.mark.parametrize(
    ("name", "gold", "inputs", "min_precision", "min_recall"),
    [
        ("development set", DATA / "dev" / "dev.gold.jsonl", DATA / "dev" / "dev.jsonl", 0.80, 0.65),
        ("seeds", DATA / "gold" / "seeds.gold.jsonl", ROOT / "examples" / "seeds", 0.90, 0.90),
    ],
)
def test_strict_quality_stays_above_its_floor(name, gold, inputs, min_precision, min_recall):
    s = _strict(gold, inputs)
    assert s.core_gold > 20, name  # the gold file was read
    assert s.precision >= min_precision, f"{name}: strict precision {s.precision:.3f} < {min_precision}"
    assert s.recall >= min_recall, f"{name}: strict recall {s.recall:.3f} < {min_recall}"
