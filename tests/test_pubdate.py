"""Publication dates and where they came from: URL date shapes, their checks, the order of the
sources (feed, page, URL, text, crawl time), and the source in the store, `warta show` and the API."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import PAGES, make_article
from warta.api import create_app
from warta.article import PUBLISHED_SOURCES, Given
from warta.cli import app
from warta.errors import LexiconError
from warta.ingest import ingest
from warta.stages.clean import clean_article
from warta.stages.metadata import extract_metadata, load_url_dates, url_dates
from warta.stages.read import article_from_html, article_from_record
from warta.store import queries
from warta.store.db import Store
from warta.store.migrations import _migrations

# -- URL shapes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("row", load_url_dates("id"), ids=lambda r: r.rule)
def test_url_date_table_examples_give_their_dates(row):
    assert url_dates(row.example)[:1] == [(date.fromisoformat(row.date), row.rule)]


@pytest.mark.parametrize(
    ("url", "day", "rule"),
    [
        # /YYYY/MM/DD/: Poskota, Suara (then hhmmss), Goal, Kompas's /read/…
        ("http://poskotanews.com/2017/08/26/polisi-tangkap-pelaku/", "2017-08-26", "url-ymd"),
        ("http://www.suara.com/news/2017/12/01/0331/trump-ikut-sebarkan-video", "2017-12-01", "url-ymd"),
        ("https://nasional.kompas.com/read/2017/08/24/09405801/judul-berita", "2017-08-24", "url-ymd"),
        ("http://news.detik.com/read/2017/08/24/094058/3613010/10/judul", "2017-08-24", "url-ymd"),
        ("http://www.goal.com/id-ID/news/1387/nasional/2017/08/22/37984682/judul", "2017-08-22", "url-ymd"),
        # a 14-digit stamp YYYYMMDDhhmmss
        ("https://www.cnnindonesia.com/nasional/20170824094058-12-236822/judul/", "2017-08-24", "url-stamp"),
        ("http://m.cnnindonesia.com/ekonomi/20170120074043-92-187624/ditjen-bina-marga", "2017-01-20", "url-stamp"),
        # Rimanews: /read/YYYYMMDD/
        ("http://rimanews.com/nasional/read/20170403/321995/Pemerintah-ledakkan", "2017-04-03", "url-read-ymd"),
        # kumparan: creation time in milliseconds ending the slug, read in Western Indonesia Time
        # (1503595574073 is 2017-08-24 17:26 UTC, 00:26 on the 25th in Jakarta)
        ("https://kumparan.com/lampu-edison/bersin-saat-memasak-cabe-1503595574073", "2017-08-25", "url-slug-ms"),
        ("https://kumparan.com/robilin-elmi/untitled-story-1494109298914/", "2017-05-07", "url-slug-ms"),
    ],
)
def test_url_date_shapes(url, day, rule):
    assert url_dates(url)[0] == (date.fromisoformat(day), rule)


@pytest.mark.parametrize(
    "url",
    [
        "http://poskotanews.com/2017/13/45/tanggal-mustahil/",  # month 13, day 45
        "http://poskotanews.com/2017/02/30/tanggal-mustahil/",  # 30 February
        "https://www.cnnindonesia.com/nasional/20170231094058-12-1/judul/",  # 31 February
        "https://www.cnnindonesia.com/nasional/20170824256100-12-1/judul/",  # 25:61 is no time
        "http://rimanews.com/nasional/read/20171301/321995/judul",  # month 13
        "http://example.com/1899/01/01/lama/",  # before any news site
        # look-alikes: a goal.com article number, a kumparan user name with its sign-up time
        "http://www.goal.com/id-ID/match/arema-vs-persija/2435773/report",
        "https://kumparan.com/jihad-akbar1487918664529/seorang-pemuda-di-papua-ditangkap",
        "https://dailysocial.id/post/huawei-y6-pro-2017",
        "https://www.antaranews.com/berita/670368/judul?utm_campaign=/2017/08/24/",  # a query is no path
        "http://[::1/2017/08/24/",  # a broken host: no path to read, and no crash
        "",
    ],
)
def test_url_dates_ignore_impossible_dates_and_look_alikes(url):
    assert url_dates(url) == []


def test_url_date_table_is_checked(tmp_path, monkeypatch):
    bad = tmp_path / "url_dates.tsv"
    bad.write_text(
        "rule\tpattern\texample\tdate\n"
        "no-groups\t/(\\d{4})/\thttp://x/2017/\t2017-01-01\n"
        "bad-date\t/(?P<y>\\d{4})/(?P<m>\\d{2})/(?P<d>\\d{2})/\thttp://x/2017/01/01/\t2017-02-30\n"
        "bad-regex\t/(?P<y>\\d{4}\thttp://x/\t2017-01-01\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("warta.stages.metadata.data_path", lambda lang, name: bad)
    with pytest.raises(LexiconError) as info:
        load_url_dates.__wrapped__("id")
    assert [p.split(":")[1] for p in info.value.problems] == ["4", "2", "3"]


def test_url_date_takes_the_first_valid_shape():
    # the goal.com number 20170522 would read as a date; the /YYYY/MM/DD/ before it comes first
    url = "http://www.goal.com/id-ID/news/1387/nasional/2017/01/22/20170522/judul"
    assert url_dates(url)[0] == (date(2017, 1, 22), "url-ymd")


# -- the order of the sources ----------------------------------------------------------------------


def _indosum(ref: str, url: str, sentences: list[str]) -> dict:
    return {"id": ref, "source": "cnn indonesia", "source_url": url, "paragraphs": [[s.split() for s in sentences]]}


BODY = ["Jakarta , CNN Indonesia -- Sekretaris Jenderal PBB mengutuk serangan itu .", "Dia menyerukan ketenangan ."]


def _meta_of(rec: dict):
    art = extract_metadata(clean_article(article_from_record(rec, source="feed.jsonl:1")))
    return art.meta, art.problems


def test_indosum_record_takes_the_url_date_over_the_crawl_time():
    # crawled 2017-08-27 07:06 UTC (the id), published 2017-08-26 16:51 (the URL)
    rec = _indosum("1503817565-sekjen-pbb-kutuk", "https://www.cnnindonesia.com/internasional/"
                   "20170826165159-106-237468/sekjen-pbb-kutuk-serangan/", BODY)  # fmt: skip
    m, problems = _meta_of(rec)
    assert (m.published, m.published_precision, m.published_source, m.published_rule) == (
        "2017-08-26",
        "day",
        "url",
        "url-stamp",
    )
    assert not problems


def test_indosum_record_without_a_url_date_keeps_the_crawl_time():
    rec = _indosum("1503817565-sekjen-pbb-kutuk", "https://kumparan.com/a-b/sekjen-pbb-kutuk", BODY)
    m, _ = _meta_of(rec)
    assert (m.published, m.published_source, m.published_rule) == ("2017-08-27", "crawl", "crawl-time")


def test_url_date_more_than_a_day_after_the_crawl_is_ignored():
    late = _indosum("1503817565-x", "http://poskotanews.com/2017/08/29/judul/", BODY)  # two days after the crawl
    m, problems = _meta_of(late)
    assert (m.published, m.published_source) == ("2017-08-27", "crawl")
    assert [p.code for p in problems] == ["W202"] and "2017-08-29" in problems[0].message
    next_day = _indosum("1503817565-x", "http://poskotanews.com/2017/08/28/judul/", BODY)  # time zones: allowed
    m, problems = _meta_of(next_day)
    assert (m.published, m.published_source) == ("2017-08-28", "url") and not problems


def test_url_date_in_the_future_of_today_is_ignored_without_a_crawl_time():
    m = extract_metadata(clean_article(make_article("Isi berita.", given=Given(url="http://x.id/2999/01/01/a/")))).meta
    assert m.published is None and m.published_source is None
    m = extract_metadata(clean_article(make_article("Isi berita.", given=Given(url="http://x.id/2017/01/01/a/")))).meta
    assert (m.published, m.published_source, m.published_rule) == ("2017-01-01", "url", "url-ymd")


def test_text_date_stands_against_the_crawl_time_only_shortly_before_it():
    text = [
        "Jakarta ( ANTARA News ) - Presiden tiba di Jakarta , Senin ( 27 / 3 ) .",
        "Ini kunjungan pertama pada 2017 .",
    ]
    # crawled Tuesday 2017-03-28; "Senin (27/3)" resolves to 2017-03-27, a day before
    m, _ = _meta_of(_indosum("1490674536-x", "https://www.antaranews.com/berita/1/x", text))
    assert (m.published, m.published_source, m.published_rule) == ("2017-03-27", "text", "dateline-weekday")
    # crawled 2017-05-10: Monday 27 March is six weeks before, too far to stand
    m, _ = _meta_of(_indosum("1494374400-x", "https://www.antaranews.com/berita/1/x", text))
    assert (m.published, m.published_source) == ("2017-05-10", "crawl")


def test_feed_date_wins_over_the_url_and_page_date_is_called_page():
    rec = {"id": "f1", "text": "Isi berita.", "url": "http://poskotanews.com/2017/08/26/x/", "published": "2017-08-20"}
    m, _ = _meta_of(rec)
    assert (m.published, m.published_source, m.published_rule) == ("2017-08-20", "given", "given")
    del rec["published"]
    assert _meta_of(rec)[0].published_source == "url"
    html = (PAGES / "cnn_style.html").read_text(encoding="utf-8")
    page = extract_metadata(clean_article(article_from_html(html, ref="p", source="p.html"))).meta
    assert (page.published, page.published_source, page.published_rule) == ("2024-03-23", "page", "page-metadata")
    fed = article_from_html(
        html, ref="p", source="f.jsonl:1", given=Given(published="2024-03-22", published_source="given")
    )
    assert extract_metadata(clean_article(fed)).meta.published_source == "given"


# -- store, show, API ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pubdate")
    recs = [
        _indosum("1503817565-sekjen-pbb-kutuk", "https://www.cnnindonesia.com/internasional/"
                 "20170826165159-106-237468/sekjen-pbb-kutuk-serangan/", BODY),
        _indosum("1503817566-lain", "https://kumparan.com/a-b/lain", ["Jakarta - Menteri bertemu duta besar ."]),
    ]  # fmt: skip
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    path = folder / "p.db"
    with Store(path) as store:
        assert ingest([folder / "feed.jsonl"], store).ingested == 2
    return path


def test_store_keeps_the_source(db):
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT ref, published, published_source, published_rule FROM articles ORDER BY ref")
        assert [tuple(r) for r in rows] == [
            ("1503817565-sekjen-pbb-kutuk", "2017-08-26", "url", "url-stamp"),
            ("1503817566-lain", "2017-08-27", "crawl", "crawl-time"),
        ]
        detail = queries.get_article(store.conn, queries.find_article(store.conn, "1503817565-sekjen-pbb-kutuk"))
        assert detail.published_source == "url" and detail.published_rule == "url-stamp"


def test_show_and_api_say_where_the_date_came_from(db, monkeypatch):
    res = CliRunner().invoke(app, ["show", "1503817565-sekjen-pbb-kutuk", "--db", str(db)])
    assert res.exit_code == 0 and "2017-08-26 (day) from url by url-stamp" in res.output
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    client = TestClient(create_app(db))
    items = client.get("/api/articles").json()["items"]
    by_ref = {i["ref"]: i["article_id"] for i in items}
    one = client.get(f"/api/articles/{by_ref['1503817565-sekjen-pbb-kutuk']}").json()
    assert (one["published"], one["published_source"], one["published_rule"]) == ("2017-08-26", "url", "url-stamp")
    other = client.get(f"/api/articles/{by_ref['1503817566-lain']}").json()
    assert (other["published"], other["published_source"]) == ("2017-08-27", "crawl")


def test_migration_fills_the_source_of_stored_articles(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    before = [(n, sql) for n, _name, sql in _migrations() if n < 5]
    for n, sql in before:
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {n};\nCOMMIT;")
    rows = [  # format, source, rule
        ("indosum", "c.jsonl:1", "given"), ("feed", "f.jsonl:1", "given"), ("html", "p.html", "given"),
        ("html", "f.jsonl:2", "given"), ("text", "t.txt", "dateline-weekday"), ("text", "u.txt", None),
    ]  # fmt: skip
    for i, (fmt, source, rule) in enumerate(rows):
        conn.execute(
            "INSERT INTO articles (ref, source, format, published, published_rule, text, paragraphs, content_hash,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, 'x', '[]', ?, '2024-01-01')",
            (f"r{i}", source, fmt, "2017-08-27" if rule else None, rule, f"h{i}"),
        )
    conn.close()
    with Store(path) as store:
        got = [
            tuple(r) for r in store.conn.execute("SELECT published_source, published_rule FROM articles ORDER BY ref")
        ]
        with pytest.raises(sqlite3.IntegrityError):  # only the five sources
            store.conn.execute("UPDATE articles SET published_source = 'guess'")
    assert got == [
        ("crawl", "crawl-time"), ("given", "given"), ("page", "page-metadata"),
        (None, "given"),  # an HTML page from a feed: its feed's date or its page's, no longer known
        ("text", "dateline-weekday"), (None, None),
    ]  # fmt: skip
    assert set(PUBLISHED_SOURCES) == {"given", "page", "url", "text", "crawl"}


def test_a_broken_url_host_loses_only_the_url_outlet_and_date():
    rec = _indosum("1503817565-sekjen-pbb-kutuk", "http://[::1/internasional/20170826165159-106-237468/x", BODY)
    m, problems = _meta_of(rec)
    assert m.outlet == "CNN Indonesia"  # from the dateline, as without a URL
    assert (m.published, m.published_source) == ("2017-08-27", "crawl")
    assert not [p for p in problems if p.code.startswith("E")]
