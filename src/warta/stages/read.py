"""Reading: files and feeds in, :class:`~warta.article.Article` objects out.

Reading is the pipeline's source rather than one of its stages: one feed file yields many
articles, and a bad record must be reported without losing the good ones around it.

Formats:
    * ``.txt``: text copied from a web page, furniture and all.
    * ``.html`` / ``.htm``: main text and metadata through trafilatura (dates via htmldate).
    * ``.jsonl`` / ``.ndjson`` / ``.json``: feeds, one article a record, with ``id`` and ``text``
      or ``html``, optional ``url``, ``title``, ``outlet``, ``published``, ``language`` (or ``lang``);
      IndoSum records (``paragraphs`` as nested token lists) are detected and detokenised.
    * ``.xml``: PETRARCH input, one article per ``<Sentence id= date=>`` (its ``<Text>``; a ``<Parse>`` is
      ignored), the sentence id as the article's name (see :mod:`warta.english.petrxml`).

Bad input never raises out of :func:`read_path`: it yields an :class:`~warta.errors.InputError`
naming the file (and line) and the reason, then goes on with the next record.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from warta import errors
from warta.article import Article, Given
from warta.errors import InputError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
XML_SUFFIXES = frozenset({".xml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | XML_SUFFIXES

DEFAULT_MAX_BYTES = 5_000_000
"""Default size limit of one page or one feed record (a real news page is well under 1 MB)."""

_BOMS = (b"\xef\xbb\xbf",)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


@dataclass(slots=True, frozen=True)
class ReadItem:
    """One result of reading: an article or an error, and how many bytes it used up."""

    article: Article | None
    error: InputError | None
    size: int


# -- files ---------------------------------------------------------------------------------------


def display_name(path: str | Path) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


_LINK_PROBLEMS = {errno.ELOOP: "link loop", errno.ENOENT: "dangling link"}


def walk(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield the files to read, and an error for every folder or link that cannot be followed.

    Named files are yielded as they are (so that an unsupported type gets reported); folders
    are walked in sorted order, passing over hidden entries and files of unsupported types, and
    following links to folders once. A folder that cannot be entered, a dangling link and a
    link loop each yield an :class:`~warta.errors.InputError`; the walk goes on.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk_folder(p)
        else:
            yield p


def _walk_folder(root: Path) -> Iterator[Path | InputError]:
    # an explicit stack, not recursion: a folder tree may be deeper than Python's call stack
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while stack:
        folder, ancestors = stack.pop()
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                yield InputError(display_name(folder), errors.UNREADABLE, "link loop: the folder contains itself")
                continue
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield InputError(display_name(folder), errors.UNREADABLE, f"cannot read folder: {exc.strerror or exc}")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    os.stat(entry.path)  # raises for a dangling link or a loop of links
                is_dir = entry.is_dir()
            except OSError as exc:
                kind = _LINK_PROBLEMS.get(exc.errno or 0, "cannot read")
                reason = f"{kind}: {exc.strerror or exc}"
                yield InputError(display_name(path), errors.UNREADABLE, reason)
                continue
            if is_dir:
                subfolders.append(path)
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
        stack.extend((sub, ancestors | {key}) for sub in reversed(subfolders))


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files :func:`walk` yields, without its errors."""
    for item in walk(paths):
        if isinstance(item, Path):
            yield item


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """Read one file into articles; errors are yielded, never raised.

    Anything unexpected (a bug, or input beyond a library's limits) ends this file with an
    ``E900`` error naming it, so the caller's batch goes on with the next file.
    """
    name = display_name(path)
    try:
        yield from _read_path(Path(path), name, max_bytes)
    except Exception as exc:
        log.warning("%s: unexpected error while reading", name, exc_info=True)
        yield _fail(name, errors.INTERNAL, f"unexpected error while reading: {type(exc).__name__}: {exc}", 0)


STDIN = "-"
"""The path that names standard input."""


def _read_path(p: Path, name: str, max_bytes: int) -> Iterator[ReadItem]:
    if str(p) == STDIN:
        yield from read_stream(sys.stdin.buffer.read(), "<stdin>", max_bytes)
        return
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield _fail(name, errors.UNSUPPORTED, f"unsupported file type {suffix or '(none)'!r}", 0)
        return
    try:
        size = p.stat().st_size
        if suffix not in FEED_SUFFIXES and size > max_bytes:
            yield _fail(name, errors.OVERSIZED, f"file is {size:,} bytes, over the {max_bytes:,} limit", size)
            return
        if suffix in FEED_SUFFIXES:
            yield from _read_feed(p, name, max_bytes)
            return
        data = p.read_bytes()
        if suffix in XML_SUFFIXES:
            from warta.english.petrxml import read_petrarch_xml

            yield from read_petrarch_xml(data, name)
            return
    except OSError as exc:
        yield _fail(name, errors.UNREADABLE, f"cannot read: {exc.strerror or exc}", 0)
        return
    try:
        text = decode_bytes(data, name)
        if suffix in HTML_SUFFIXES:
            art = article_from_html(text, ref=display_name(p.stem), source=name)
        else:
            art = Article(ref=display_name(p.stem), source=name, fmt="text", raw=text, plain=text)
    except InputError as exc:
        yield ReadItem(None, exc, len(data))
        return
    yield ReadItem(art, None, len(data))


