"""Warta: political event data from Indonesian news, read natively."""

import logging

from warta.article import Article, DroppedLine, Given, Meta, Paragraph, Problem

__all__ = ["Article", "DroppedLine", "Given", "Meta", "Paragraph", "Problem", "__version__"]


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
