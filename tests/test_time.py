"""The temporal normaliser: Indonesian expressions, with the publication date as reference."""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from warta.lang.id.dates import infer_reference, normalise
from warta.pipeline import Pipeline

# (expression, publication date, narrative anchor, expected value, expected precision)
CASES = [
    # absolute dates
    ("Pada Jumat, 21 Juni 2024, kementerian memanggil", "2024-06", None, "2024-06-21", "day"),
    ("pada Selasa, 10 April 2018", "2018-04-10", None, "2018-04-10", "day"),
    ("21 Juni 2024", None, None, "2024-06-21", "day"),
    ("tanggal 17 Agustus 1945", None, None, "1945-08-17", "day"),
    ("3 Des 2019", None, None, "2019-12-03", "day"),
    ("1 Januari 2020", "2020-01-05", None, "2020-01-01", "day"),
    ("2025-05-22", None, None, "2025-05-22", "day"),
    ("dikutip dari Channel News Asia (10/4/2018)", None, None, "2018-04-10", "day"),
    ("Selasa (30/1/2018)", "2018-02-01", None, "2018-01-30", "day"),
    ("Senin (30/1/2018)", None, None, "2018-01-30", "day"),  # weekday disagrees: kept, flagged
    ("June 21, 2024", None, None, "2024-06-21", "day"),
    # tokenised text (as news corpora store it): spaces around the slashes
    ("Kamis (30 / 11 / 2017)", "2017-12-01", None, "2017-11-30", "day"),
    ("Jumat (25 / 8)", "2017-08-26", None, "2017-08-25", "day"),
    ("pada 3 / 4 / 2017", None, None, "2017-04-03", "day"),
    # a day and month without a year: the reference year
    ("Rabu (21/05)", "2025-05-22", None, "2025-05-21", "day"),
    ("Minggu (21/12)", "2025-12-21", None, "2025-12-21", "day"),
    ("Kamis (2/1)", "2025-01-03", None, "2025-01-02", "day"),
    ("Senin (30/12)", "2025-01-02", None, "2024-12-30", "day"),  # late December, read in January
    ("Pada tanggal 7 Februari", "2024-02-20", None, "2024-02-07", "day"),
    ("7 Februari", "2024", None, "2024-02-07", "day"),
    ("28 Desember", "2019-01-04", None, "2018-12-28", "day"),
    ("5 Maret mendatang", "2024-02-20", None, "2024-03-05", "day"),
    # months and years
    ("pada Oktober 2023", "2024-02", None, "2023-10", "month"),
    ("pada bulan November 2018", "2025-05-22", None, "2018-11", "month"),
    ("Desember 2017", "2018-04-10", None, "2017-12", "month"),
    ("akhir Maret 2022", None, None, "2022-03", "month"),
    ("sejak 2006", "2024-01-01", None, "2006", "year"),
    ("pada tahun 2024", None, None, "2024", "year"),
    ("hingga 2030", "2024-01-01", None, "2030", "year"),
    ("awal 2019", None, None, "2019", "year"),
    ("tahun 2022", None, None, "2022", "year"),
    # months relative to the publication date
    ("September lalu", "2025-12-21", None, "2025-09", "month"),
    ("Desember lalu", "2026-01-10", None, "2025-12", "month"),
    ("Mei lalu", "2025-05-22", None, "2024-05", "month"),
    ("Januari mendatang", "2025-11-02", None, "2026-01", "month"),
    ("Juli depan", "2025-03-02", None, "2025-07", "month"),
    ("Januari tahun lalu", "2025-05-22", None, "2024-01", "month"),
    ("pada bulan September tahun lalu", "2024-02-07", None, "2023-09", "month"),
    ("Maret tahun depan", "2025-05-22", None, "2026-03", "month"),
    ("pertengahan Januari", "2024-02-07", None, "2024-01", "month"),
    ("pada bulan Februari", "2018-04-10", None, "2018-02", "month"),
    ("sejak Oktober", "2018-04-10", None, "2017-10", "month"),
    ("akhir Agustus", "2017-09-15", None, "2017-08", "month"),
    # periods relative to the publication date
    ("kemarin", "2024-06-21", None, "2024-06-20", "day"),
    ("kemarin lusa", "2024-06-21", None, "2024-06-19", "day"),
    ("hari ini", "2024-06-21", None, "2024-06-21", "day"),
    ("besok", "2024-06-30", None, "2024-07-01", "day"),
    ("tadi malam", "2024-03-01", None, "2024-02-29", "day"),
    ("pekan lalu", "2018-04-10", None, "2018-04", "month"),
    ("minggu lalu", "2024-06-03", None, "2024-05", "month"),
    ("bulan lalu", "2024-02-07", None, "2024-01", "month"),
    ("Bulan lalu", "2024-01-15", None, "2023-12", "month"),
    ("bulan depan", "2024-12-15", None, "2025-01", "month"),
    ("akhir bulan ini", "2018-04-10", None, "2018-04", "month"),
    ("Tahun lalu", "2024-02-07", None, "2023", "year"),
    ("tahun ini", "2024-02-07", None, "2024", "year"),
    ("tahun depan", "2025-12-21", None, "2026", "year"),
    ("tiga hari lalu", "2024-06-21", None, "2024-06-18", "day"),
    ("2 hari yang lalu", "2024-06-01", None, "2024-05-30", "day"),
    ("dua bulan lalu", "2024-01-10", None, "2023-11", "month"),
    ("lima tahun lalu", "2024-01-10", None, "2019", "year"),
    ("sepekan lalu", "2024-06-21", None, "2024-06", "month"),
    ("setahun lalu", "2024-06-21", None, "2023", "year"),
    ("baru-baru ini", "2025-12-21", None, "2025-12", "month"),
    ("belum lama ini", "2025-12-21", None, "2025-12", "month"),
    # bare weekdays: the last such day up to the publication date
    ("pada Jumat", "2024-06-21", None, "2024-06-21", "day"),
    ("Kamis", "2024-06-21", None, "2024-06-20", "day"),
    ("Senin lalu", "2024-06-21", None, "2024-06-17", "day"),
    ("pada hari Minggu", "2024-06-21", None, "2024-06-16", "day"),
    ("Selasa depan", "2024-06-21", None, "2024-06-25", "day"),
    ("pada Minggu lalu", "2024-06-21", None, "2024-06-16", "day"),
    ("Selasa pekan lalu", "2024-06-14", None, "2024-06-04", "day"),
    ("Rabu pekan depan", "2024-06-14", None, "2024-06-19", "day"),
    ("pada Senin malam (10/6)", "2024-06-12", None, "2024-06-10", "day"),
    ("tanggal 20 Juni lalu", "2024-07-01", None, "2024-06-20", "day"),
    # relative to the narrative anchor
    ("pada hari Kamis sebelumnya", "2024-06", "2024-06-21", "2024-06-20", "day"),
    ("Pada hari yang sama", "2024-06", "2024-06-21", "2024-06-21", "day"),
    ("keesokan harinya", "2024-06-30", "2024-06-30", "2024-07-01", "day"),
    ("sehari sebelumnya", "2024-06-30", "2024-03-01", "2024-02-29", "day"),
    # a month-precise publication date keeps relative days at month precision
    ("kemarin", "2024-06", None, "2024-06", "month"),
    ("pada Rabu", "2024-06", None, "2024-06", "month"),
]


