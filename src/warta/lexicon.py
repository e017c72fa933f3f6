"""Loading language data shipped as human-editable TSV files, with strict validation.

Every file is UTF-8 TSV with a header row; lines starting with ``#`` and blank lines are
comments. The loader collects every problem as ``file:line: message`` and raises one
:class:`~warta.errors.LexiconError` listing them all.
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
    """One data row: its cells by column name, and where it came from."""

    where: str
    cells: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.cells[key]

    def get(self, key: str, default: str = "") -> str:
        return self.cells.get(key) or default


def data_path(lang: str, name: str) -> Path:
    """The path of a shipped language data file, e.g. ``data_path("id", "furniture.tsv")``."""
    return Path(str(resources.files("warta.lang").joinpath(lang, name)))


def read_tsv(path: Path, required: Sequence[str], optional: Sequence[str] = ()) -> list[Row]:
    """Read a TSV data file, checking its header and that required cells are filled.

    Raises:
        LexiconError: with every problem found, each as ``file:line: message``.
    """
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
                problems.append(f"{path.name}:{no}: header lacks column(s) {', '.join(missing)}")
            if unknown:
                problems.append(f"{path.name}:{no}: unknown column(s) {', '.join(unknown)}")
            continue
        if len(cells) > len(header):
            problems.append(f"{path.name}:{no}: {len(cells)} cells, header has {len(header)}")
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=False))
        empty = [c for c in required if not row.get(c)]
        if empty:
            problems.append(f"{path.name}:{no}: empty required cell(s) {', '.join(empty)}")
            continue
        rows.append(Row(f"{path.name}:{no}", row))
    if header is None:
        problems.append(f"{path.name}: no header row")
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
