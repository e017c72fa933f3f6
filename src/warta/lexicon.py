"""Loading language data shipped as human-editable TSV files, with strict validation.

Every file is UTF-8 TSV with a header row; lines starting with ``#`` and blank lines are
comments. The loader collects every problem as ``file:line: message`` and raises one
:class:`~warta.errors.LexiconError` listing them all. The same loader reads the user's overlay
files (:mod:`warta.dicts`), named by their path instead of their bare name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from warta.errors import LexiconError


@dataclass(slots=True, frozen=True)
class Row:
    """One data row: its cells by column name, and where it came from.

    ``remove``: an overlay row that takes the bundled rows of its key away (its key cell was
    written with a leading ``-``).
    """

    where: str
    cells: dict[str, str]
    remove: bool = False

    def __getitem__(self, key: str) -> str:
        return self.cells[key]

    def get(self, key: str, default: str = "") -> str:
        return self.cells.get(key) or default


def data_path(lang: str, name: str) -> Path:
    """The path of a shipped language data file, e.g. ``data_path("id", "furniture.tsv")``."""
    return Path(str(resources.files("warta.lang").joinpath(lang, name)))


REMOVE = "-"
"""In an overlay file, a key cell starting with this marker removes the bundled rows of that key."""


def read_tsv(
    path: Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    label: str | None = None,
    keys: Sequence[str] = (),
) -> list[Row]:
    """Read a TSV data file, checking its header and that required cells are filled.

    Args:
        label: how problems and rows name the file (default: its bare name).
        keys: the key columns of an overlay file: a row whose first key cell starts with
            :data:`REMOVE` is a removal (``Row.remove``), which needs only its key cells.

    Raises:
        LexiconError: with every problem found, each as ``file:line: message``.
    """
    name = label or path.name
    problems: list[str] = []
    rows: list[Row] = []
    header: list[str] | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError([f"{path}: cannot read: {exc}"]) from None
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in required if c not in header]
            unknown = [c for c in header if c not in required and c not in optional]
            if missing:
                problems.append(f"{name}:{no}: header lacks column(s) {', '.join(missing)}")
            if unknown:
                problems.append(f"{name}:{no}: unknown column(s) {', '.join(unknown)}")
            continue
        if len(cells) > len(header):
            problems.append(f"{name}:{no}: {len(cells)} cells, header has {len(header)}")
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        remove = bool(keys) and row.get(keys[0], "").startswith(REMOVE)
        if remove:
            row[keys[0]] = row[keys[0]][len(REMOVE) :].strip()
        empty = [c for c in (keys if remove else required) if not row.get(c)]
        if empty:
            problems.append(f"{name}:{no}: empty required cell(s) {', '.join(empty)}")
            continue
        rows.append(Row(f"{name}:{no}", row, remove))
    if header is None:
        problems.append(f"{name}: no header row")
    if problems:
        raise LexiconError(problems)
    return rows


def compile_rows(
    rows: list[Row], pattern_col: str, flags_col: str = "flags"
) -> tuple[list[tuple[Row, re.Pattern[str]]], list[str]]:
    """Compile each row's regular expression; invalid ones are returned as problems."""
    out: list[tuple[Row, re.Pattern[str]]] = []
    problems: list[str] = []
    for row in rows:
        flags = re.IGNORECASE if "i" in row.get(flags_col) else 0
        try:
            out.append((row, re.compile(row[pattern_col], flags)))
        except re.error as exc:
            problems.append(f"{row.where}: bad pattern {row[pattern_col]!r}: {exc}")
    return out, problems