@pytest.mark.parametrize(("expression", "published", "anchor", "value", "precision"), CASES)
def test_normalise(expression, published, anchor, value, precision):
    found = normalise(expression, published, anchor)
    assert found is not None, expression
    assert (found.value, found.precision) == (value, precision)


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("dalam tujuh tahun terakhir", "2025-05-22"),  # a duration
        ("Konsultasi ke-18 setelah 7 tahun", "2025-05-22"),
        ("peringatan 75 tahun hubungan diplomatik", "2023-10-01"),
        ("sekitar 35.000 warga negara", "2018-04-10"),
        ("hubungi 021-5551234 atau 0812 3456 7890", "2018-04-10"),  # phone numbers
        ("pada 2035 orang peserta", None),  # a number, not a year, after no preposition… (see below)
        ("lima orang", "2024-01-01"),
        ("Jumat kemarin", None),  # nothing to resolve against
        ("seperempat abad", "2024-01-01"),
        ("pada 1990-an", "2024-01-01"),  # a decade, not a year
        ("pada pukul 10.00 WIB", "2024-01-01"),
        ("sesuai Undang-Undang Nomor 40 Tahun 1999 tentang Pers", "2018-04-10"),  # a law's title
        ("melanggar UU 31 Tahun 1999 tentang Pemberantasan Korupsi", "2018-04-10"),
    ],
)
def test_no_false_dates(text, published):
    found = normalise(text, published)
    if text.startswith("pada 2035"):
        # "pada 2035" reads as a year: the guard is the preposition, so this one is a year
        assert found is not None and found.value == "2035"
        return
    assert found is None, (text, found)


def test_weekday_that_disagrees_is_flagged():
    found = normalise("Senin (30/1/2018)", None)
    assert found is not None and found.rule.endswith("!weekday-mismatch")
    agree = normalise("Selasa (30/1/2018)", None)
    assert agree is not None and "mismatch" not in agree.rule


def test_weekday_picks_the_year_it_fits():
    # 21/12 was a Sunday in 2025; published in early 2026 the weekday moves it to 2025
    found = normalise("Minggu (21/12)", "2026-01-05")
    assert found is not None and found.value == "2025-12-21"


def test_reference_is_inferred_from_the_text_when_there_is_no_publication_date():
    sentences = [
        "Pada tanggal 7 Februari, kantor berita TASS mengutip duta besar.",
        "Hubungan kedua negara pada tahun 2024 akan membaik.",
        "Sebelumnya, pada Oktober 2023, menteri itu berkunjung.",
    ]
    ref = infer_reference(sentences)
    assert ref is not None and (ref.value, ref.precision) == ("2024-02-07", "day")
    assert infer_reference(["Tidak ada tanggal di sini."]) is None


def test_time_stage_sets_expressions_and_reference():
    art = make_article(
        "Judul berita\nSeoul - Pada Jumat, 21 Juni 2024, menteri bertemu. Pada hari yang sama, ia pulang.\n"
    )
    art = Pipeline("clean", "metadata", "sentences", "time", on_error="raise")(art)
    values = [(t.value, t.rule) for t in art.times]
    assert ("2024-06-21", "full") in values
    assert ("2024-06-21", "anaphoric") in values
    assert art.reference is not None
