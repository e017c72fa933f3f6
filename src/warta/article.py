"""The one typed document that flows through the pipeline.

A reader creates an :class:`Article` from a file or a feed record; each stage then sets its own
fields, once. Every annotation is a small frozen dataclass, and every offset points into
``Article.text`` (the clean text), which never changes after the ``clean`` stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "year")
PUBLISHED_SOURCES = ("given", "page", "url", "text", "crawl")
"""Where a publication date came from: a feed's ``published`` field, the HTML page's own metadata,
a date in the article's URL, the article's text, or the time a crawler fetched it."""


@dataclass(slots=True, frozen=True, kw_only=True)
class Given:
    """Metadata that came with the input (a feed's fields, an HTML page's own tags).

    A field given by a feed wins over anything the metadata stage infers. ``published_source``
    says whether ``published`` came from the feed (``given``, the default) or from the page's own
    metadata (``page``). ``crawled`` is the day a crawler fetched the article (an IndoSum id's Unix
    time): not a publication date, only the weakest evidence of one, and a bound on it.
    """

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_source: str | None = None
    language: str | None = None
    crawled: str | None = None


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
    """What the metadata stage decided, each decision with the rule that made it.

    ``published_source`` is one of :data:`PUBLISHED_SOURCES`; ``published_rule`` names the rule
    within it (``given``, ``page-metadata``, a URL pattern such as ``url-stamp``, a text rule such
    as ``dateline-weekday``, ``crawl-time``).
    """

    title: str | None = None
    outlet: str | None = None
    outlet_rule: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_rule: str | None = None
    published_source: str | None = None
    language: str | None = None
    url: str | None = None


@dataclass(slots=True, frozen=True, kw_only=True)
class Problem:
    """Something wrong with one input, recorded instead of raised."""

    stage: str
    code: str
    message: str


@dataclass(slots=True, frozen=True, kw_only=True)
class Sentence:
    """A sentence: ``text[start:end]``, in paragraph ``paragraph`` (an index into ``paragraphs``)."""

    start: int
    end: int
    paragraph: int
    is_title: bool = False


@dataclass(slots=True, frozen=True, kw_only=True)
class ActorMention:
    """A reference to an actor: ``text[start:end]``, resolved to a state or an organisation.

    ``kind`` says how it was found: ``state``, ``capital`` (a metonym), ``igo``, ``person``,
    ``role`` (a role or body with its country, "Kementerian Luar Negeri Rusia"), ``coref``
    (a short name or pronoun resolved to an earlier mention) or ``group`` ("kedua negara").
    A ``group`` mention stands for two actors: ``country``/``igo`` and ``other``; ``members`` are
    the mentions it refers back to, when it has them ("keduanya": the two people just named).
    ``focus``: the state was not named with the mention but guessed from what the article is about
    ("polisi", "massa" in a story on one country).
    """

    start: int
    end: int
    sentence: int
    name: str
    kind: str
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    other: str | None = None
    members: tuple[ActorMention, ...] = ()
    focus: bool = False

    @property
    def key(self) -> str | None:
        return self.country or self.igo


@dataclass(slots=True, frozen=True, kw_only=True)
class TimeExpression:
    """A temporal expression ``text[start:end]`` normalised to an ISO prefix at ``precision``."""

    start: int
    end: int
    sentence: int
    value: str
    precision: str
    rule: str


@dataclass(slots=True, frozen=True, kw_only=True)
class Event:
    """A coded event: who did what to whom, with offsets into the clean text.

    ``source``/``target`` are :class:`ActorMention` s; ``trigger`` is ``(start, end)``.
    ``date``/``precision`` come from ``time`` (its own clause, else an earlier anchor in the
    paragraph, else the publication date); ``date_rule`` says which.
    """

    sentence: int
    source: ActorMention
    target: ActorMention
    cameo: str
    trigger: tuple[int, int]
    trigger_text: str
    rule: str
    symmetric: bool = False
    negated: bool = False
    hypothetical: bool = False
    modality: str | None = None
    attribution: str | None = None
    date: str | None = None
    precision: str | None = None
    date_span: tuple[int, int] | None = None
    date_rule: str | None = None
    location: str | None = None
    location_span: tuple[int, int] | None = None
    mentions: tuple[int, ...] = ()


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
        sentences: the sentences of the clean text (set by ``sentences``).
        actors: actor mentions, sentence by sentence (set by ``actors``).
        times: temporal expressions, normalised (set by ``time``); ``reference`` is the date
            relative expressions are resolved against, with its precision and rule.
        events: coded events (set by ``events``).
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
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    reference: tuple[str, str, str] | None = None
    events: tuple[Event, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    def paragraph_texts(self) -> list[str]:
        """The kept paragraphs as strings."""
        return [self.text[p.start : p.end] for p in self.paragraphs]
