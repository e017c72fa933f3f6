"""User dictionaries: an overlay folder whose TSV files extend or override the bundled actor and trigger data.

The folder holds files with the bundled files' names and columns, at the same place as in the
package's ``lang/`` and ``data/`` folders::

    DIR/lang/id/triggers.tsv     trigger senses                 key: pattern + code
    DIR/lang/id/nonevents.tsv    words that carry no event      key: pattern
    DIR/actors/aliases.tsv       press forms and metonyms       key: alias
    DIR/actors/igos.tsv          organisations (known codes)    key: code
    DIR/actors/roles.tsv         roles                          key: role
    DIR/actors/institutions.tsv  named bodies of one state      key: name
    DIR/actors/armed_groups.tsv  non-state armed groups         key: name
    DIR/actors/people*.tsv       terms of office                key: name + country + role + start

Any of them may be left out. A row whose key is new extends the bundled table; rows whose key
(compared casefolded) is a bundled row's replace every bundled row of that key, in its place; a
row whose first key cell starts with ``-`` ("-Kremlin") removes them. Overlay files are read by the
same loader as the bundled ones (:func:`warta.lexicon.read_tsv`), and their rows are checked by the
same rules, so a bad row is a :class:`~warta.errors.LexiconError` naming the overlay file's path and
line. Other files in the folder are not read here (they are left for other dictionary formats); a
``.tsv`` file of ``actors/`` or ``lang/id/`` that no table takes, or a table's file put at the top
of the folder, is an error.

An :class:`Overlay` is identified by its folder and the contents of its files, and every cache of
loaded data is keyed by it: a process may code with several overlays in turn. The pipeline runs its
stages with its overlay made :func:`active` (``Pipeline(dicts=overlay)``); the loaders take it as an
argument (``knowledge_base(overlay)``, ``load_lexicon(lang, overlay)``).
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import hashlib
import inspect
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from warta.errors import LexiconError, WartaError
from warta.lexicon import Row, read_tsv

ENV = "WARTA_DICT_DIR"
"""The environment variable the command line reads when ``--dict-dir`` is not given."""

LANG_TABLES: dict[str, tuple[str, ...]] = {
    "triggers.tsv": ("pattern", "code"),
    "nonevents.tsv": ("pattern",),
}
"""Language files an overlay may extend (under ``DIR/lang/<lang>/``), with their key columns."""

ACTOR_TABLES: dict[str, tuple[str, ...]] = {
    "aliases.tsv": ("alias",),
    "igos.tsv": ("code",),
    "roles.tsv": ("role",),
    "institutions.tsv": ("name",),
    "armed_groups.tsv": ("name",),
    "people*.tsv": ("name", "country", "role", "start"),
}
"""Actor files an overlay may extend (under ``DIR/actors/``), with their key columns."""


def _languages() -> list[str]:
    root = resources.files("warta.lang")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("triggers.tsv").is_file())


def key_columns(rel: str) -> tuple[str, ...] | None:
    """The key columns of the table an overlay file at ``rel`` (``actors/people_x.tsv``) extends, if any."""
    folder, _, name = rel.rpartition("/")
    if folder == "actors":
        tables = ACTOR_TABLES
    elif folder.startswith("lang/") and folder[5:] in _languages():
        tables = LANG_TABLES
    else:
        return None
    return next((key for pattern, key in tables.items() if fnmatch.fnmatchcase(name, pattern)), None)


@dataclass(slots=True, frozen=True)
class Overlay:
    """A folder of user dictionaries: its path (as given) and its files with a hash of each one's bytes."""

    root: Path
    files: tuple[tuple[str, str], ...]

    def paths(self, pattern: str) -> list[Path]:
        """The overlay's files whose path relative to the folder matches ``pattern``, in name order."""
        return [self.root / rel for rel, _digest in self.files if fnmatch.fnmatchcase(rel, pattern)]


