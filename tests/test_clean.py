"""Cleaning on pages the rules were not written for, and the page rules one by one."""

from __future__ import annotations

import pytest

from tests.conftest import PAGES, make_article
from warta.stages.clean import clean_article, load_rules
from warta.stages.read import read_path


def _clean_file(pipeline, name):
    (item,) = list(read_path(PAGES / name))
    assert item.error is None, item.error
    return pipeline(item.article)


@pytest.mark.parametrize(
    ("name", "kept", "dropped"),
    [
        (
            "kompas_style.txt",
            ["TOKYO, KOMPAS.com - Pemerintah Jepang mengecam", "Tanggapan Korea Selatan",
             "Kepala Staf Gabungan Korea Selatan mengatakan"],
            ["Lihat Foto", "Penulis Aditya Jaya", "(AFP)", "Baca juga:", "WhatsApp Channel",
             "Dapatkan update", "All Rights Reserved", "Kompas.com - 12/03/2024"],
        ),
        (
            "detik_style.txt",
            ["Jakarta - Presiden Rusia Vladimir Putin", "Kerja Sama Energi", "Kedua negara juga sepakat"],
            ["0 komentar", "BAGIKAN", "URL telah disalin", "Baca artikel detiknews", "Download Apps", "(nvc/nvc)",
             "Rizki Pratama - detikNews"],
        ),
        (
            "tribun_style.txt",
            ["TRIBUNNEWS.COM, SEOUL - Menteri Pertahanan", '"Kerja sama ini penting'],
            ["Home » Internasional", "Laporan Wartawan", "Halaman selanjutnya", "Tags:", "Editor:",
             "Artikel ini telah tayang", "Google News"],
        ),
        (
            "cnn_style.html",
            ["Jakarta, CNN Indonesia -- Kementerian Luar Negeri", "Seoul juga menyampaikan penyesalan"],
            ["Baca juga:", "ADVERTISEMENT", "SCROLL TO CONTINUE", "(isa/bac)", "cookie"],
        ),
        (
            "antara_style.html",
            ["Paris (ANTARA) - Menteri Luar Negeri Indonesia", "Élysée"],
            ["Baca juga:", "Pewarta:", "Editor:", "Copyright"],
        ),
    ],
)  # fmt: skip
def test_clean_generalises_to_other_layouts(pipeline, name, kept, dropped):
    art = _clean_file(pipeline, name)
    for piece in kept:
        assert piece in art.text, f"lost {piece!r}"
    for piece in dropped:
        assert piece not in art.text, f"kept furniture {piece!r}"


@pytest.mark.parametrize(
    ("name", "outlet", "dateline", "published", "precision", "title"),
    [
        ("kompas_style.txt", "Kompas.com", "Tokyo", "2024-03-12", "day",
         "Jepang Kecam Peluncuran Rudal Korea Utara di Laut Timur"),
        ("detik_style.txt", "detikcom", "Jakarta", "2024-04-01", "day",
         "Putin Terima Kunjungan Menlu China di Kremlin"),
        ("tribun_style.txt", "Tribunnews", "Seoul", "2024-02-15", "day",
         "Korea Selatan dan Indonesia Perkuat Kerja Sama Pertahanan"),
        ("cnn_style.html", "CNN Indonesia", "Jakarta", "2024-03-23", "day",
         "Korsel Panggil Dubes Jepang soal Buku Pelajaran"),
        ("antara_style.html", "ANTARA", "Paris", "2024-03-06", "day", "Menlu RI bertemu Menlu Prancis di Paris"),
    ],
)  # fmt: skip
def test_metadata_on_other_layouts(pipeline, name, outlet, dateline, published, precision, title):
    meta = _clean_file(pipeline, name).meta
    assert (meta.outlet, meta.dateline, meta.published, meta.published_precision, meta.title) == (
        outlet, dateline, published, precision, title,
    )  # fmt: skip
    assert meta.language == "id"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Baca Juga: Harga Cabai Naik", "related-link"),
        ("BACA JUGA:Polisi Tangkap Pencuri", "related-link"),
        ("Simak juga: video terbaru", "related-link"),
        ("Lihat juga: Galeri foto", "related-link"),
        ("[iklan_2]", "ad-marker"),
        ("ADVERTISEMENT", "ad-marker"),
        ("Kami menggunakan cookies untuk meningkatkan pengalaman Anda di situs ini.", "cookie"),
        ("Go Top", "navigation"),
        ("Pergi ke Menu", "navigation"),
        ("Komentar (12)", "counter"),
        ("Dibaca 1.234 kali", "counter"),
        ("3 jam lalu", "counter"),
        ("Penerjemah: Fulan", "credit"),
        ("Pewarta: Fulan", "credit"),
        ("Copyright © Tempo 2024", "legal"),
        ("Dilarang mengutip tanpa izin.", "legal"),
        ("Saksikan Video Pilihan di Bawah Ini:", "prompt"),
        ("* Follow Official WhatsApp Channel Liputan6.com", "prompt"),
        ("Halaman 2 dari 3", "page-counter"),
        ("https://cdn.example.com/img/2024/03/foto-utama.jpg", "image-debris"),
        (",w_600,h_400,c_fill/abc123.webp)", "image-debris"),
        ("Tags: Rusia, Korea Utara", "tag"),
        ("Diperbarui: 12 Mei 2024 10:00 WIB", "stamp"),
    ],
)
def test_clean_line_rules(line, rule):
    assert load_rules("id").match(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "Presiden Joko Widodo bertemu Perdana Menteri Jepang di Tokyo pada Selasa (5/3).",
        "Menurut sumber tersebut, pembicaraan berlangsung tertutup.",
        "Baca pernyataan lengkapnya, kata juru bicara, akan dirilis besok.",
        "Editor senior itu mengundurkan diri pekan lalu setelah polemik tersebut.",
        "Rusia Mendukung Rencana Dialog AS - Korea Utara",
    ],
)
def test_clean_line_rules_keep_body_text(line):
    assert load_rules("id").match(line) is None


