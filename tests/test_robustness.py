"""Inputs and conditions that once stopped a batch or gave a traceback: each reproduced small.

Every test here names the failure it pins; together they show that no file, file name or folder
stops a batch, that size limits hold per record, and that the store is written only while
writing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warta import errors
from warta.ingest import ingest
from warta.pipeline import process
from warta.stages import read as read_mod
from warta.stages.clean import clean_article
from warta.stages.read import article_from_html, decode_bytes, read_path, walk
from warta.store import queries
from warta.store.db import Store

GOOD = (SEEDS / "004_12dd0d3774324706.txt").read_text(encoding="utf-8")
SENTENCE = "Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Vladivostok pada Kamis."


def _skipped(summary) -> dict[str, str]:
    return {Path(e.path).name: e.code for e in summary.skipped}


def _batch(tmp_path: Path, bad: dict[str, bytes]) -> Path:
    """A folder of bad files with a good article after them (``zz_good.txt`` sorts last)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    (folder / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _ingest(tmp_path: Path, *paths: Path, **kw):
    with Store(tmp_path / "w.db") as store:
        summary = ingest(list(paths), store, **kw)
        refs = {r[0] for r in store.conn.execute("SELECT ref FROM articles")}
    return summary, refs


# -- 1. a bad file never stops the batch --------------------------------------------------------------


def test_deeply_nested_json_is_a_named_skip_and_the_batch_goes_on(tmp_path):
    deep = b"[" * 100_000 + b"]" * 100_000
    folder = _batch(tmp_path, {"d.jsonl": deep + b"\n", "e.json": deep})
    summary, refs = _ingest(tmp_path, folder)
    assert _skipped(summary) == {"d.jsonl": errors.BAD_JSON, "e.json": errors.BAD_JSON}
    assert "nested too deeply" in str(summary.skipped[0])
    assert refs == {"zz_good"}


def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_shown(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"a\xff.txt"), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    summary, refs = _ingest(tmp_path, folder)
    assert summary.ingested == 1 and not summary.skipped
    assert refs == {"a\\xff"}


def test_a_folder_that_cannot_be_entered_is_named_and_the_walk_goes_on(tmp_path, monkeypatch):
    folder = _batch(tmp_path, {})
    (folder / "locked").mkdir()
    (folder / "locked" / "x.txt").write_text(GOOD)
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(read_mod.os, "scandir", scandir)
    summary, refs = _ingest(tmp_path, folder)
    assert [(Path(e.path).name, e.code) for e in summary.skipped] == [("locked", errors.UNREADABLE)]
    assert "Permission denied" in summary.skipped[0].reason
    assert refs == {"zz_good"}


def test_an_unexpected_error_on_one_file_is_an_e_code_skip(tmp_path, monkeypatch):
    folder = _batch(tmp_path, {"boom.txt": b"Teks biasa yang cukup panjang untuk dibaca.\n"})
    real = read_mod.decode_bytes

    def decode(data: bytes, path: str = "<bytes>") -> str:
        if path.endswith("boom.txt"):
            raise RuntimeError("a bug in a reader")
        return real(data, path)

    monkeypatch.setattr(read_mod, "decode_bytes", decode)
    summary, refs = _ingest(tmp_path, folder)
    assert _skipped(summary) == {"boom.txt": errors.INTERNAL}
    assert "RuntimeError: a bug in a reader" in summary.skipped[0].reason
    assert refs == {"zz_good"}


# -- 2. size limits per record; cleaning linear ---------------------------------------------------------


def test_records_inside_a_json_file_are_held_to_max_bytes(tmp_path):
    other = (SEEDS / "000_7b49f35e4ad6d20d.txt").read_text(encoding="utf-8")
    records = [{"id": "big", "text": "kata " * 100_000}, {"id": "ok", "text": other}]
    folder = _batch(tmp_path, {"feed.json": json.dumps(records).encode()})
    summary, refs = _ingest(tmp_path, folder, max_bytes=100_000)
    assert [(e.line, e.code) for e in summary.skipped] == [(1, errors.OVERSIZED)]
    assert refs == {"ok", "zz_good"}


def test_repeated_lines_are_dropped_once_each_at_any_count():
    para = SENTENCE + " Keduanya membahas kerja sama."
    from tests.conftest import make_article

    art = clean_article(make_article("\n".join([para] * 20_000 + ["Paragraf penutup yang berbeda dari yang lain."])))
    assert art.text.splitlines() == [para, "Paragraf penutup yang berbeda dari yang lain."]
    assert {d.rule for d in art.dropped} == {"repeated-line"} and len(art.dropped) == 19_999


def test_teasers_are_still_found_among_many_distinct_lines():
    from tests.conftest import make_article

    lines = [f"Paragraf nomor {i} berisi kalimat yang cukup panjang untuk diuji." for i in range(3_000)]
    teaser = "Putin dan Kim Jong Un membahas kerja sama militer kedua negara"
    lines[1500] = f"{teaser} di Vladivostok pada Kamis, kata juru bicara Kremlin."
    art = clean_article(make_article("\n".join([*lines[:10], teaser, *lines[10:]])))
    assert [d.rule for d in art.dropped if d.text == teaser] == ["teaser"]


# -- 5. nothing skipped silently ---------------------------------------------------------------------


def test_dangling_links_and_link_loops_are_named(tmp_path):
    folder = _batch(tmp_path, {})
    os.symlink("missing.txt", folder / "dangling.txt")
    os.symlink("loop.txt", folder / "loop.txt")
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")
    named = {Path(e.path).name: e.reason for e in walk([folder]) if isinstance(e, errors.InputError)}
    assert named.keys() == {"dangling.txt", "loop.txt", "up"}
    assert named["dangling.txt"].startswith("dangling link") and named["loop.txt"].startswith("link loop")
    assert "contains itself" in named["up"]
    summary, refs = _ingest(tmp_path, folder)
    assert len(summary.skipped) == 3 and refs == {"zz_good"}


# -- 6. NUL characters never reach the store ---------------------------------------------------------------


def test_nul_bytes_after_the_first_8kb_and_in_feeds_are_removed(tmp_path):
    long_text = (SENTENCE + "\n") * 120 + "Kremlin mengumumkan\x00 pertemuan baru.\n"
    assert len(long_text) > 8192
    feed = json.dumps({"id": "f1", "title": "Judul\x00 berita", "text": "Berita\x00 dari Moskow. " + SENTENCE})
    folder = _batch(tmp_path, {"late.txt": long_text.encode(), "feed.jsonl": feed.encode() + b"\n"})
    summary, refs = _ingest(tmp_path, folder)
    assert not summary.skipped and refs == {"late", "f1", "zz_good"}
    with Store(tmp_path / "w.db") as store:
        texts = [r[0] + (r[1] or "") for r in store.conn.execute("SELECT text, title FROM articles")]
        assert not any("\x00" in t for t in texts)
        assert queries.search_articles(store.conn, "mengumumkan pertemuan")


# -- 7. the smaller ones -------------------------------------------------------------------------------------


def test_utf16_with_a_bom_is_read_as_text():
    data = ("Moskow (ANTARA) - " + SENTENCE + "\n").encode("utf-16")
    assert decode_bytes(data, "u.txt").startswith("Moskow (ANTARA)")


def test_deeply_nested_html_around_a_real_paragraph_still_gives_its_text():
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>" * 100_000 + "</body></html>"
    art = article_from_html(html, ref="deep", source="deep.html")
    assert SENTENCE in art.plain


def test_a_binary_jsonl_file_is_one_skip_not_one_per_line(tmp_path):
    path = tmp_path / "bin.jsonl"
    path.write_bytes(bytes(range(256)) * 200)
    items = list(read_path(path))
    assert len(items) == 1 and items[0].error is not None and items[0].error.code == errors.BINARY


def test_like_wildcards_in_a_text_filter_are_taken_literally(tmp_path):
    _, _ = _ingest(tmp_path, SEEDS)
    with Store(tmp_path / "w.db") as store:
        for wildcard in ("%", "_", "%%", "\\"):
            assert queries.count_events(store.conn, queries.EventFilter(text=wildcard)) == 0
        assert queries.count_events(store.conn, queries.EventFilter(text="Rusia")) > 0


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [("2024-13", None, "--from"), (None, "2024-02-30", "--to"), ("2024-05", "2024-04", "after")],
)
def test_impossible_dates_are_refused_naming_the_flag(date_from, date_to, message):
    with pytest.raises(ValueError, match=message):
        queries.check_date_range(date_from, date_to, ("--from", "--to"))


