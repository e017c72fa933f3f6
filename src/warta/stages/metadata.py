"""Metadata: title, outlet, dateline place, publication date with its precision, language.

Requires ``text``, ``paragraphs`` and ``dropped``; assigns ``meta``. Reads ``lang/id/outlets.tsv``,
``months.tsv``, ``weekdays.tsv`` and ``url_dates.tsv``.

Each value records the rule that set it. Fields given by a feed win; otherwise, in order:

* outlet: the feed or page → the dateline ("Seoul (ANTARA) -", "Liputan6.com, Moskow -",
  "PALEMBANG, PALTV.CO.ID,-") → a layout signature (KBS World's "Write: … Update: …" stamp) →
  a copyright, credit or byline line naming a known outlet → the URL's domain;
* publication date, with its source (:data:`~warta.article.PUBLISHED_SOURCES`): the feed
  (``given``) or the page's own metadata (``page``) → a date in the URL (``url``: the shapes of
  ``lang/id/url_dates.tsv``, such as ``/2017/08/26/`` or ``/20170826165159-106-…``; one more than a
  day after the crawl time, or today, is ignored with a W202 problem) → the text (``text``): a
  stamp line ("Write: 2025-05-22 …"), a citation date ("dikutip dari Channel News Asia
  (10/4/2018)"), the dateline weekday ("Minggu (21/12)", its year from the page's anchors such as
  "Copyright © ANTARA 2025", the weekday checked), a full date in the lede ("Pada Jumat, 21 Juni
  2024", month precision: it bounds, not states, the publication) → the crawl time (``crawl``).
  When a crawl time is known, a text date stands only at day precision and within
  :data:`TEXT_BEFORE_CRAWL_DAYS` days before it. Otherwise unknown: no date is ever invented.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlparse

from warta.article import Article, Meta, Problem
from warta.errors import LexiconError
from warta.lang import normalise as normalise_language
from warta.lang.id.dates import load_calendar
from warta.lexicon import compile_rows, data_path, read_tsv


@dataclass(slots=True, frozen=True)
class Outlets:
    """The outlet table: aliases (casefolded) and domains to canonical names, and signatures."""

    by_alias: dict[str, str]
    by_domain: dict[str, str]
    signatures: tuple[tuple[re.Pattern[str], str], ...]

    def canonical(self, name: str) -> str:
        """The canonical name of an outlet alias, or the name itself, trimmed."""
        name = name.strip(" ,.-")
        return self.by_alias.get(name.casefold(), name)

    def from_url(self, url: str) -> str | None:
        """The outlet whose domain the URL's host ends in; None if none does or the URL is broken."""
        host = _url_host(url)
        parts = host.split(".")
        for i in range(len(parts) - 1):
            if (outlet := self.by_domain.get(".".join(parts[i:]))) is not None:
                return outlet
        return None


@functools.cache
def load_outlets(lang: str = "id") -> Outlets:
    rows = read_tsv(data_path(lang, "outlets.tsv"), required=("outlet", "aliases"), optional=("domains", "signature"))
    by_alias: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    sigs: list[tuple[re.Pattern[str], str]] = []
    for row in rows:
        name = row["outlet"]
        for alias in [name, *row["aliases"].split("|")]:
            by_alias[alias.strip().casefold()] = name
        for dom in filter(None, row.get("domains").split("|")):
            by_domain[dom.strip().casefold()] = name
            by_alias.setdefault(dom.strip().casefold(), name)
        if row.get("signature"):
            sigs.append((re.compile(row["signature"], re.IGNORECASE), name))
    return Outlets(by_alias, by_domain, tuple(sigs))


# -- dateline ------------------------------------------------------------------------------------

_DASH = r"\s*,?\s*[-–—]+\s*"
_DATELINES = (
    # Seoul (ANTARA) -
    re.compile(r"^(?P<place>[A-Z][\w'.]*(?:[ -][A-Z][\w'.]*){0,3})\s*\((?P<outlet>[^)]{2,30})\)" + _DASH),
    # Liputan6.com, Moskow -  /  TEMPO.CO, Jakarta -
    re.compile(r"^(?P<outlet>[\w-]+(?:\.[\w-]+)*\.(?i:com|co\.id|co|id|net|org)),\s*(?P<place>[^-–—,]{2,40}?)" + _DASH),
    # PALEMBANG, PALTV.CO.ID,-  /  JAKARTA, KOMPAS.com -  /  Jakarta, CNN Indonesia --
    re.compile(
        r"^(?P<place>[A-Z][\w'.]*(?:\s[A-Z][\w'.]*){0,3}),\s*"
        r"(?P<outlet>[\w-]+(?:\.[\w-]+)+|[A-Z][\w]+(?:\s[A-Z][\w]+){0,2})" + _DASH
    ),
    # JAKARTA -  /  Jakarta - Presiden …  (place only)
    re.compile(r"^(?P<place>[A-Z][A-Z'.]+(?:\s[A-Z][A-Z'.]+){0,3})" + _DASH),
    re.compile(r"^(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s[-–—]{1,2}\s(?=[A-Z\"“])"),
)