def test_clean_keeps_short_subheadings_between_paragraphs():
    text = (
        "Jakarta - Pemerintah Indonesia mengecam serangan terhadap warga sipil di Gaza, kata juru bicara.\n"
        "Sikap Tegas\n"
        "Indonesia juga meminta Dewan Keamanan PBB segera bertindak untuk menghentikan kekerasan.\n"
    )
    art = clean_article(make_article(text))
    assert "Sikap Tegas" in art.text
    assert art.dropped == ()


def test_clean_drops_header_labels_and_title_repeats_but_keeps_title():
    text = (
        "Beranda\nPolitik\nJepang dan Korea Selatan Gelar Dialog Keamanan\n"
        "Jepang dan Korea Selatan Gelar Dialog Keamanan\n"
        "Jepang dan Korea Selatan Gelar Dialog Keamanan--Reuters/Foto\n"
        "Tokyo - Jepang dan Korea Selatan menggelar dialog keamanan tingkat tinggi di Tokyo pada Senin.\n"
    )
    art = clean_article(make_article(text))
    rules = [d.rule for d in art.dropped]
    assert rules == ["navigation", "header-debris", "repeated-title", "repeated-title"]
    assert art.paragraphs[0].is_title
    assert art.text.splitlines()[0] == "Jepang dan Korea Selatan Gelar Dialog Keamanan"


def test_clean_drops_teaser_repeated_in_lede():
    lede = "Menteri Luar Negeri Korea Utara melakukan kunjungan kerja ke Moskow pada Selasa."
    art = clean_article(make_article(f"Judul Berita Tentang Kunjungan\n{lede}\nMoskow, Liputan6.com - {lede}\n"))
    assert [d.rule for d in art.dropped] == ["teaser"]


def test_clean_offsets_point_into_text():
    art = clean_article(
        make_article("Judul Berita Yang Panjang\n\n  Isi  berita\u00a0pertama ada di sini dan cukup panjang.\n")
    )
    for p in art.paragraphs:
        assert art.text[p.start : p.end].strip() == art.text[p.start : p.end]
    assert "Isi berita pertama" in art.text  # spaces and no-break spaces folded


def test_clean_records_every_dropped_line_once(pipeline):
    from tests.conftest import SEEDS

    (item,) = list(read_path(SEEDS / "003_623a4fe61b1ac6d9.txt"))
    art = pipeline(item.article)
    numbers = [d.line_no for d in art.dropped]
    assert len(numbers) == len(set(numbers))
    kept = {p.line_no for p in art.paragraphs}
    assert kept.isdisjoint(numbers)
