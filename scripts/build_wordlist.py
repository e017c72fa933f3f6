"""Write tests/data/corpus-words.txt.gz: the lowercase words of the IndoSum corpus seen at least twice.

The morphology tests check the forms generated for every lexicon row against this list of real
Indonesian words (IndoSum, Kurniawan & Louvan 2018, CC BY-SA 4.0; see tests/data/NOTICE.md).

    python scripts/build_wordlist.py [../shared/data/corpus/indosum-dev.jsonl]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "corpus-words.txt.gz"
WORD = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared/data/corpus/indosum-dev.jsonl")
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for para in rec["paragraphs"]:
                for sent in para:
                    counts.update(t.casefold() for t in sent if WORD.match(t.casefold()))
    words = sorted(w for w, n in counts.items() if n >= 2)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# lowercase words seen at least twice in the IndoSum dev folds (CC BY-SA 4.0)\n")
        f.write("\n".join(words) + "\n")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
