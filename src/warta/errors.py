"""Errors: bad input is reported and skipped; misconfiguration raises.

Messages carry a code (``[W101]``) a user can search for, and say what went wrong and where.
"""

from __future__ import annotations


class WartaError(Exception):
    """Base of every error Warta raises on purpose."""


class InputError(WartaError):
    """One input (a file, or a line of a feed) cannot be read; the rest of the batch goes on.

    Attributes:
        path: the file.
        line: the line of a feed, when the problem is one record.
        code: a short code such as ``W101``.
        reason: what is wrong, in one line.
    """

    def __init__(self, path: str, code: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.code = code
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: [{code}] {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str, int | None]]:
        # pickled with its fields (worker processes send errors back), not only its message
        return (InputError, (self.path, self.code, self.reason, self.line))


class LexiconError(WartaError):
    """A shipped or user data file is malformed; every problem is listed in the message."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid language data:\n  " + "\n  ".join(problems))


class StoreError(WartaError):
    """The database cannot be opened or is of an unknown schema version."""


# Input problem codes, one per kind of bad input (see docs in README, "Bad input").
EMPTY = "W101"
BINARY = "W102"
TRUNCATED = "W103"
OVERSIZED = "W104"
BAD_JSON = "W105"
BAD_RECORD = "W106"
NO_TEXT = "W107"
UNSUPPORTED = "W108"
UNREADABLE = "W109"

# Failures inside Warta on one input: reported and skipped like bad input, so a batch goes on.
INTERNAL = "E900"
"""An unexpected error while reading or processing one input (a bug, or input beyond a limit)."""
STORE_FAILED = "E901"
"""The store refused one article."""
