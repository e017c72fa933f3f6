"""Indonesian affixation: the surface forms of a root, and a rough analysis of a word.

The trigger lexicon lists roots ("kunjung", "panggil", "tanda tangan"); :func:`forms` generates the
words a news text uses for them, each with the voice it carries:

* ``active``: meN- with its nasal assimilation (panggil → memanggil, tolak → menolak,
  kunjung → mengunjungi, sambang → menyambangi), with -kan/-i, and memper-;
* ``passive``: di-, diper-, and ter- (accidental/stative);
* ``ber``: ber- and ber-an (bertemu, berkunjung, bertemuan);
* ``noun``: peN-an, per-an, ke-an and -an (pertemuan, kunjungan, penangkapan, kesepakatan);
* ``agent``: peN- (pendukung, pengunjung: the people who do it);
* ``bare``: the root itself (sepakat, tolak, "kerja sama").

A multi-word root inflects as a closed compound (tanda tangan → menandatangani, ditandatangani,
penandatanganan) and also with its first word alone (kerja sama → bekerja sama). Every form also
takes the enclitic -nya.
"""

from __future__ import annotations

import functools
import re

_VOWELS = "aeiou"


def _men(root: str) -> str:
    """meN- + root, with the nasal assimilation of standard Indonesian."""
    return "me" + _nasal(root)


def _syllables(root: str) -> int:
    """Vowel groups in ``root``: "bom" 1, "serang" 2."""
    return len(re.findall(r"[aeiou]+", root))


def _nasal(root: str) -> str:
    """The N- part of meN-/peN- joined to ``root``: mem-/men-/meng-/meny-/me-, or nge- before a
    one-syllable root (bom → mengebom, cek → pengecekan)."""
    if not root:
        return root
    if _syllables(root) == 1 and " " not in root and not (len(root) > 1 and root[1] in "lr"):
        return "nge" + root  # a cluster keeps the plain nasal: klaim → mengklaim
    c = root[0]
    rest_vowel = len(root) > 1 and root[1] in _VOWELS
    if c in _VOWELS:
        return "ng" + root
    if c == "p" and rest_vowel:
        return "m" + root[1:]
    if c in "bfv" or c == "p":
        return "m" + root
    if c == "t" and rest_vowel:
        return "n" + root[1:]
    if c in "dcjzt":
        return "n" + root
    if c == "s" and rest_vowel:
        return "ny" + root[1:]
    if c == "s":
        return "n" + root  # a cluster: mensyukuri, menstabilkan
    if c == "k" and rest_vowel:
        return "ng" + root[1:]
    if c in "ghk":
        return "ng" + root
    return root  # l, m, n, r, w, y: me- + root


AFFIXES: dict[str, str] = {
    "meN": "active",
    "meN-kan": "active",
    "meN-i": "active",
    "memper": "active",
    "memper-kan": "active",
    "memper-i": "active",
    "di": "passive",
    "di-kan": "passive",
    "di-i": "passive",
    "diper": "passive",
    "diper-kan": "passive",
    "diper-i": "passive",
    "ter": "passive",
    "ter-kan": "passive",
    "ber": "ber",
    "ber-an": "ber",
    "ber-kan": "ber",
    "peN-an": "noun",
    "peN": "agent",
    "per-an": "noun",
    "ke-an": "noun",
    "-an": "noun",
    "bare": "bare",
}
"""Every affix pattern a lexicon row may name, with the voice it gives."""

GROUPS: dict[str, tuple[str, ...]] = {
    "verb": ("meN", "meN-kan", "meN-i", "di", "di-kan", "di-i"),
    "noun": ("peN-an", "per-an", "ke-an", "-an"),
    "all": tuple(AFFIXES),
}
"""Shorthands for sets of affix patterns."""