def open_overlay(path: str | Path) -> Overlay:
    """Find the dictionary files in a folder (nothing is parsed yet: :func:`load` checks them).

    Raises:
        WartaError: the folder does not exist or holds no dictionary file.
        LexiconError: a file is misplaced, unknown or unreadable (each one listed).
    """
    root = Path(path)
    if not root.exists():
        raise WartaError(f"{root}: no such folder")
    if not root.is_dir():
        raise WartaError(f"{root}: not a folder")
    problems: list[str] = []
    files: list[tuple[str, str]] = []
    folders = ["actors"] + [f"lang/{lang}" for lang in _languages()]
    if (root / "lang").is_dir():
        for sub in sorted((root / "lang").iterdir()):
            if sub.is_dir() and f"lang/{sub.name}" not in folders:
                problems.append(f"{sub}: no bundled language {sub.name!r} (known: {', '.join(_languages())})")
    for folder in folders:
        if not (root / folder).is_dir():
            continue
        for file in sorted((root / folder).iterdir()):
            if file.suffix != ".tsv":
                continue
            rel = f"{folder}/{file.name}"
            if key_columns(rel) is None:
                known = ", ".join(ACTOR_TABLES if folder == "actors" else LANG_TABLES)
                problems.append(f"{file}: not a table an overlay extends (in {folder}/: {known})")
                continue
            try:
                digest = hashlib.sha256(file.read_bytes()).hexdigest()
            except OSError as exc:
                problems.append(f"{file}: cannot read: {exc.strerror or exc}")
                continue
            files.append((rel, digest))
    for file in sorted(root.glob("*.tsv")):
        for folder, tables in (("lang/id", LANG_TABLES), ("actors", ACTOR_TABLES)):
            if any(fnmatch.fnmatchcase(file.name, pattern) for pattern in tables):
                problems.append(f"{file}: not read; an overlay's {file.name} goes in {root / folder / file.name}")
    if problems:
        raise LexiconError(problems)
    if not files:
        raise WartaError(f"{root}: no dictionary files (actors/*.tsv, lang/id/triggers.tsv, lang/id/nonevents.tsv)")
    return Overlay(root, tuple(files))


def read_table(
    bundled: Sequence[Path],
    rel: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    overlay: Overlay | None = None,
) -> list[Row]:
    """The rows of a bundled table (one or more files) with an overlay's files at ``rel`` applied.

    Raises:
        LexiconError: a bundled or overlay file is malformed, or an overlay row removes nothing.
    """
    rows = [row for path in bundled for row in read_tsv(path, required, optional)]
    if overlay is None:
        return rows
    key = key_columns(rel)
    assert key is not None, rel
    extra = [
        row for path in overlay.paths(rel) for row in read_tsv(path, required, optional, label=str(path), keys=key)
    ]
    return merge(rows, extra, key) if extra else rows


def merge(rows: list[Row], extra: list[Row], key: Sequence[str]) -> list[Row]:
    """Apply overlay rows to bundled ones: new keys are appended, known keys replace every bundled row
    of that key (in the place of the first), removals take them away.

    Raises:
        LexiconError: a removal matches no bundled row.
    """

    def key_of(row: Row) -> tuple[str, ...]:
        return tuple(row.get(c).casefold() for c in key)

    added: dict[tuple[str, ...], list[Row]] = {}
    removals: dict[tuple[str, ...], Row] = {}
    for row in extra:
        k = key_of(row)
        added.setdefault(k, [])
        if row.remove:
            removals.setdefault(k, row)
        else:
            added[k].append(row)
    out: list[Row] = []
    placed: set[tuple[str, ...]] = set()
    for row in rows:
        k = key_of(row)
        if k not in added:
            out.append(row)
        elif k not in placed:
            placed.add(k)
            out.extend(added[k])
    problems = [
        f"{row.where}: removes nothing: no bundled row with {' and '.join(f'{c} {row.get(c)!r}' for c in key)}"
        for k, row in removals.items()
        if k not in placed
    ]
    if problems:
        raise LexiconError(problems)
    out.extend(row for k, rows_ in added.items() if k not in placed for row in rows_)
    return out


F = TypeVar("F", bound=Callable[..., Any])


def cached(maxsize: int) -> Callable[[F], F]:
    """:func:`functools.lru_cache` with the arguments normalised first, so that ``load_lexicon()``,
    ``load_lexicon("id")`` and ``load_lexicon("id", None)`` share one entry (one loaded copy per
    language and overlay). The wrapper keeps ``cache_clear`` and ``cache_info``."""

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        inner = functools.lru_cache(maxsize)(fn)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return inner(*bound.args)

        wrapper.cache_clear = inner.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = inner.cache_info  # type: ignore[attr-defined]
        return cast(F, wrapper)

    return decorate


_ACTIVE: ContextVar[Overlay | None] = ContextVar("warta_dicts", default=None)


def active() -> Overlay | None:
    """The overlay the running pipeline codes with (None: the bundled data alone)."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using(overlay: Overlay | None) -> Iterator[None]:
    """Make ``overlay`` the :func:`active` one inside the block (in this thread or task)."""
    token = _ACTIVE.set(overlay)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def load(overlay: Overlay | None, lang: str = "id") -> None:
    """Load and check everything the coder reads with ``overlay`` applied (the results are cached).

    Raises:
        LexiconError: every problem of the first malformed file.
    """
    from warta.actors_kb import knowledge_base
    from warta.triggers import load_lexicon, load_nonevents

    knowledge_base(overlay)
    load_lexicon(lang, overlay)
    load_nonevents(lang, overlay)
