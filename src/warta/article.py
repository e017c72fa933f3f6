"""The one typed document that flows through the pipeline.

A reader creates an :class:`Article` from a file or a feed record; each stage then sets its own
fields, once. Every annotation is a small frozen dataclass, and every offset points into
``Article.text`` (the clean text), which never changes after the ``clean`` stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "year")


@dataclass(slots=True, frozen=True, kw_only=True)
class Given:
    """Metadata that came with the input (a feed's fields, an HTML page's own tags).

    A field given by a feed wins over anything the metadata stage infers.
    """

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_precision: str | None = None
    language: str | None = None


@dataclass(slots=True, frozen=True, kw_only=True)
class DroppedLine:
    """A line of the raw text that cleaning removed, with the rule that removed it."""

    line_no: int
    text: str
    rule: str


@dataclass(slots=True, frozen=True, kw_only=True)
class Paragraph:
    """A kept line of the clean text: ``text[start:end]``; ``line_no`` is its raw line."""

    start: int
    end: int
    line_no: int
    is_title: bool = False


@dataclass(slots=True, frozen=True, kw_only=True)
class Meta:
    """What the metadata stage decided, each decision with the rule that made it."""

    title: str | None = None
    outlet: str | None = None
    outlet_rule: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_rule: str | None = None
    language: str | None = None
    url: str | None = None


@dataclass(slots=True, frozen=True, kw_only=True)
class Problem:
    """Something wrong with one input, recorded instead of raised."""

    stage: str
    code: str
    message: str


@dataclass(slots=True, kw_only=True)
class Article:
    """One news article on its way through the pipeline.

    Attributes:
        ref: the article's name: a feed record's ``id``, or a file's base name.
        source: where it was read from (a path, with ``:LINE`` for a feed record).
        fmt: the reader that made it: ``text``, ``html``, ``feed`` or ``indosum``.
        raw: the decoded input: page text, HTML, or a feed record's text.
        plain: the text cleaning works on, one paragraph a line (HTML already extracted).
        given: metadata that came with the input.
        text: the clean text, one paragraph a line (set by ``clean``).
        paragraphs: the kept lines as offsets into ``text`` (set by ``clean``).
        dropped: the removed lines and their rules (set by ``clean``).
        meta: title, outlet, dateline, publication date, language (set by ``metadata``).
        problems: what went wrong, stage by stage.
    """

    ref: str
    source: str
    fmt: str
    raw: str
    plain: str
    given: Given = field(default_factory=Given)
    text: str = ""
    paragraphs: tuple[Paragraph, ...] = ()
    dropped: tuple[DroppedLine, ...] = ()
    meta: Meta | None = None
    problems: list[Problem] = field(default_factory=list)

    def paragraph_texts(self) -> list[str]:
        """The kept paragraphs as strings."""
        return [self.text[p.start : p.end] for p in self.paragraphs]
