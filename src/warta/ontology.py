"""The CAMEO 1.1b3 codebook, Goldstein weights, QuadClass, the CAMEO → PLOVER crosswalk, and the
actor codes events may use (ISO 3166-1 alpha-3 states and international organisations).

Data files ship in ``warta/data/cameo`` and ``warta/data/actors`` (see their NOTICE.md).

Choices, pinned by tests:
    * Goldstein weights come from GDELT's ``CAMEO.goldsteinscale.txt``, the table most users compare
      against (ICEWS's weights in ``cameo-codes.csv`` differ on 016, 022, 164 and 165). The one code
      GDELT's table lacks, 1213, takes the weight of its parent 121, as GDELT's own data does.
    * QuadClass follows the common convention by default — roots 01–05 verbal cooperation (1),
      06–08 material cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4) —
      with ``convention="gdelt"`` for GDELT's (01–05, 06–09, 10–14, 15–20).
    * A CAMEO code missing from the PLOVER crosswalk takes its parent code's mapping; roots 01 and
      02, which the 2021 crosswalk leaves out, have none (``plover`` is null in their records).
    * Names to show: English from the codebook (a root's in sentence case, "Make public statement"),
      Indonesian for the 20 roots from ``data/cameo/cameo-roots-id.tsv`` (written for Warta); actor
      names in Indonesian (the actor base's) or English (ISO 3166-1's common name, the
      organisations' table).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from warta.errors import WartaError


class UnknownCode(WartaError):
    """A CAMEO code (or actor code) that the codebook does not have."""


@dataclass(slots=True, frozen=True)
class CameoCode:
    """One CAMEO event code."""

    code: str
    name: str
    description: str
    root: str
    goldstein: float
    goldstein_icews: float


@dataclass(slots=True, frozen=True)
class Plover:
    """The PLOVER reading of a CAMEO code."""

    event: str
    mode: str | None
    context: str | None


QUAD_CONVENTIONS = ("common", "gdelt")
_QUAD_BOUNDS = {"common": (5, 8, 13), "gdelt": (5, 9, 14)}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _data(folder: str, name: str) -> str:
    return resources.files("warta.data").joinpath(folder, name).read_text(encoding="utf-8")


@functools.cache
def codebook() -> MappingProxyType[str, CameoCode]:
    """Every CAMEO code, by code string (``"0311"``)."""
    gdelt: dict[str, float] = {}
    for line in _data("cameo", "CAMEO.goldsteinscale.txt").splitlines()[1:]:
        if line.strip():
            code, weight = line.split("\t")
            gdelt[code.strip()] = float(weight)
    codes: dict[str, CameoCode] = {}
    for row in csv.DictReader(_data("cameo", "cameo-codes.csv").splitlines()):
        code = row["code"].strip()
        weight = gdelt.get(code, gdelt.get(code[:3], float(row["goldstein"])))
        desc = row["description"] if row["description"] not in ("NA", "") else row["name"]
        codes[code] = CameoCode(code, row["name"].strip(), desc.strip(), code[:2], weight, float(row["goldstein"]))
    return MappingProxyType(codes)


def get(code: str) -> CameoCode:
    """The codebook entry of ``code``.

    Raises:
        UnknownCode: the code is not in CAMEO 1.1b3.
    """
    entry = codebook().get(code)
    if entry is None:
        raise UnknownCode(f"unknown CAMEO code {code!r}")
    return entry


def is_code(code: str) -> bool:
    return code in codebook()


def root(code: str) -> str:
    """The two-digit root of a valid code (``"0311"`` → ``"03"``)."""
    return get(code).root


ROOTS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 21))


def goldstein(code: str) -> float:
    """The Goldstein weight (GDELT's table) of a code."""
    return get(code).goldstein


def quad_class(code: str, convention: str = "common") -> int:
    """QuadClass 1–4 of a code under ``convention`` (``common`` or ``gdelt``)."""
    if convention not in _QUAD_BOUNDS:
        raise WartaError(f"unknown QuadClass convention {convention!r}; use one of {', '.join(QUAD_CONVENTIONS)}")
    r = int(root(code))
    a, b, c = _QUAD_BOUNDS[convention]
    return 1 if r <= a else 2 if r <= b else 3 if r <= c else 4


_CROSSWALK_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*?)\s*(?:#.*)?$")


@functools.cache
def _crosswalk() -> MappingProxyType[str, Plover]:
    out: dict[str, Plover] = {}
    for line in _data("cameo", "CAMEO2PLOVER-2021.txt").splitlines():
        if line.lstrip().startswith("#"):
            continue
        m = _CROSSWALK_LINE.match(line)
        if not m:
            continue
        parts = [p.strip() for p in m[2].split(",")] + ["", ""]
        if parts[0]:
            out[m[1]] = Plover(parts[0], parts[1] or None, parts[2] or None)
    return MappingProxyType(out)


def plover(code: str) -> Plover | None:
    """The PLOVER event, mode and context of a CAMEO code (its parent's where it has none).

    None for roots 01 (public statements) and 02 (appeals), which the 2021 crosswalk leaves out.

    Raises:
        UnknownCode: the code is not in CAMEO 1.1b3.
    """
    get(code)
    table = _crosswalk()
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


LANGUAGES = ("id", "en")
"""The languages names are shown in: Indonesian and English."""


@functools.cache
def names_id() -> MappingProxyType[str, str]:
    """CAMEO code → Indonesian name (the 20 roots).

    Raises:
        UnknownCode: the table names a code that is not a CAMEO root.
    """
    lines = [ln for ln in _data("cameo", "cameo-roots-id.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    out: dict[str, str] = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["code"] not in ROOTS:
            raise UnknownCode(f"cameo-roots-id.tsv: {row['code']!r} is not a CAMEO root")
        out[row["code"]] = row["name_id"].strip()
    return MappingProxyType(out)


def cameo_name(code: str, lang: str = "en") -> str | None:
    """The name of a code to show: English (``en``, the codebook's, a root's in sentence case) or
    Indonesian (``id``); None where the code has no Indonesian name (below the roots, for now).

    Raises:
        UnknownCode: the code is not in CAMEO 1.1b3.
        ValueError: an unknown language.
    """
    entry = get(code)
    if lang == "id":
        return names_id().get(code)
    if lang != "en":
        raise ValueError(f"lang: one of {', '.join(LANGUAGES)}, not {lang!r}")
    return entry.name.capitalize() if code in ROOTS else entry.name


# -- actor codes -----------------------------------------------------------------------------------


@functools.cache
def countries() -> MappingProxyType[str, str]:
    """ISO 3166-1 alpha-3 → English name."""
    rows = csv.DictReader(_data("actors", "iso3166-1_names_id.tsv").splitlines(), delimiter="\t")
    return MappingProxyType({r["alpha_3"]: r["name_en"] for r in rows})


@functools.cache
def igos() -> MappingProxyType[str, str]:
    """International organisation code → English name."""
    lines = [ln for ln in _data("actors", "igos.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    return MappingProxyType({r["code"]: r["name"] for r in csv.DictReader(lines, delimiter="\t")})


def is_actor_code(code: str) -> bool:
    """A state (ISO alpha-3) or an international organisation code."""
    return code in countries() or code in igos()


def _igo_name_id(name_en: str, names: str) -> str:
    """An organisation's Indonesian name: its English name when that is an acronym (NATO, ASEAN),
    else the first Indonesian name that is not an acronym."""
    if name_en.isupper():
        return name_en
    forms = [n.strip() for n in names.split("|") if n.strip()]
    return next((n for n in forms if not n.replace("-", "").replace(" ", "").isupper()), forms[0] if forms else name_en)


@functools.cache
def actor_names() -> MappingProxyType[str, tuple[str, str]]:
    """Actor code (state or organisation) → its name to show, (Indonesian, English)."""
    out: dict[str, tuple[str, str]] = {}
    iso = {
        r["alpha_3"]: r for r in csv.DictReader(_data("actors", "iso3166-1_names_id.tsv").splitlines(), delimiter="\t")
    }
    states = [ln for ln in _data("actors", "states.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(states, delimiter="\t"):
        r = iso.get(row["code"], {})
        out[row["code"]] = (row["name"], r.get("common_name_en") or r.get("name_en") or row["name"])
    lines = [ln for ln in _data("actors", "igos.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        en = re.sub(r"\s*\([^)]*\)$", "", row["name"]).strip() or row["name"]
        out[row["code"]] = (_igo_name_id(en, row.get("names_id") or ""), en)
    return MappingProxyType(out)


def actor_name(code: str, lang: str = "id") -> str:
    """An actor's name in ``lang`` (``id`` or ``en``); the code itself when it is not known."""
    names = actor_names().get(code)
    if names is None:
        return code
    return names[1] if lang == "en" else names[0]
