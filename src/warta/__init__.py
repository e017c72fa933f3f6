"""Warta: political event data from Indonesian news, read natively.

The Python API (see :mod:`warta.library`)::

    import warta
    events = warta.code("Seoul (ANTARA) - Korea Selatan mengecam Rusia pada Selasa (4/6/2024).")
    db = warta.open("warta.db")
    db.events(dyad="KOR-RUS", since="2024").to_pandas()
    warta.timeline("warta.db", "KOR", "RUS", by="month")
"""

from __future__ import annotations

import logging
from typing import Any

from warta.article import Article, DroppedLine, Given, Meta, Paragraph, Problem

__all__ = [
    "Article", "Database", "DroppedLine", "EventRecord", "Events", "Given", "Meta", "Paragraph", "Problem",
    "Timeline", "__version__", "code", "open", "timeline",
]  # fmt: skip


def _version() -> str:
    """The package's version: from its installed metadata (pyproject.toml's ``version``), or from
    pyproject.toml itself when a source tree runs without being installed."""
    from importlib import metadata

    try:
        return metadata.version("warta")
    except metadata.PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


__version__ = _version()
"""The one version number: the CLI's ``--version``, the API's (OpenAPI, ``/api/version``), the dashboard's."""

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {
    "code": "code", "open": "open_store", "timeline": "timeline", "Database": "Database", "Events": "Events",
    "Timeline": "Timeline", "EventRecord": "EventRecord",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """The Python API's names, imported on first use so that ``import warta`` stays light."""
    if name in _LAZY:
        from warta import library

        return getattr(library, _LAZY[name])
    raise AttributeError(f"module 'warta' has no attribute {name!r}")