def expand_affixes(spec: str) -> frozenset[str]:
    """``"verb|ber|-an"`` → the affix patterns it names.

    Raises:
        ValueError: an unknown affix name.
    """
    out: set[str] = set()
    for name in filter(None, (x.strip() for x in spec.split("|"))):
        if name in GROUPS:
            out.update(GROUPS[name])
        elif name in AFFIXES:
            out.add(name)
        else:
            raise ValueError(f"unknown affix {name!r} (known: {', '.join([*GROUPS, *AFFIXES])})")
    return frozenset(out)


def _affix(base: str, affix: str) -> str:
    if affix == "bare":
        return base
    pre, _, suf = affix.partition("-")
    if suf == "i" and base.endswith("i"):
        suf = ""  # -i does not double a final i (akhiri, not akhirii)
    head = {"meN": _men(base), "peN": "pe" + _nasal(base), "": base}.get(pre, pre + base)
    if pre in ("per", "ter", "diper", "memper") and base.startswith("r"):
        head = pre[:-1] + base  # one r: perundingan, terekam, diperuncing
    if pre == "ber" and (base.startswith("r") or (base[1:3] == "er" and len(base) > 3 and base[3] not in _VOWELS)):
        head = "be" + base
    if pre == "ber" and base == "ajar":
        head = "belajar"
    return head + suf


@functools.cache
def forms(root: str, affixes: frozenset[str] = frozenset(AFFIXES)) -> dict[str, str]:
    """Every surface form of ``root`` with the given affix patterns, mapped to its voice."""
    out: dict[str, str] = {}
    words = root.split()
    closed = "".join(words)
    bases = [closed] + ([words[0]] if len(words) > 1 else [])
    for base in bases:
        tail = "" if base == closed else " " + " ".join(words[1:])
        for affix in affixes:
            out.setdefault(_affix(base, affix) + tail, AFFIXES[affix])
    if len(words) > 1 and "bare" in affixes:
        out.setdefault(root, "bare")
    for word, voice in list(out.items()):
        out.setdefault(word + "nya", voice)
    return out


_PREFIXES = (
    "memper",
    "diper",
    "menge",
    "meny",
    "meng",
    "mem",
    "men",
    "me",
    "di",
    "ter",
    "ber",
    "be",
    "peny",
    "peng",
    "pem",
    "pen",
    "per",
    "pe",
    "ke",
)
_SUFFIXES = ("kannya", "annya", "inya", "nya", "kan", "an", "i")


def analyse(word: str) -> list[tuple[str, str]]:
    """Candidate ``(root, voice)`` analyses of a word, most plausible first (no dictionary).

    Used where a lemmatiser leaves a derived form unreduced ("menandatangani" → "tandatangan").
    """
    word = word.casefold()
    out: list[tuple[str, str]] = []
    for pre in _PREFIXES:
        if not word.startswith(pre) or len(word) - len(pre) < 3:
            continue
        stem = word[len(pre) :]
        for suf in (*_SUFFIXES, ""):
            if suf and not stem.endswith(suf):
                continue
            core = stem[: len(stem) - len(suf)] if suf else stem
            if len(core) < 3:
                continue
            for cand in _unassimilate(pre, core):
                if word in forms(cand) and (cand, forms(cand)[word]) not in out:
                    out.append((cand, forms(cand)[word]))
    return sorted(out, key=lambda rv: not _known(rv[0]))


@functools.cache
def _known(root: str) -> bool:
    import simplemma

    return bool(simplemma.is_known(root, lang="id"))


def _unassimilate(prefix: str, core: str) -> list[str]:
    """Roots that meN-/peN- + ``core`` may come from (menolak ← tolak, memanggil ← panggil)."""
    cands = [core]
    if prefix in ("meny", "peny"):
        cands.append("s" + core)
    elif prefix in ("men", "pen"):
        cands.append("t" + core)
    elif prefix in ("mem", "pem"):
        cands.append("p" + core)
    elif prefix in ("meng", "peng"):
        cands.append("k" + core)
    return cands
