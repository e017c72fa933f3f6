"""The shapes the HTTP API answers with: pydantic models that FastAPI checks answers against and
publishes as the response schemas of the OpenAPI description (``/api/openapi.json``, ``/docs``).

Models of records that may grow (an event record, a fused event) accept fields they do not list,
so that a store written by a newer coder is still served whole.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Version(BaseModel):
    """The running Warta."""

    name: str = Field(description="Always `warta`.")
    version: str = Field(description="The package version (pyproject.toml's), as `warta --version` prints it.")


class CameoName(BaseModel):
    """One CAMEO code and its names."""

    code: str = Field(description="CAMEO code, 2 to 4 digits.")
    root: str = Field(description="Its two-digit root.")
    name: str = Field(description="English name (the codebook's).")
    name_id: str | None = Field(description="Indonesian name; written for the 20 roots, null below them.")
    quad_class: int = Field(description="QuadClass 1–4 (common convention).")
    goldstein: float = Field(description="Goldstein weight (GDELT's table).")


class Actor(BaseModel):
    """An actor with fused events."""

    code: str = Field(description="State (ISO 3166-1 alpha-3) or organisation code.")
    name: str = Field(description="Name to show (Indonesian).")
    name_id: str = Field(description="Indonesian name.")
    name_en: str = Field(description="English name.")
    events: int = Field(description="Fused events with this actor on either side.")


class ActorRef(_Open):
    """One side of an event as the article names it."""

    text: str | None = Field(None, description="The words of the article that name the actor.")
    name: str | None = Field(None, description="The actor's name in the actor base.")
    code: str | None = Field(None, description="CAMEO actor code: state or organisation, then sector (KORGOV).")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 state, or null for an organisation.")
    igo: str | None = Field(None, description="International organisation code, or null.")
    sector: str | None = Field(None, description="CAMEO sector (GOV, MIL, …), or null.")


class Evidence(_Open):
    """The sentence that reports the event."""

    sentence: str
    sentence_index: int | None = Field(None, description="Index of the sentence in the article.")
    spans: dict[str, list[int] | None] = Field(
        default_factory=dict,
        description="[start, end] character offsets into the sentence: source, target, trigger, date.",
    )


class Event(_Open):
    """One coded event: the report of an act in one article (the event record of `src/warta/record.py`)."""

    event_id: str
    article: str = Field(description="The article's feed id or file base name.")
    article_id: int | None = Field(None, description="The article's id in the store.")
    source: ActorRef
    target: ActorRef
    cameo: str = Field(description="CAMEO event code.")
    cameo_root: str | None = None
    cameo_name: str | None = Field(None, description="English name of the code.")
    cameo_name_id: str | None = Field(None, description="Indonesian name of the code (roots), else null.")
    quad_class: int | None = Field(None, description="QuadClass 1–4.")
    goldstein: float | None = None
    date: str | None = Field(None, description="ISO date or prefix, at its precision.")
    date_precision: str | None = Field(None, description="day, month or year.")
    trigger: str | None = None
    negated: bool = False
    hypothetical: bool = False
    evidence: Evidence
    confidence: float | None = None


class EventPage(BaseModel):
    """A page of coded events."""

    total: int = Field(
        description="Events matching the filters, all pages: exact when `total_exact`, else a lower bound (the "
        "count stops at 1,000 unless `count=true` is asked)."
    )
    total_exact: bool = Field(True, description="Whether `total` is the exact count.")
    limit: int
    offset: int
    next: str | None = Field(
        None, description="Cursor of the next page (pass it as `after` with the same filters), or null on the last."
    )
    items: list[Event]


class EventDetail(BaseModel):
    """One coded event and the fused event it belongs to."""

    record: Event
    canonical_id: int | None = Field(description="Its fused event, or null when it is not fused yet.")


class FusedEvent(_Open):
    """A fused (canonical) event: one act, however many reports."""

    canonical_id: int
    source_actor: str
    target_actor: str
    symmetric: int = Field(description="1 for a mutual act (a meeting), reported in either direction.")
    cameo: str = Field(description="CAMEO code of the first report.")
    cameo_root: str
    cameo_name: str | None = Field(None, description="English name of the code.")
    cameo_name_id: str | None = Field(None, description="Indonesian name of the code (roots), else null.")
    quad_class: int
    goldstein: float | None = None
    date: str | None = Field(None, description="The finest date the reports agree on (ISO prefix).")
    date_precision: str | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    num_mentions: int = Field(description="Sentences reporting it, all articles.")
    num_articles: int
    num_sources: int = Field(description="Independent outlets (near-duplicate articles count once).")
    confidence: float | None = None


class FusedPage(BaseModel):
    """Fused events, oldest first (undated first)."""

    total: int = Field(description="How many match: exact up to 1,000 unless `count=true` (see `total_exact`).")
    total_exact: bool = Field(description="Whether `total` is the exact count, not the cap.")
    items: list[FusedEvent]


class Mention(BaseModel):
    """One report of a fused event: the article and its event record."""

    event_id: str
    article_id: int
    article: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    record: Event


class FusedDetail(FusedEvent):
    """A fused event with every report."""

    name: str = Field(description="English name of the code.")
    mentions: list[Mention]


class Period(BaseModel):
    """One period of a timeline."""

    period: str = Field(description="2024-06-21, 2024-W25, 2024-06, 2024-Q2 or 2024.")
    start: str = Field(description="Its first day.")
    end: str = Field(description="Its last day.")
    events: int
    by_quad: dict[str, int] = Field(description="Events by QuadClass, keys 1–4.")
    by_root: dict[str, int] = Field(description="Events by CAMEO root (only the roots that occur).")
    goldstein_sum: float
    goldstein_mean: float | None = Field(description="Null for a period without events.")
    canonical_ids: list[int] | None = Field(description="Its fused events; null when asked without them (`ids=false`).")


class TopType(BaseModel):
    cameo: str
    name: str
    name_id: str | None
    events: int


class Timeline(BaseModel):
    """Fused events of a dyad (or of one actor) per period."""

    actor: str
    other: str | None
    directed: bool
    by: str
    filled: bool = Field(description="Whether the periods without events are listed.")
    events: int = Field(description="Fused events, dated or not.")
    undated: int = Field(description="Events dated more coarsely than the period (not in any period).")
    periods: list[Period]
    goldstein_sum: float
    goldstein_mean: float | None
    top_types: list[TopType]
    first: FusedEvent | None
    last: FusedEvent | None


class ArticleSummary(_Open):
    """A stored article."""

    article_id: int
    ref: str = Field(description="Feed id or file base name.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date (ISO prefix).")
    published_precision: str | None = None
    language: str | None = None
    duplicate_of: int | None = Field(None, description="The article this one nearly duplicates, if any.")


class SnippetPart(BaseModel):
    text: str
    hit: bool = Field(description="Whether this part matches the query.")


class ArticleHit(ArticleSummary):
    """An article found by full-text search."""

    snippet: str = Field(description="The passage that matches, each hit marked with [ and ].")
    snippet_parts: list[SnippetPart] = Field(description="The same passage in parts, hits flagged (no markers).")


class ArticlePage(BaseModel):
    total: int
    items: list[ArticleHit | ArticleSummary]


class DroppedLine(BaseModel):
    line_no: int
    text: str
    rule: str = Field(description="The cleaning rule that removed the line.")


class EventSentence(BaseModel):
    """A sentence of the article that produced events."""

    start: int = Field(description="Character offset of the sentence in `text`.")
    end: int
    sentence_index: int | None
    event_ids: list[str]
    cameo: list[str] = Field(description="The codes of its events, in the order of `event_ids`.")


class ArticleDetail(ArticleSummary):
    """One article: clean text, metadata, the lines cleaning removed, its events."""

    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    outlet_rule: str | None = None
    published_rule: str | None = None
    text: str = Field(description="The clean text; paragraphs end with a newline.")
    paragraphs: list[list[int | bool]]
    dropped: list[DroppedLine]
    problems: list[str]
    events: list[Event] = Field(description="Every coded event, negated and hypothetical ones included.")
    event_sentences: list[EventSentence] = Field(description="Where in `text` the sentences that produced events are.")


class SearchResult(BaseModel):
    articles: list[ArticleHit]
    events: list[Event] = Field(description="Events whose evidence sentence contains the words.")


class Posted(BaseModel):
    """What became of a posted article."""

    status: str = Field(
        description="new, present (already stored) or near-duplicate (stored, linked to the article it repeats)."
    )
    article_id: int
    duplicate_of: int | None
    events: list[Event]
    fused_ids: list[int] = Field(description="The fused events its events joined or started.")
