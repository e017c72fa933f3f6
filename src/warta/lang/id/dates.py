"""Indonesian date expressions: found in a sentence and normalised against the publication date.

The Indonesian pack's date rules (:mod:`warta.lang.id`), called by the ``time`` stage
(:mod:`warta.stages.time`). Reads ``lang/id/months.tsv`` and ``weekdays.tsv``.

Every expression gets an ISO prefix at its precision (``2025-05-21``, ``2025-05``, ``2025``)
and the rule that read it. Three kinds of expression, three bases:

* absolute: "21 Juni 2024", "Selasa, 10 April 2018", "(10/4/2018)", "Oktober 2023", "sejak 2006",
  "pada tahun 2024"; a date without a year ("7 Februari", "Rabu (21/05)") takes the reference
  year, moved back a year when that would put it well after the reference;
* relative to the reference (the publication date): "kemarin", "pekan lalu", "bulan lalu",
  "tahun lalu", "September lalu", "Januari tahun lalu", "pertengahan Januari", "akhir bulan ini",
  "tiga hari lalu", "baru-baru ini", a bare weekday ("Jumat", "Senin lalu");
* relative to the narrative anchor (the last day-precise date before it in the article):
  "pada hari yang sama", "pada hari Kamis sebelumnya", "keesokan harinya", "sehari sebelumnya".

A weekday given with a date must agree with it; where it does not, the nearest year in which it
does is taken (rule suffix ``+weekday-year``), else the date is kept and flagged
(``!weekday-mismatch``). Durations ("tujuh tahun terakhir", "75 tahun"), bare numbers and phone
numbers are not dates: a bare year counts only after a preposition or "tahun".

The reference is the publication date; a page without one gets the latest date its text states
("Pada tanggal 7 Februari … pada tahun 2024" → 2024-02-07, rule ``inferred``), never the date of
the run. English dates in quotes or citations ("June 21, 2024") are read by dateparser.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from warta.article import Article, TimeExpression
from warta.lexicon import data_path, read_tsv


@dataclass(slots=True, frozen=True)
class Calendar:
    """Month and weekday names of a language, and one regex alternation for each."""

    months: dict[str, int]
    weekdays: dict[str, int]
    month_re: str
    weekday_re: str


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@functools.cache
def load_calendar(lang: str = "id") -> Calendar:
    """The month and weekday names of ``lang/<lang>/months.tsv`` and ``weekdays.tsv`` (the metadata stage
    reads publication dates with them too)."""
    months = {
        n.strip(): int(r["month"])
        for r in read_tsv(data_path(lang, "months.tsv"), ("month", "names"))
        for n in r["names"].split("|")
    }
    weekdays = {
        n.strip(): int(r["weekday"])
        for r in read_tsv(data_path(lang, "weekdays.tsv"), ("weekday", "names"))
        for n in r["names"].split("|")
    }
    return Calendar(months, weekdays, _alternation(months), _alternation(weekdays))


_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")
_DIGIT = re.compile(r"\d")
NUMBER_WORDS = {
    "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}  # fmt: skip


@dataclass(slots=True, frozen=True)
class Ref:
    """A base date: ``day`` is exact when ``precision`` is ``day``, else the first day of its period."""

    day: date
    precision: str

    @property
    def value(self) -> str:
        return iso(self.day, self.precision)


@dataclass(slots=True, frozen=True)
class Found:
    start: int
    end: int
    value: str
    precision: str
    rule: str


def iso(d: date, precision: str) -> str:
    """``date`` as an ISO prefix at ``precision``."""
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[precision]


def parse_iso(value: str) -> Ref:
    """``"2024-06"`` → ``Ref(2024-06-01, "month")``."""
    parts = [int(p) for p in value.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return Ref(date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1), precision)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def _num(word: str) -> int | None:
    word = word.casefold()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _year4(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


_LAW_NUMBER = re.compile(
    r"\b(?:Nomor|No\.?|Nomer|UU|Undang-Undang|Perppu|Perpu|PP|Perpres|Permen\w*|Keppres|Perda)\s*\d+[A-Za-z]?\s*$",
    re.IGNORECASE,
)
"""What precedes the year of a law or a decree: "UU Nomor 31 Tahun 1999"."""


class _Rules:
    """The compiled patterns of one language, each with its handler."""

    def __init__(self, lang: str) -> None:
        cal = load_calendar(lang)
        self.months = cal.months
        self.weekdays = cal.weekdays
        mo = r"(?:" + cal.month_re + r")\.?"
        wd = r"(?:" + cal.weekday_re + r")"
        num = r"(?:\d{1,2}|se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)"
        y4 = r"((?:19|20)\d{2})"
        i = re.IGNORECASE
        self.rules: list[tuple[str, re.Pattern[str], Callable[..., Found | None]]] = [
            ("iso", re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b"), self._iso),
            ("full", re.compile(rf"\b(?:({wd})\s*,?\s+)?(?:tanggal\s+)?(\d{{1,2}})\s+({mo})\s+{y4}\b", i), self._full),
            ("weekday-numeric", re.compile(rf"\b({wd})(?:\s+(?:malam|pagi|siang|sore|dini\s+hari))?\s*,?\s*\(?\s*"
                                           r"(\d{1,2})\s?/\s?(\d{1,2})(?:\s?/\s?(\d{2,4}))?\s*\)?", i),
             self._weekday_numeric),
            ("numeric", re.compile(r"(?<![\d/.])(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?((?:19|20)\d{2})(?![\d/])"),
             self._numeric),
            ("english", re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November"
                                   r"|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b"), self._english),
            ("day-month", re.compile(rf"\b(?:({wd})\s*,?\s+)?(?:tanggal\s+)?(\d{{1,2}})\s+({mo})(?!\s*\d)"
                                     r"(?:\s+(lalu|kemarin|mendatang|depan|nanti))?\b", i), self._day_month),
            ("month-year", re.compile(rf"\b(?:(awal|pertengahan|medio|akhir)\s+)?(?:bulan\s+)?({mo})\s+"
                                      rf"(?:tahun\s+)?{y4}\b", i), self._month_year),
            ("month-relative-year", re.compile(rf"\b(?:(awal|pertengahan|akhir)\s+)?(?:bulan\s+)?({mo})\s+tahun\s+"
                                               r"(lalu|kemarin|ini|depan|mendatang)\b", i), self._month_rel_year),
            ("month-relative", re.compile(rf"\b(?:(awal|pertengahan|akhir)\s+)?(?:bulan\s+)?({mo})\s+"
                                          r"(lalu|kemarin|mendatang|depan|nanti|ini)\b", i), self._month_rel),
            ("month", re.compile(rf"\b(?:pada|sejak|hingga|sampai|awal|pertengahan|medio|akhir|bulan|per)\s+"
                                 rf"(?:bulan\s+)?({mo})(?!\s*\d)\b"
                                 r"(?!\s+(?:lalu|kemarin|mendatang|depan|nanti|ini|tahun)\b)", i), self._month),
            ("year", re.compile(rf"\b(?:(?:pada|sejak|hingga|sampai|awal|pertengahan|medio|akhir|per|selama|di)\s+"
                                rf"(?:tahun\s+)?|tahun\s+){y4}\b(?!-an)", i), self._year),
            ("period-relative", re.compile(r"\b(?:(awal|pertengahan|akhir)\s+)?(tahun|bulan|pekan|minggu)\s+"
                                           r"(lalu|kemarin|ini|depan|mendatang|nanti)\b", i), self._period_rel),
            ("ago", re.compile(rf"\b({num})\s*(hari|pekan|minggu|bulan|tahun)\s+(?:yang\s+)?(lalu|silam)\b", i),
             self._ago),
            ("ago", re.compile(r"\b(sehari|sepekan|seminggu|sebulan|setahun)\s+(?:yang\s+)?(lalu|silam)\b", i),
             self._ago_se),
            ("deictic", re.compile(r"\b(kemarin\s+lusa|kemarin|hari\s+ini|besok|lusa|tadi\s+malam|tadi\s+pagi|"
                                   r"semalam|pagi\s+ini|siang\s+ini|sore\s+ini|malam\s+ini|pagi\s+tadi|"
                                   r"baru-baru\s+ini|belum\s+lama\s+ini|beberapa\s+waktu\s+lalu)\b", i), self._deictic),
            ("anaphoric", re.compile(rf"\b(?:pada\s+|di\s+)?(?:hari\s+)?({wd})\s+sebelumnya\b", i), self._wd_before),
            ("anaphoric", re.compile(r"\b(?:pada\s+|di\s+)?(hari|tanggal)\s+yang\s+sama\b|\bkeesokan\s+harinya\b|"
                                     r"\bsehari\s+(?:sebelumnya|kemudian|setelahnya)\b", i), self._anaphoric),
            ("anaphoric", re.compile(rf"\b({num})\s+(hari|pekan|minggu)\s+(kemudian|setelahnya|sebelumnya)\b", i),
             self._n_days_from_anchor),
            ("weekday", re.compile(rf"\b(?:pada\s+)?(?:hari\s+)?({wd})\b(?!\s*[(,]?\s*\d)(?:\s+((?:pekan|minggu)\s+"
                                   r"(?:lalu|depan)|lalu|kemarin|depan|mendatang|ini|nanti))?", i), self._weekday),
        ]  # fmt: skip

        months = frozenset(n.casefold().rstrip(".") for n in cal.months)
        weekdays = frozenset(n.casefold() for n in cal.weekdays)
        english = frozenset(
            "january february march april may june july august september october november december".split()
        )
        digit = frozenset({"<digit>"})
        cue = {
            "iso": digit, "full": digit, "weekday-numeric": digit, "numeric": digit, "english": english,
            "day-month": digit, "month-year": months, "month-relative-year": months, "month-relative": months,
            "month": months, "year": digit, "period-relative": frozenset("tahun bulan pekan minggu".split()),
            "ago": frozenset("lalu silam".split()),
            "deictic": frozenset(
                "kemarin hari besok lusa malam pagi siang sore semalam tadi baru-baru belum beberapa".split()
            ),
            "anaphoric": frozenset("sebelumnya sama keesokan sehari kemudian setelahnya".split()), "weekday": weekdays,
        }  # fmt: skip
        self.cues: list[frozenset[str]] = [cue[name] for name, _, _ in self.rules]
        """Words (or ``<digit>``) without which a rule cannot match: a rule whose cue words are all absent
        from a sentence is not run on it."""

    def month(self, word: str) -> int:
        return self.months[word.rstrip(".").casefold()]

    def weekday(self, word: str) -> int:
        return self.weekdays[word.casefold()]

    # -- handlers: each returns (value, precision, rule) or None ------------------------------------
    def _iso(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        return (iso(d, "day"), "day", "iso") if d else None

    def _check_weekday(self, d: date, wd: str | None, rule: str) -> tuple[date, str]:
        if not wd or d.isoweekday() == self.weekday(wd):
            return d, rule
        return d, rule + "!weekday-mismatch"

    def _full(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if not _capitalised(m[3]):
            return None
        d = _safe(int(m[4]), self.month(m[3]), int(m[2]))
        if d is None:
            return None
        d, rule = self._check_weekday(d, m[1], "full")
        return iso(d, "day"), "day", rule

    def _year_for(self, month: int, day: int, ref: Ref, wd: str | None = None) -> tuple[date | None, str]:
        """A day and month without a year: the reference year, or the year the weekday fits."""
        base = ref.day
        cands = [base.year, base.year - 1, base.year + 1]
        if wd:
            for y in (base.year, base.year - 1, base.year + 1, base.year - 2):
                d = _safe(y, month, day)
                if d is not None and d.isoweekday() == self.weekday(wd) and d <= base + timedelta(days=45):
                    return d, "" if y == base.year else "+weekday-year"
        for y in cands:
            d = _safe(y, month, day)
            if d is None:
                continue
            if ref.precision == "year" or d <= base + timedelta(days=45 if ref.precision == "day" else 75):
                if wd and d.isoweekday() != self.weekday(wd):
                    return d, "!weekday-mismatch"
                return d, ""
        return None, ""

    def _weekday_numeric(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        day, month = int(m[2]), int(m[3])
        if m[4]:
            d = _safe(_year4(m[4]), month, day)
            if d is None:
                return None
            d, rule = self._check_weekday(d, m[1], "weekday-numeric")
            return iso(d, "day"), "day", rule
        if ref is None:
            return None
        d, note = self._year_for(month, day, ref, m[1])
        return (iso(d, "day"), "day", "weekday-numeric" + note) if d else None

    def _numeric(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        d = _safe(int(m[3]), int(m[2]), int(m[1]))
        return (iso(d, "day"), "day", "numeric") if d else None

    def _english(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        d = _dateparser(m.group())
        return (iso(d, "day"), "day", "english") if d else None

    def _day_month(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or not _capitalised(m[3]):
            return None
        day, month = int(m[2]), self.month(m[3])
        if m[4] and m[4].casefold() in ("mendatang", "depan", "nanti"):
            for y in (ref.day.year, ref.day.year + 1):
                d = _safe(y, month, day)
                if d and d >= ref.day:
                    return iso(d, "day"), "day", "day-month"
            return None
        d, note = self._year_for(month, day, ref, m[1])
        return (iso(d, "day"), "day", "day-month" + note) if d else None

    def _month_year(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if not _capitalised(m[2]):
            return None
        return f"{int(m[3]):04d}-{self.month(m[2]):02d}", "month", "month-year"

    def _month_rel_year(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or not _capitalised(m[2]):
            return None
        shift = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1}[m[3].casefold()]
        return f"{ref.day.year + shift:04d}-{self.month(m[2]):02d}", "month", "month-relative-year"

    def _month_rel(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or ref.precision == "year" or not _capitalised(m[2]):
            return None
        month, word = self.month(m[2]), m[3].casefold()
        y = ref.day.year
        if word in ("lalu", "kemarin"):
            y = y if month < ref.day.month else y - 1
        elif word in ("mendatang", "depan", "nanti"):
            y = y if month > ref.day.month else y + 1
        return f"{y:04d}-{month:02d}", "month", "month-relative"

    def _month(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or ref.precision == "year" or not _capitalised(m[1]):
            return None
        month = self.month(m[1])
        y = ref.day.year if month <= ref.day.month else ref.day.year - 1
        return f"{y:04d}-{month:02d}", "month", "month"

    def _year(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if _LAW_NUMBER.search(m.string[max(0, m.start() - 40) : m.start()]):
            return None  # "Undang-Undang Nomor 40 Tahun 1999": the year in a law's title is no date
        return m[1], "year", "year"

    def _period_rel(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None:
            return None
        unit, word = m[2].casefold(), m[3].casefold()
        if unit == "minggu" and m[2][0].isupper() and m.start(2) > 0:
            return None  # "Minggu lalu" mid-sentence: last Sunday, read by the weekday rule
        shift = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1, "mendatang": 1, "nanti": 0}[word]
        if unit == "tahun":
            return f"{ref.day.year + shift:04d}", "year", "period-relative"
        if ref.precision == "year":
            return None
        if unit == "bulan":
            return iso(_add_months(ref.day, shift), "month"), "month", "period-relative"
        # a week: the day a week away, kept at month precision (a week is not a precision)
        return iso(ref.day + timedelta(days=7 * shift), "month"), "month", "period-relative"

    def _ago(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        n = _num(m[1])
        return self._shift(n, m[2].casefold(), ref, "ago") if n else None

    def _ago_se(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        unit = {"sehari": "hari", "sepekan": "pekan", "seminggu": "minggu", "sebulan": "bulan", "setahun": "tahun"}
        return self._shift(1, unit[m[1].casefold()], ref, "ago")

    def _shift(self, n: int, unit: str, ref: Ref | None, rule: str) -> tuple[str, str, str] | None:
        if ref is None:
            return None
        if unit == "tahun":
            return f"{ref.day.year - n:04d}", "year", rule
        if ref.precision == "year":
            return None
        if unit == "bulan":
            return iso(_add_months(ref.day, -n), "month"), "month", rule
        days = n * (7 if unit in ("pekan", "minggu") else 1)
        d = ref.day - timedelta(days=days)
        precision = "day" if unit == "hari" and ref.precision == "day" else "month"
        return iso(d, precision), precision, rule

    def _deictic(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or ref.precision == "year":
            return None
        word = " ".join(m[1].casefold().split())
        if word in ("baru-baru ini", "belum lama ini", "beberapa waktu lalu"):
            return iso(ref.day, "month"), "month", "deictic"
        shift = {"kemarin lusa": -2, "kemarin": -1, "tadi malam": -1, "semalam": -1, "besok": 1, "lusa": 2}.get(word, 0)
        if ref.precision != "day":
            return iso(ref.day, "month"), "month", "deictic"
        return iso(ref.day + timedelta(days=shift), "day"), "day", "deictic"

    def _wd_before(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        base = anchor if anchor is not None and anchor.precision == "day" else ref
        if base is None or base.precision != "day":
            return None
        target = self.weekday(m[1])
        d = base.day - timedelta(days=1)
        while d.isoweekday() != target:
            d -= timedelta(days=1)
        return iso(d, "day"), "day", "weekday-before-anchor"

    def _anaphoric(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        base = anchor or ref
        if base is None:
            return None
        text = " ".join(m.group().casefold().split())
        shift = (
            1
            if ("keesokan" in text or "kemudian" in text or "setelahnya" in text)
            else (-1 if "sebelumnya" in text else 0)
        )
        if base.precision != "day":
            return (base.value, base.precision, "anaphoric") if shift == 0 else None
        return iso(base.day + timedelta(days=shift), "day"), "day", "anaphoric"

    def _n_days_from_anchor(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        """ "dua hari kemudian": days from the narrative anchor."""
        base = anchor or ref
        n = _num(m[1])
        if base is None or n is None or base.precision != "day":
            return None
        days = n * (7 if m[2].casefold() in ("pekan", "minggu") else 1)
        sign = -1 if m[3].casefold() == "sebelumnya" else 1
        return iso(base.day + timedelta(days=sign * days), "day"), "day", "anaphoric"

    def _weekday(self, m: re.Match[str], ref: Ref | None, anchor: Ref | None) -> tuple[str, str, str] | None:
        if ref is None or not _capitalised(m[1]):
            return None
        word = (m[2] or "").casefold()
        if ref.precision != "day":
            return iso(ref.day, "month"), "month", "weekday-in-month"
        target = self.weekday(m[1])
        d = ref.day
        word = " ".join(word.split())
        if word.startswith(("pekan ", "minggu ")):  # "Selasa pekan lalu": that day of last (or next) week
            monday = ref.day - timedelta(days=ref.day.isoweekday() - 1)
            week = monday + timedelta(days=-7 if word.endswith("lalu") else 7)
            return iso(week + timedelta(days=target - 1), "day"), "day", "weekday"
        if word in ("depan", "mendatang", "nanti"):
            d += timedelta(days=1)
            while d.isoweekday() != target:
                d += timedelta(days=1)
        else:
            if word in ("lalu", "kemarin"):
                d -= timedelta(days=1)
            while d.isoweekday() != target:
                d -= timedelta(days=1)
        return iso(d, "day"), "day", "weekday"


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(text, languages=["en", "id"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


@functools.cache
def rules(lang: str = "id") -> _Rules:
    return _Rules(lang)


def find(text: str, ref: Ref | None, anchor: Ref | None = None, lang: str = "id") -> list[Found]:
    """The temporal expressions of ``text``, normalised, non-overlapping, in text order.

    Args:
        text: a sentence (or any text).
        ref: the reference date (the publication date), or None.
        anchor: the last day-precise date before ``text`` in the article, for "pada hari yang sama".
    """
    r = rules(lang)
    words = set(_WORD.findall(text.casefold()))
    if _DIGIT.search(text):
        words.add("<digit>")
    cands = []
    for order, (_name, pattern, handler) in enumerate(r.rules):
        if r.cues[order].isdisjoint(words):
            continue
        for m in pattern.finditer(text):
            cands.append((m.start(), -(m.end() - m.start()), order, m, handler))
    cands.sort(key=lambda c: c[:3])  # leftmost, then longest, then the rule listed first
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for a, neg_len, _order, m, handler in cands:
        b = a - neg_len
        if any(a < e and s < b for s, e in taken):
            continue
        res = handler(m, ref, anchor)
        if res is None:
            continue
        value, precision, rule = res
        taken.append((a, b))
        out.append(Found(a, b, value, precision, rule))
    out.sort(key=lambda f: f.start)
    return out


def normalise(expression: str, published: str | None, anchor: str | None = None, lang: str = "id") -> Found | None:
    """One expression against a publication date given as an ISO prefix, for tests and the CLI."""
    ref = parse_iso(published) if published else None
    found = find(expression, ref, parse_iso(anchor) if anchor else None, lang)
    return found[0] if found else None


def infer_reference(sentences: list[str], lang: str = "id") -> Ref | None:
    """For a page with no publication date: the latest date its text states, at its precision."""
    explicit = [f for s in sentences for f in find(s, None, None, lang)]
    years = [int(f.value[:4]) for f in explicit]
    if not years:
        return None
    provisional = Ref(date(max(years), 12, 31), "year")
    cands = [f for s in sentences for f in find(s, provisional, None, lang) if f.rule not in ("period-relative",)]
    cands = [f for f in cands if int(f.value[:4]) == max(years)]
    best = max(cands, key=lambda f: (len(f.value), f.value))  # the finest, then the latest
    return parse_iso(best.value)


def find_times(art: Article, lang: str = "id") -> tuple[tuple[TimeExpression, ...], tuple[str, str, str] | None]:
    """The time expressions of an Indonesian article, and the reference they were read against
    (the ``time`` stage's Indonesian path)."""
    meta = art.meta
    sentences = [art.text[s.start : s.end] for s in art.sentences]
    ref: Ref | None = None
    ref_rule = "published"
    if meta is not None and meta.published:
        ref = parse_iso(meta.published[:10])
    else:
        ref = infer_reference(sentences, lang)
        ref_rule = "inferred"
    out: list[TimeExpression] = []
    anchor: Ref | None = None
    for si, (sent, text) in enumerate(zip(art.sentences, sentences, strict=True)):
        if sent.is_title:
            continue
        for f in find(text, ref, anchor, lang):
            out.append(
                TimeExpression(
                    start=sent.start + f.start,
                    end=sent.start + f.end,
                    sentence=si,
                    value=f.value,
                    precision=f.precision,
                    rule=f.rule,
                )
            )
            if f.precision == "day":
                anchor = parse_iso(f.value)
    reference = (ref.value, ref.precision, ref_rule) if ref else None
    return tuple(out), reference
