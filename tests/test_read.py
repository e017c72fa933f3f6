"""Readers: formats, encodings, and every kind of bad input."""

from __future__ import annotations

import json

import pytest

from warta import errors
from warta.stages.read import decode_bytes, detokenise, iter_files, read_path


def _items(path, **kw):
    return list(read_path(path, **kw))


def test_read_text_file_uses_base_name_as_ref(tmp_path):
    f = tmp_path / "berita_01.txt"
    f.write_text("Jakarta - Presiden bertemu menteri di istana pada Senin pagi ini.", encoding="utf-8")
    (item,) = _items(f)
    assert item.article.ref == "berita_01" and item.article.fmt == "text"


def test_read_utf8_with_bom(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfBerita hari ini sangat penting bagi semua warga.")
    (item,) = _items(f)
    assert item.article.raw.startswith("Berita")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_read_legacy_single_byte_encoding(tmp_path, encoding):
    text = "Presiden Prancis Emmanuel Macron menerima tamu di Élysée, kata juru bicara café itu. " * 3
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode(encoding))
    (item,) = _items(f)
    assert item.error is None
    assert "Élysée" in item.article.raw and "café" in item.article.raw


def test_read_stray_byte_never_crashes():
    text = decode_bytes(b"Berita penting hari ini \x85\xff tentang hubungan kedua negara.")
    assert text.startswith("Berita penting")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", errors.EMPTY),
        (b"   \n\n  ", errors.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", errors.BINARY),
        (b"Berita tentang Korea Selatan dan Rusia yang terpotong di tengah huruf " + "é".encode()[:1],
         errors.TRUNCATED),
    ],
)  # fmt: skip
def test_read_bad_text_files(tmp_path, content, code):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    (item,) = _items(f)
    assert item.article is None
    assert item.error.code == code
    assert str(f) in str(item.error)


def test_read_oversized_file(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("kata " * 1000, encoding="utf-8")
    (item,) = _items(f, max_bytes=1000)
    assert item.error.code == errors.OVERSIZED and "limit" in item.error.reason


def test_read_truncated_html(tmp_path):
    f = tmp_path / "cut.html"
    f.write_text("<html><body><article><p>Presiden bertemu menteri di istana pada", encoding="utf-8")
    (item,) = _items(f)
    assert item.error.code == errors.TRUNCATED


def test_read_unsupported_type_named_explicitly(tmp_path):
    f = tmp_path / "notes.pdf"
    f.write_bytes(b"%PDF-1.4")
    (item,) = _items(f)
    assert item.error.code == errors.UNSUPPORTED


def test_iter_files_recurses_and_skips_hidden_and_unknown(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.html").write_text("y")
    (tmp_path / "a" / "README.md").write_text("z")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("h")
    assert [p.name for p in iter_files([tmp_path])] == ["x.txt", "y.html"]


def _feed(tmp_path, lines, name="feed.jsonl", newline=True):
    f = tmp_path / name
    body = "\n".join(lines) + ("\n" if newline else "")
    f.write_text(body, encoding="utf-8")
    return f


GOOD = json.dumps({"id": "a1", "text": "Presiden Rusia bertemu Presiden Korea Utara di Pyongyang pada hari Rabu."})


def test_read_feed_bad_lines_are_reported_and_the_rest_goes_on(tmp_path):
    f = _feed(
        tmp_path,
        [
            GOOD,
            "{not json",
            json.dumps({"text": "tanpa id"}),
            json.dumps({"id": "b2"}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "c3", "text": "ok", "published": "kemarin"}),
            json.dumps(
                {
                    "id": "d4",
                    "text": "Teks kedua yang sah dan cukup panjang.",
                    "published": "2024-05-01T10:00:00Z",
                }
            ),
            '{"id": "e5", "text": "terpotong di teng',
        ],
        newline=False,
    )
    items = _items(f)
    assert [i.article.ref for i in items if i.article] == ["a1", "d4"]
    problems = [(i.error.line, i.error.code) for i in items if i.error]
    assert problems == [
        (2, errors.BAD_JSON),
        (3, errors.BAD_RECORD),
        (4, errors.BAD_RECORD),
        (5, errors.BAD_RECORD),
        (6, errors.BAD_RECORD),
        (8, errors.TRUNCATED),
    ]
    assert all(f"{f}:{line}" in str(i.error) for i in items if i.error for line in [i.error.line])
    assert items[-2].article.given.published == "2024-05-01"


def test_read_feed_oversized_record(tmp_path):
    f = _feed(tmp_path, [GOOD, json.dumps({"id": "big", "text": "kata " * 500})])
    items = _items(f, max_bytes=600)
    assert items[0].article is not None
    assert items[1].error.code == errors.OVERSIZED and items[1].error.line == 2


def test_read_feed_fields_are_given(tmp_path):
    rec = {"id": 7, "text": "Isi berita.", "url": "https://www.antaranews.com/x", "title": "Judul",
           "outlet": "ANTARA", "published": "2025-01", "language": "id"}  # fmt: skip
    (item,) = _items(_feed(tmp_path, [json.dumps(rec)]))
    g = item.article.given
    assert item.article.ref == "7"
    assert (g.title, g.outlet, g.published, g.published_precision) == ("Judul", "ANTARA", "2025-01", "month")


def test_read_feed_html_record(tmp_path):
    html = (
        "<html><body><article><h1>Judul Panjang Sekali</h1><p>"
        + "Isi berita yang cukup panjang. " * 10
        + "</p></article></body></html>"
    )
    (item,) = _items(_feed(tmp_path, [json.dumps({"id": "h1", "html": html, "title": "Judul dari feed"})]))
    assert item.article.fmt == "html"
    assert item.article.given.title == "Judul dari feed"  # the feed wins over the page


def test_read_empty_feed(tmp_path):
    (item,) = _items(_feed(tmp_path, [""], newline=False))
    assert item.error.code == errors.EMPTY


def test_read_indosum_record_is_detokenised(tmp_path):
    rec = {
        "id": "1490674536-contoh",
        "source": "antaranews",
        "source_url": "https://www.antaranews.com/berita/1",
        "paragraphs": [
            [["Jakarta", "(", "ANTARA", "News", ")", "-", "Presiden", "tiba", "."]],
            [
                [
                    '"',
                    "Kami",
                    "siap",
                    ",",
                    '"',
                    "kata",
                    "dia",
                    "di",
                    "Jakarta",
                    ",",
                    "Senin",
                    "(",
                    "27",
                    "/",
                    "3",
                    ")",
                    ".",
                ]
            ],
        ],
    }
    (item,) = _items(_feed(tmp_path, [json.dumps(rec)]))
    art = item.article
    assert art.fmt == "indosum"
    assert art.plain.splitlines() == [
        "Jakarta (ANTARA News) - Presiden tiba.",
        '"Kami siap," kata dia di Jakarta, Senin (27/3).',
    ]
    assert art.given.crawled == "2017-03-28"  # the crawl time in the id: no publication date
    assert art.given.published is None
    assert art.given.outlet == "antaranews"


def test_detokenise_quote_across_sentences():
    assert (
        detokenise(['"', "Tidak", ".", "Kami", "siap", ",", '"', "ucap", "dia", "."]) == '"Tidak. Kami siap," ucap dia.'
    )