def test_a_read_only_store_is_read_without_writing_to_it(tmp_path):
    db = tmp_path / "ro.db"
    with Store(db) as store:
        ingest([SEEDS], store)
        store.conn.execute("PRAGMA journal_mode = DELETE")
    os.chmod(db, 0o444)
    try:
        before = db.read_bytes()
        with Store(db, readonly=True) as store:
            assert queries.count_articles(store.conn) == 5
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                store.conn.execute("DELETE FROM articles")
        assert db.read_bytes() == before and not (tmp_path / "ro.db-wal").exists()
    finally:
        os.chmod(db, 0o644)


def _warta(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    code = "import sys; from warta.cli import main; sys.argv[0] = 'warta'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_cli_output_and_store_errors_are_one_line_not_a_traceback(tmp_path):
    db = tmp_path / "w.db"
    with Store(db) as store:
        ingest([SEEDS], store)
    cases = [
        (("export", tmp_path / "nowhere" / "e.jsonl", "--db", db), "does not exist"),
        (("export", tmp_path, "--db", db), "is a folder"),
        (("dyad", "KOR", "RUS", "--db", db, "--csv", tmp_path / "nowhere" / "d.csv"), "does not exist"),
        (("serve", "--db", db, "--port", "99999"), "65535"),
        (("events", "--db", db, "--from", "2024-13"), "--from"),
        (("dyad", "KOR", "--db", db, "--to", "2024-02-30"), "--to"),
    ]
    for args, message in cases:
        res = _warta(*args)
        assert res.returncode == 2, (args, res.stderr)
        assert "Traceback" not in res.stderr and message in res.stderr, (args, res.stderr)
    # a corrupted page: the header survives, a table's pages do not
    raw = bytearray(db.read_bytes())
    for i in range(4096 * 3, len(raw) - 4096, 4096):
        raw[i : i + 64] = b"\xfe" * 64
    broken = tmp_path / "broken.db"
    broken.write_bytes(bytes(raw))
    res = _warta("articles", "--db", broken)
    assert res.returncode == 2 and "Traceback" not in res.stderr and "error:" in res.stderr


# -- 4. writes: short transactions, the same article at once from two writers ---------------------------------


def test_batch_ingest_holds_no_transaction_while_processing(tmp_path):
    db = tmp_path / "w.db"
    checks: list[bool] = []
    with Store(db) as store:
        other = sqlite3.connect(db, timeout=0.2, isolation_level=None)

        def progress(_: int) -> None:  # called as each article is read, before it is processed
            checks.append(not store.conn.in_transaction)
            other.execute("BEGIN IMMEDIATE")  # another writer gets the lock at once
            other.execute("ROLLBACK")

        ingest([SEEDS], store, progress=progress, commit_every=2)
        other.close()
    assert checks == [True] * 5


def test_two_writers_adding_the_same_article_store_it_once(tmp_path):
    db = tmp_path / "w.db"
    Store(db).close()
    art = process(next(iter(read_path(SEEDS / "004_12dd0d3774324706.txt"))).article)
    results: list[str] = []
    barrier = threading.Barrier(4)

    def writer() -> None:
        with Store(db) as store:
            barrier.wait()
            results.append(store.add(art).status)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["new", "present", "present", "present"]
    with Store(db) as store:
        assert queries.count_articles(store.conn) == 1