@dataclass(slots=True, frozen=True)
class Dateline:
    place: str
    outlet: str | None
    end: int = 0  # where the dateline ends in the paragraph


def find_dateline(paragraph: str, outlets: Outlets) -> Dateline | None:
    """The dateline at the start of a paragraph: its place and, when given, its outlet."""
    for i, pattern in enumerate(_DATELINES):
        m = pattern.match(paragraph)
        if not m:
            continue
        outlet = m.groupdict().get("outlet")
        if i == 2 and outlet and "." not in outlet and outlet.casefold() not in outlets.by_alias:
            continue  # "Jakarta, Presiden -": a word after a comma is no outlet unless known
        place = m["place"].strip()
        return Dateline(
            place.title() if place.isupper() else place, outlets.canonical(outlet) if outlet else None, m.end()
        )
    return None


# -- dates ---------------------------------------------------------------------------------------

_COPYRIGHT_YEAR = re.compile(r"(?:©|copyright|hak\s+cipta|\(c\))\D{0,60}?((?:19|20)\d{2})", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


@functools.cache
def _date_patterns(lang: str) -> dict[str, re.Pattern[str]]:
    cal = load_calendar(lang)
    wd, mo = cal.weekday_re, cal.month_re
    return {
        "written": re.compile(rf"\b(\d{{1,2}})\s+({mo})\.?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE),
        "numeric": re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)?\d{2})\b"),
        "citation": re.compile(
            r"\b(?:dikutip\s+dari|dilansir\s+(?:dari)?|mengutip|melansir|seperti\s+dikutip|dari\s+laman)"
            r"[^()]{2,80}?\((\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\)",
            re.IGNORECASE,
        ),
        "weekday_dm": re.compile(rf"\b({wd})\s*\((\d{{1,2}})/(\d{{1,2}})(?:/((?:19|20)?\d{{2}}))?\)", re.IGNORECASE),
    }


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year4(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


def _stamp_date(lines: list[str], lang: str) -> date | None:
    pats = _date_patterns(lang)
    months = load_calendar(lang).months
    for line in lines:
        if m := _ISO_DATE.search(line):
            if d := _safe_date(int(m[1]), int(m[2]), int(m[3])):
                return d
        if m := pats["written"].search(line):
            if d := _safe_date(int(m[3]), months[m[2].casefold()], int(m[1])):
                return d
        if m := pats["numeric"].search(line):
            if d := _safe_date(_year4(m[3]), int(m[2]), int(m[1])):
                return d
    return None


def resolve_weekday_date(weekday: int, day: int, month: int, anchors: list[int], mentioned: list[int]) -> date | None:
    """The date of "Minggu (21/12)": the year comes from the page's anchors, the weekday must agree.

    Args:
        weekday: ISO weekday named in the text (Monday = 1).
        day, month: the numbers in brackets.
        anchors: years that bound the publication from above (copyright lines, stamps).
        mentioned: years mentioned in the text, used when there is no anchor.

    Returns:
        The latest date with that weekday in the candidate years, or None.
    """
    if anchors:
        top = max(anchors)
        candidates = list(range(top, top - 7, -1))
    elif mentioned:
        top = max(mentioned)
        candidates = [top + 1, top]
    else:
        return None
    for year in candidates:
        d = _safe_date(year, month, day)
        if d is not None and d.isoweekday() == weekday:
            return d
    return None


def _publication(art: Article, body: list[str], lang: str) -> tuple[str | None, str | None, str | None]:
    """(published, precision, rule) from the page itself."""
    pats = _date_patterns(lang)
    cal = load_calendar(lang)
    stamps = [d.text for d in art.dropped if d.rule == "stamp"]
    if d := _stamp_date(stamps, lang):
        return d.isoformat(), "day", "stamp"
    for para in body:
        if m := pats["citation"].search(para):
            if d := _safe_date(int(m[3]), int(m[2]), int(m[1])):
                return d.isoformat(), "day", "citation-date"
    lede = body[:2]
    all_lines = [art.text, *(d.text for d in art.dropped)]
    anchors = [int(y) for line in all_lines for y in _COPYRIGHT_YEAR.findall(line)]
    mentioned = [int(y) for y in _YEAR.findall(art.text)]
    for para in lede:
        for m in pats["weekday_dm"].finditer(para):
            weekday, day, month = cal.weekdays[m[1].casefold()], int(m[2]), int(m[3])
            if m[4]:
                d = _safe_date(_year4(m[4]), month, day)
                if d is not None and d.isoweekday() != weekday:
                    art.problems.append(Problem(stage="metadata", code="W201", message=f"weekday disagrees: {m[0]!r}"))
                    d = None
            else:
                d = resolve_weekday_date(weekday, day, month, anchors, mentioned)
            if d is not None:
                return d.isoformat(), "day", "dateline-weekday"
    for para in lede:
        if m := pats["written"].search(para):
            if d := _safe_date(int(m[3]), cal.months[m[2].casefold()], int(m[1])):
                return f"{d:%Y-%m}", "month", "lede-date"
    return None, None, None


# -- URL dates -----------------------------------------------------------------------------------

MIN_URL_YEAR = 1990
"""A URL date before this year is no publication date (it is an article number that looks like one)."""
TEXT_BEFORE_CRAWL_DAYS = 7
"""With a crawl time, a text date stands only this many days before it (or one day after). On the
1,745 IndoSum articles with a year, month and day in their URL, the crawl day is that day for 330;
a day-precision text date in this window, else the crawl day, for 435 (on the 310 where the text
date stands, 182 against 77); any text date, else the crawl day, for 434: the dateline weekday's
year guesses can be years off."""


@dataclass(slots=True, frozen=True)
class UrlDatePattern:
    """One URL shape that carries a date: a row of ``url_dates.tsv``."""

    rule: str
    pattern: re.Pattern[str]
    example: str
    date: str
    utc_offset: int = 0


_URL_DATE_GROUPS = ({"y", "m", "d"}, {"y", "m", "d", "H", "M", "S"}, {"ms"})


@functools.cache
def load_url_dates(lang: str = "id") -> tuple[UrlDatePattern, ...]:
    """Load and validate ``lang/<lang>/url_dates.tsv``.

    Raises:
        LexiconError: a row's pattern does not compile, has groups other than ``y m d [H M S]``
            or ``ms``, or its ``date`` or ``utc_offset`` is not a date or a whole number of hours.
    """
    rows = read_tsv(
        data_path(lang, "url_dates.tsv"),
        required=("rule", "pattern", "example", "date"),
        optional=("utc_offset", "note"),
    )
    compiled, problems = compile_rows(rows, "pattern")
    out = []
    for row, pat in compiled:
        if set(pat.groupindex) not in _URL_DATE_GROUPS:
            problems.append(
                f"{row.where}: pattern groups must be y, m, d (and H, M, S) or ms, not {sorted(pat.groupindex)}"
            )
            continue
        try:
            date.fromisoformat(row["date"])
            offset = int(row.get("utc_offset", "0"))
        except ValueError as exc:
            problems.append(f"{row.where}: {exc}")
            continue
        out.append(UrlDatePattern(row["rule"], pat, row["example"], row["date"], offset))
    if problems:
        raise LexiconError(problems)
    return tuple(out)


def _url_host(url: str) -> str:
    """The URL's host without ``www.``; empty for a broken URL such as ``http://[::1``."""
    try:
        return (urlparse(url.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _url_path(url: str) -> str:
    try:
        return urlparse(url.strip()).path
    except ValueError:  # "http://[::1": a broken host; the path cannot be told apart
        return ""


def _match_date(m: re.Match[str], pattern: UrlDatePattern) -> date | None:
    g = m.groupdict()
    try:
        if g.get("ms"):
            stamp = datetime.fromtimestamp(int(g["ms"]) / 1000, tz=timezone(timedelta(hours=pattern.utc_offset)))
            d = stamp.date()
        else:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
            if g.get("H") is not None and not (int(g["H"]) < 24 and int(g["M"]) < 60 and int(g["S"]) < 60):
                return None
    except (ValueError, OverflowError, OSError):
        return None
    return d if d.year >= MIN_URL_YEAR else None


def url_dates(url: str, lang: str = "id") -> list[tuple[date, str]]:
    """Every calendar date the URL's path carries, with the rule of its shape, in table order.

    Only the path is read (a query such as ``?utm_campaign=20170824`` is no date). A match that is
    not on the calendar (``/2017/13/45/``), a time that is not on the clock, or a year before
    :data:`MIN_URL_YEAR` is skipped; whether the date is plausible for the article (not after its
    crawl time) is the caller's to check.
    """
    path = _url_path(url)
    out = []
    for pattern in load_url_dates(lang):
        for m in pattern.pattern.finditer(path):
            if (d := _match_date(m, pattern)) is not None:
                out.append((d, pattern.rule))
    return out


def url_publication(art: Article, latest: date, lang: str = "id") -> tuple[date, str] | None:
    """The first date in ``art``'s URL that is not more than a day after ``latest`` (the crawl
    time, or today), with its rule; each later date is recorded as a W202 problem and passed over."""
    if not art.given.url:
        return None
    for d, rule in url_dates(art.given.url, lang):
        if d <= latest + timedelta(days=1):
            return d, rule
        art.problems.append(
            Problem(stage="metadata", code="W202", message=f"URL date {d} is after {latest}; not taken as the date")
        )
    return None


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _within_crawl(published: str | None, precision: str | None, crawled: date) -> bool:
    """A text date that the crawl time lets stand: at day precision, not long before it, not after."""
    d = _parse_day(published) if precision == "day" else None
    return d is not None and -1 <= (crawled - d).days <= TEXT_BEFORE_CRAWL_DAYS


# -- language ------------------------------------------------------------------------------------

LANGUAGE_SAMPLE_CHARS = 400
"""Characters read for language detection; its cost grows with the sample (about 1.3 µs a
character). On the 3,423 IndoSum articles (all Indonesian) 600 characters called 27 Malay."""
LANGUAGE_RECHECK_CHARS = 4000
"""A document called Malay (or anything but Indonesian and English) on the short sample is
re-read on this many characters: that recheck brings the IndoSum errors from 27 to a handful at
the cost of 1% of documents."""


@functools.cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    # The languages an Indonesian news reader meets; each Latin-script one adds to the cost,
    # the others are told apart by script almost for free.
    langs = [
        Language.INDONESIAN, Language.MALAY, Language.ENGLISH,
        Language.RUSSIAN, Language.ARABIC, Language.CHINESE, Language.JAPANESE, Language.KOREAN,
    ]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the document's language (Indonesian, Malay, English, …), or None."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return None
    lang = _detector().detect_language_of(sample)
    code = lang.iso_code_639_1.name.lower() if lang is not None else None
    if code not in ("id", "en") and len(text) > LANGUAGE_SAMPLE_CHARS:
        lang = _detector().detect_language_of(text[:LANGUAGE_RECHECK_CHARS])
        code = lang.iso_code_639_1.name.lower() if lang is not None else None
    return code


# -- the stage -----------------------------------------------------------------------------------


def extract_metadata(art: Article, lang: str = "id") -> Article:
    """Run the metadata stage on ``art`` (see the module docstring)."""
    outlets = load_outlets(lang)
    paras = art.paragraph_texts()
    title = art.given.title
    if title is None:
        title = next((art.text[p.start : p.end] for p in art.paragraphs if p.is_title), None)
    body = [t for p, t in zip(art.paragraphs, paras, strict=True) if not p.is_title]

    dateline = next((dl for para in body[:2] if (dl := find_dateline(para, outlets))), None)
    outlet, outlet_rule = None, None
    credit_outlet = _credit_outlet(art, outlets)
    sig = next((name for pat, name in outlets.signatures for d in art.dropped if pat.search(d.text)), None)
    for value, rule in (
        (art.given.outlet, "given"),
        (dateline.outlet if dateline else None, "dateline"),
        (sig, "layout"),
        (credit_outlet, "credit"),
        (outlets.from_url(art.given.url) if art.given.url else None, "url"),
    ):
        if value:
            outlet, outlet_rule = outlets.canonical(value), rule
            break

    crawled = _parse_day(art.given.crawled)
    source: str | None
    if art.given.published:
        published, precision = art.given.published, art.given.published_precision
        source = art.given.published_source or "given"
        rule = "page-metadata" if source == "page" else "given"
    elif found := url_publication(art, crawled or date.today(), lang):
        published, precision, rule, source = found[0].isoformat(), "day", found[1], "url"
    else:
        published, precision, rule = _publication(art, body, lang)
        source = "text" if published else None
        if crawled is not None and not _within_crawl(published, precision, crawled):
            published, precision, rule, source = crawled.isoformat(), "day", "crawl-time", "crawl"

    art.meta = Meta(
        title=title,
        outlet=outlet,
        outlet_rule=outlet_rule,
        dateline=dateline.place if dateline else None,
        published=published,
        published_precision=precision,
        published_rule=rule,
        published_source=source,
        language=normalise_language(art.given.language) or detect_language(art.text),
        url=art.given.url,
    )
    return art


_CREDIT_RULES = ("legal", "credit", "header-debris", "footer-debris")


def _credit_outlet(art: Article, outlets: Outlets) -> str | None:
    """A known outlet named in a copyright, credit or byline line ("Rizki P - detikNews")."""
    for d in art.dropped:
        if d.rule not in _CREDIT_RULES:
            continue
        words = re.findall(r"[\w][\w.]*", d.text)
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                name = " ".join(words[i : i + n]).strip(".").casefold()
                if len(name) >= 4 and name in outlets.by_alias:
                    return outlets.by_alias[name]
    return None
