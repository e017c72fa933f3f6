"""The pipeline: an article goes through the registered stages in turn.

    read (source) → clean → metadata → sentences → actors → time → events → store (with fusion)

``Pipeline("clean", "metadata")(article)`` runs those stages; :func:`process` is the whole flow
for one article. A stage that fails on one article records a :class:`~warta.article.Problem`
(``on_error="record"``, the default for batches) or raises (``on_error="raise"``, for tests).
``Pipeline(dicts=overlay)`` codes with a user's dictionaries (:mod:`warta.dicts`) over the bundled ones.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from warta import dicts as user_dicts
from warta.article import Article, Problem
from warta.errors import WartaError
from warta.stages import DEFAULT_PIPELINE, STAGES, Stage

log = logging.getLogger(__name__)

BASE_FIELDS = frozenset({"ref", "source", "fmt", "raw", "plain", "given"})


class Pipeline:
    """An ordered list of stages, checked when built: each requirement is assigned upstream.

    ``assigned``: fields the articles already carry besides the reader's (a stored article's
    ``text``, ``paragraphs`` and ``meta``, when only the coding stages run again).
    ``dicts``: a user's overlay the stages read with (None: whatever :func:`warta.dicts.active` says,
    the bundled data unless the caller made an overlay active).
    """

    def __init__(
        self,
        *names: str,
        on_error: str = "record",
        assigned: Iterable[str] = (),
        dicts: user_dicts.Overlay | None = None,
    ) -> None:
        if on_error not in ("record", "raise"):
            raise WartaError(f"on_error must be 'record' or 'raise', not {on_error!r}")
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise WartaError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
        available = set(BASE_FIELDS) | set(assigned)
        for name in names:
            missing = STAGES[name].requires - available
            if missing:
                raise WartaError(f"stage {name!r} needs {', '.join(sorted(missing))}, which no earlier stage sets")
            available |= STAGES[name].assigns
        self.stages: tuple[Stage, ...] = tuple(STAGES[n] for n in names or DEFAULT_PIPELINE)
        self.on_error = on_error
        self.dicts = dicts

    def __call__(self, art: Article) -> Article:
        if self.dicts is None:
            return self._run(art)
        with user_dicts.using(self.dicts):
            return self._run(art)

    def _run(self, art: Article) -> Article:
        for stage in self.stages:
            try:
                out = stage.run(art)
            except Exception as exc:
                if self.on_error == "raise":
                    raise
                log.warning("%s: stage %s failed: %s", art.source, stage.name, exc)
                art.problems.append(Problem(stage=stage.name, code="E900", message=f"{type(exc).__name__}: {exc}"))
                return art
            if not isinstance(out, Article):
                raise WartaError(f"stage {stage.name!r} returned {type(out).__name__}, not an Article")
            art = out
        return art

    def pipe(self, arts: Iterable[Article]) -> Iterator[Article]:
        """Run every article through the stages, keeping their order."""
        for art in arts:
            yield self(art)


def process(art: Article) -> Article:
    """The whole per-article flow, as one function: clean → metadata → sentences → actors → time → events."""
    return Pipeline(*DEFAULT_PIPELINE)(art)
