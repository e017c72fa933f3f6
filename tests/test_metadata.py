"""Metadata rules: datelines, outlets, publication dates and their anchors, language."""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from warta.article import Given
from warta.stages.clean import clean_article
from warta.stages.metadata import (
    detect_language,
    extract_metadata,
    find_dateline,
    load_outlets,
    resolve_weekday_date,
)


def _meta(text, given=None):
    return extract_metadata(clean_article(make_article(text, given=given))).meta


@pytest.mark.parametrize(
    ("para", "place", "outlet"),
    [
        ("Seoul (ANTARA) - Korea Selatan", "Seoul", "ANTARA"),
        ("Jakarta (ANTARA News) - Presiden", "Jakarta", "ANTARA"),
        ("Liputan6.com, Moskow - Menteri", "Moskow", "Liputan6.com"),
        ("PALEMBANG, PALTV.CO.ID,- Pada Jumat", "Palembang", "PALTV"),
        ("JAKARTA, KOMPAS.com - Pemerintah", "Jakarta", "Kompas.com"),
        ("TEMPO.CO, Jakarta - Menteri", "Jakarta", "Tempo"),
        ("Jakarta, CNN Indonesia -- Kementerian", "Jakarta", "CNN Indonesia"),
        ("BANDUNG - Gubernur", "Bandung", None),
        ("Jakarta - Presiden", "Jakarta", None),
    ],
)
def test_metadata_dateline(para, place, outlet):
    dl = find_dateline(para, load_outlets("id"))
    assert (dl.place, dl.outlet) == (place, outlet)


@pytest.mark.parametrize(
    "para",
    ["Presiden Joko Widodo, kata dia - bukan yang lain.", "Jakarta, Presiden - tidak ada outlet di sini."],
)
def test_metadata_no_false_dateline(para):
    dl = find_dateline(para, load_outlets("id"))
    assert dl is None or dl.outlet is None


def test_metadata_weekday_year_from_copyright_anchor():
    text = (
        "Seoul (ANTARA) - Pejabat kedua negara bertemu di Moskow, kata sumber pada Minggu (21/12).\n"
        "Copyright © ANTARA 2025"
    )
    m = _meta(text)
    assert (m.published, m.published_precision, m.published_rule) == ("2025-12-21", "day", "dateline-weekday")


def test_metadata_weekday_must_agree_with_the_date():
    # 21/12 is a Sunday in 2025 but a Saturday in 2024: with the anchor 2025 and "Sabtu",
    # the latest year in which 21 December is a Saturday is 2024.
    assert resolve_weekday_date(6, 21, 12, anchors=[2025], mentioned=[]).isoformat() == "2024-12-21"
    assert resolve_weekday_date(7, 21, 12, anchors=[2025], mentioned=[]).isoformat() == "2025-12-21"
    assert resolve_weekday_date(7, 21, 12, anchors=[], mentioned=[2024]).isoformat() == "2025-12-21"
    assert resolve_weekday_date(7, 21, 12, anchors=[], mentioned=[]) is None


def test_metadata_weekday_with_year_that_disagrees_gives_no_date():
    m = _meta("Jakarta - Presiden bertemu menteri pada Senin (21/12/2025) di istana negara kemarin.")
    assert m.published is None  # 21/12/2025 is a Sunday, not a Monday


def test_metadata_no_anchor_no_date():
    m = _meta("Moskow dan Pyongyang sedang membahas paket perjanjian yang akan ditandatangani segera.")
    assert m.published is None and m.published_rule is None


def test_metadata_feed_fields_win():
    given = Given(outlet="Kompas", published="2024-01-02", published_precision="day", title="Judul Feed", language="ms")
    m = _meta("Seoul (ANTARA) - Pejabat bertemu pada Minggu (21/12).\nCopyright © ANTARA 2025", given)
    assert (m.outlet, m.published, m.title, m.language) == ("Kompas.com", "2024-01-02", "Judul Feed", "ms")
    assert m.published_rule == "given" and m.outlet_rule == "given"


def test_metadata_outlet_from_url():
    m = _meta("Isi berita yang cukup panjang untuk dibaca di sini.", Given(url="https://news.detik.com/x/d-1"))
    assert (m.outlet, m.outlet_rule) == ("detikcom", "url")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Pemerintah Indonesia menyatakan akan memperkuat kerja sama dengan negara-negara ASEAN "
         "dalam bidang ekonomi dan keamanan, kata Menteri Luar Negeri di Jakarta pada Senin.", "id"),
        ("Kerajaan Malaysia telah mengumumkan bahawa rakyat boleh memohon bantuan tunai mulai minggu "
         "hadapan, kata Perdana Menteri. Menurut beliau, kerajaan akan memastikan semua rakyat yang layak.", "ms"),
        ("The foreign ministers of both countries met in Moscow on Tuesday to discuss the situation "
         "on the Korean peninsula and ways to resume the dialogue.", "en"),
        ("短い", None),
    ],
)  # fmt: skip
def test_metadata_language(text, lang):
    assert detect_language(text) == lang