def read_stream(data: bytes, name: str = "<stdin>", max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadItem]:
    """Read bytes of unknown form (standard input): JSON Lines when every line is a JSON object,
    else one plain-text article whose ref is ``stdin``."""
    lines = [line for line in data.splitlines(keepends=True) if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines):
        yield from _feed_lines(data.splitlines(keepends=True), name, max_bytes)
        return
    if len(data) > max_bytes:
        yield _fail(name, errors.OVERSIZED, f"input is {len(data):,} bytes, over the {max_bytes:,} limit", len(data))
        return
    try:
        text = decode_bytes(data, name)
    except InputError as exc:
        yield ReadItem(None, exc, len(data))
        return
    yield ReadItem(Article(ref="stdin", source=name, fmt="text", raw=text, plain=text), None, len(data))


def _fail(path: str, code: str, reason: str, size: int, line: int | None = None) -> ReadItem:
    return ReadItem(None, InputError(path, code, reason, line), size)


# -- bytes to text ---------------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode a page's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else the detected
    legacy encoding. NUL characters are removed (SQLite's text functions stop at them).

    Raises:
        InputError: the data is empty, binary, or ends inside a UTF-8 character (truncated).
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return _scrub(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(path, errors.BINARY, "starts like UTF-16 but does not decode as UTF-16") from None
    for bom in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
    if not data.strip():
        raise InputError(path, errors.EMPTY, "file is empty")
    if looks_binary(data):
        raise InputError(path, errors.BINARY, "binary data, not text (NUL or control bytes)")
    try:
        return _scrub(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(
                path, errors.TRUNCATED, f"truncated: ends inside a UTF-8 character (byte {exc.start:,})"
            ) from None
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        log.debug("%s: decoded as %s", path, best.encoding)
        return _scrub(str(best))
    return _scrub(data.decode("cp1252", errors="replace"))


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL or more than 5% control bytes."""
    head = data[:8192]
    return b"\x00" in head or len(_CONTROL.findall(head)) > len(head) * 0.05


def _scrub(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text


# -- HTML ------------------------------------------------------------------------------------------

_HTML_OPEN = re.compile(r"<body\b|<html\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</body\s*>|</html\s*>", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(html: str, *, ref: str, source: str, given: Given | None = None) -> Article:
    """Extract the main text and the page's own metadata with trafilatura.

    Raises:
        InputError: the page is cut off before its end, or has no article text.
    """
    import trafilatura  # imported here: loading it costs a second and text inputs never need it

    if _HTML_OPEN.search(html) and not _HTML_CLOSE.search(html[-4096:]):
        raise InputError(source, errors.TRUNCATED, "truncated HTML: the page ends before </body> or </html>")
    doc = trafilatura.bare_extraction(
        html,
        url=given.url if given else None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    body = (getattr(doc, "raw_text", None) or getattr(doc, "text", None) or "") if doc else ""
    if not body.strip() and nesting_depth(html) > MAX_PARSER_DEPTH:
        body = html_text(html)  # the parser gave up on the nesting; read the text without a tree
    if not body.strip():
        raise InputError(source, errors.NO_TEXT, "no article text found in the HTML page")
    title = getattr(doc, "title", None)
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    page = Given(
        url=getattr(doc, "url", None),
        title=title,
        outlet=getattr(doc, "sitename", None),
        published=getattr(doc, "date", None),
        published_precision="day" if getattr(doc, "date", None) else None,
        published_source="page" if getattr(doc, "date", None) else None,
    )
    return Article(ref=ref, source=source, fmt="html", raw=html, plain=body, given=_merge(given, page))


MAX_PARSER_DEPTH = 200
"""Deeper element nesting than this defeats the HTML parser behind trafilatura (it stops at 256)."""
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr section article blockquote header footer".split())
_SKIP = frozenset({"script", "style", "noscript", "template", "svg"})


def nesting_depth(html: str) -> int:
    """The deepest element nesting of a page, counted from its tags without building a tree."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m[2].lower() in _VOID or m[3]:
            continue
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
    return deepest


class _TextCollector(HTMLParser):
    """The text of a page, a line per block element; scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """A page's text without a parse tree (stdlib's streaming parser: any depth, linear time)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _merge(first: Given | None, second: Given) -> Given:
    """Fields of ``first`` win; ``second`` fills the gaps."""
    if first is None:
        return second
    return Given(
        url=first.url or second.url,
        title=first.title or second.title,
        outlet=first.outlet or second.outlet,
        published=first.published or second.published,
        published_precision=first.published_precision if first.published else second.published_precision,
        published_source=first.published_source if first.published else second.published_source,
        language=first.language or second.language,
        crawled=first.crawled or second.crawled,
    )


# -- feeds -----------------------------------------------------------------------------------------


def _read_feed(p: Path, name: str, max_bytes: int) -> Iterator[ReadItem]:
    if p.suffix.lower() == ".json":
        yield from _read_json(p, name, max_bytes)
        return
    with p.open("rb") as fh:
        head = fh.read(8192)
        if head.startswith(_UTF16_BOMS) or looks_binary(head):
            what = "UTF-16" if head.startswith(_UTF16_BOMS) else "binary data (NUL or control bytes)"
            yield _fail(name, errors.BINARY, f"a JSON Lines feed must be UTF-8 text, not {what}", p.stat().st_size)
            return
        fh.seek(0)
        empty = True
        for item in _feed_lines(fh, name, max_bytes):
            empty = False
            yield item
        if empty:
            yield _fail(name, errors.EMPTY, "feed is empty", 0)


def _feed_lines(lines: Iterable[bytes], name: str, max_bytes: int) -> Iterator[ReadItem]:
    """One item per non-blank line of a JSON Lines feed: its record, or why it was refused."""
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            reason = f"record is {len(line):,} bytes, over the {max_bytes:,} limit"
            yield _fail(name, errors.OVERSIZED, reason, len(line), line_no)
            continue
        yield _parse_line(line, name, line_no)


def _read_json(p: Path, name: str, max_bytes: int) -> Iterator[ReadItem]:
    """A ``.json`` file: one record or a list of them, each held to ``max_bytes``."""
    size = p.stat().st_size
    if size > max_bytes * 100:
        yield _fail(name, errors.OVERSIZED, f"JSON file is {size:,} bytes; use JSON Lines", size)
        return
    data = p.read_bytes()
    try:
        obj = _loads(decode_bytes(data, name))
    except InputError as exc:
        yield ReadItem(None, exc, len(data))
        return
    except json.JSONDecodeError as exc:
        yield _fail(name, errors.BAD_JSON, f"invalid JSON: {exc.msg} (line {exc.lineno})", len(data))
        return
    records = obj if isinstance(obj, list) else [obj]
    for i, rec in enumerate(records, 1):
        rec_size = record_bytes(rec)
        if rec_size > max_bytes:
            yield _fail(name, errors.OVERSIZED, f"record is {rec_size:,} bytes, over the {max_bytes:,} limit", 0, i)
            continue
        yield _record_item(rec, name, i, len(data) // max(1, len(records)))


def record_bytes(rec: Any) -> int:
    """The size in bytes of a record's text fields (what cleaning and coding will read)."""
    if not isinstance(rec, dict):
        return 0
    total = 0
    for key in ("text", "html", "title"):
        if isinstance(rec.get(key), str):
            total += len(rec[key].encode("utf-8", errors="replace"))
    paras = rec.get("paragraphs")
    if isinstance(paras, list):
        total += len(json.dumps(paras, ensure_ascii=False).encode("utf-8", errors="replace"))
    return total


def _loads(text: str) -> Any:
    """``json.loads``, with nesting too deep for the parser reported as invalid JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _parse_line(line: bytes, name: str, line_no: int) -> ReadItem:
    size = len(line)
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fail(name, errors.BAD_JSON, f"not UTF-8 (byte {exc.start})", size, line_no)
    try:
        rec = _loads(text)
    except json.JSONDecodeError as exc:
        # the file's last line, without its newline, broken off inside a string or at its end
        at_end = exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
        cut = not line.endswith(b"\n") and at_end
        if cut:
            return _fail(name, errors.TRUNCATED, "truncated record: the file ends inside it", size, line_no)
        return _fail(name, errors.BAD_JSON, f"invalid JSON: {exc.msg} (column {exc.colno})", size, line_no)
    return _record_item(rec, name, line_no, size)


def _record_item(rec: Any, name: str, line_no: int, size: int) -> ReadItem:
    try:
        return ReadItem(article_from_record(rec, source=f"{name}:{line_no}"), None, size)
    except InputError as exc:
        return ReadItem(None, InputError(name, exc.code, exc.reason, line_no), size)


def article_from_record(rec: Any, *, source: str) -> Article:
    """Build an article from one feed record (feed format or IndoSum).

    Raises:
        InputError: a required field is missing or a field has the wrong type.
    """

    def bad(reason: str) -> InputError:
        return InputError(source, errors.BAD_RECORD, reason)

    if not isinstance(rec, dict):
        raise bad(f"a record must be a JSON object, not {type(rec).__name__}")
    rec = {k: _scrub(v) if isinstance(v, str) else v for k, v in rec.items()}
    ref = rec.get("id")
    if ref is None or (isinstance(ref, str) and not ref.strip()):
        raise bad("missing required field 'id'")
    if not isinstance(ref, str | int):
        raise bad("field 'id' must be a string or a number")
    ref = str(ref)
    for key in ("url", "title", "outlet", "language", "lang", "text", "html", "source", "source_url"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise bad(f"field {key!r} must be a string")
    if "paragraphs" in rec:
        return _indosum_article(rec, ref, source)
    published, precision = _parse_published(rec.get("published"), bad)
    given = Given(
        url=rec.get("url"),
        title=rec.get("title"),
        outlet=rec.get("outlet"),
        published=published,
        published_precision=precision,
        published_source="given" if published else None,
        language=rec.get("language") or rec.get("lang"),
    )
    if isinstance(rec.get("text"), str) and rec["text"].strip():
        return Article(ref=ref, source=source, fmt="feed", raw=rec["text"], plain=rec["text"], given=given)
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return article_from_html(rec["html"], ref=ref, source=source, given=given)
    raise bad("record has no 'text' or 'html'")


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse_published(value: Any, bad: Any) -> tuple[str | None, str | None]:
    if value is None or value == "":
        return None, None
    if not isinstance(value, str):
        raise bad("field 'published' must be an ISO date string")
    m = _ISO.match(value.strip())
    try:
        if m:
            y, mo, d = m.groups()
            if d:
                return date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo:
                date(int(y), int(mo), 1)
                return f"{y}-{mo}", "month"
            return y, "year"
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date().isoformat(), "day"
    except ValueError:
        raise bad(f"field 'published' is not an ISO date or datetime: {value!r}") from None


# -- IndoSum ---------------------------------------------------------------------------------------

_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]}%]|'s\b|n't\b)")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[{]) ")
_SLASH_BETWEEN_DIGITS = re.compile(r"(?<=\d) / (?=\d)")
_QUOTES = frozenset({'"', "“", "”"})


def detokenise(tokens: list[str]) -> str:
    """Join word tokens into natural text: ``["Senin", "(", "27", "/", "3", ")"]`` → ``Senin (27/3)``.

    Straight quotes alternate: an opening one sticks to the next token, a closing one to the
    previous token.
    """
    words = [t for t in tokens if t]
    opening = True
    for i in [i for i, t in enumerate(words) if t in _QUOTES]:
        if opening and i + 1 < len(words):
            words[i + 1] = words[i] + words[i + 1]
            words[i] = ""
        elif not opening and i > 0:
            j = i - 1
            while j > 0 and not words[j]:
                j -= 1
            words[j] += words[i]
            words[i] = ""
        opening = not opening
    text = " ".join(w for w in words if w)
    text = _SPACE_AFTER_OPEN.sub("", text)
    text = _SLASH_BETWEEN_DIGITS.sub("/", text)
    return _SPACE_BEFORE_PUNCT.sub("", text)


def _indosum_article(rec: dict[str, Any], ref: str, source: str) -> Article:
    paras = rec["paragraphs"]
    if not isinstance(paras, list) or not all(isinstance(p, list) for p in paras):
        raise InputError(source, errors.BAD_RECORD, "'paragraphs' must be a list of sentences of tokens")
    lines = []
    for para in paras:
        # a paragraph at once, so that a quote opened in one sentence closes in the next
        lines.append(detokenise([str(t) for s in para if isinstance(s, list) for t in s]))
    text = _scrub("\n".join(line for line in lines if line.strip()))
    if not text.strip():
        raise InputError(source, errors.NO_TEXT, "record has no text in 'paragraphs'")
    crawled = None
    m = re.match(r"(\d{9,10})-", ref)
    if m:  # IndoSum ids begin with the Unix time of the crawl, a day or more after the publication
        crawled = datetime.fromtimestamp(int(m.group(1)), tz=UTC).date().isoformat()
    given = Given(
        url=rec.get("source_url") or rec.get("url"),
        outlet=rec.get("source") or rec.get("outlet"),
        language=rec.get("language") or rec.get("lang"),
        crawled=crawled,
    )
    return Article(ref=ref, source=source, fmt="indosum", raw=text, plain=text, given=given)
