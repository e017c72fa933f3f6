"""Exact and near-duplicate articles.

Exact: the SHA-256 of the normalised clean text. Near: MinHash signatures of word 3-grams
(datasketch) with an LSH index; two articles whose estimated Jaccard similarity is at least
:data:`NEAR_DUPLICATE_THRESHOLD` are the same story (a wire report carried by two outlets).
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3
NEAR_DUPLICATE_THRESHOLD = 0.5
"""Jaccard of word 3-grams. The same wire story on two sites, each with its own lede and
furniture left, scores 0.6-0.9; different stories on the same event score under 0.2."""

_WORD = re.compile(r"\w+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with case and spacing folded: the article's identity."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def shingle_hashes(text: str) -> list[int]:
    """32-bit hashes of the text's distinct word 3-grams (CRC-32 of each word, combined).

    Hashing words once and combining them with numpy is several times faster than hashing
    every 3-gram string, and MinHash only needs well-spread distinct integers.
    """
    words = _WORD.findall(text.casefold())
    if not words:
        return []
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    if len(wh) < SHINGLE:
        return [int(zlib.crc32(" ".join(words).encode()))]
    grams = (wh[:-2] * np.uint64(0x9E3779B1)) ^ (wh[1:-1] * np.uint64(0x85EBCA77)) ^ wh[2:]
    return np.unique(grams & np.uint64(0xFFFFFFFF)).tolist()


def _identity(value: int) -> int:
    return value


# The random permutations are drawn once (seeded, so stored signatures stay comparable).
_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME).permutations
_DTYPE = np.uint32


def signature(text: str) -> MinHash:
    """The MinHash signature of a text."""
    m = MinHash(num_perm=NUM_PERM, hashfunc=_identity, permutations=_PERMUTATIONS, scheme=_SCHEME)
    m.update_batch(shingle_hashes(text))
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes) -> MinHash:
    hashvalues = np.frombuffer(data, dtype=_DTYPE).copy()
    return MinHash(
        num_perm=NUM_PERM,
        hashfunc=_identity,
        hashvalues=hashvalues,
        permutations=_PERMUTATIONS,
        scheme=_SCHEME,
    )


class NearDuplicateIndex:
    """An LSH index of the stored articles' signatures."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[int, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, article_id: int, sig: MinHash) -> None:
        if article_id not in self._sigs:
            self._lsh.insert(article_id, sig)
            self._sigs[article_id] = sig

    def best_match(self, sig: MinHash) -> tuple[int, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[int, float] | None = None
        for key in self._lsh.query(sig):
            sim = sig.jaccard(self._sigs[key])
            if sim >= self.threshold and (best is None or sim > best[1] or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
