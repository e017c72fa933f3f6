"""Property-based fuzzing of the readers, the cleaner, the pipeline and the API's query parameters.

Each property is "never raises, and what comes out is well formed". Examples are bounded so the
module runs in well under a minute; under CI (``CI`` set) the examples are derandomised, so a
run is reproducible. ``WARTA_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py`` searches harder.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS, make_article
from warta import ontology
from warta.api import create_app
from warta.errors import InputError
from warta.ingest import ingest
from warta.pipeline import Pipeline
from warta.stages import DEFAULT_PIPELINE
from warta.stages.clean import clean_article, normalise_line
from warta.stages.read import article_from_record, decode_bytes, read_path
from warta.store.db import Store

settings.register_profile(
    "warta",
    max_examples=int(os.environ.get("WARTA_FUZZ_EXAMPLES", "80")),
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("warta")

WORDS = st.sampled_from(
    "Rusia Korea Utara Selatan Putin Kim Jong Un Yoon Moskow Seoul Pyongyang bertemu mengecam menembakkan "
    'rudal sanksi kunjungan Rabu (21/05) September lalu pekan lalu Presiden Menteri Luar Negeri . , " ( ) '
    "tidak akan ANTARA Baca juga: Jakarta - kata 2024 https://x.id/a.jpg".split()
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.sampled_from(["\n", "\n\n", "\x00", "\u200b", "\r\n"])), max_size=150).map(" ".join),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers(), JSON_VALUE),
        "text": st.one_of(TEXT, JSON_VALUE),
        "html": st.one_of(TEXT.map(lambda t: f"<html><body><p>{t}</p></body></html>"), JSON_VALUE),
        "title": st.one_of(st.text(max_size=30), JSON_VALUE),
        "published": st.one_of(st.sampled_from(["2024-02-30", "2024-13", "2024-05-01T10:00:00Z", ""]), JSON_VALUE),
        "paragraphs": st.one_of(st.lists(st.lists(st.lists(WORDS, max_size=8), max_size=3), max_size=3), JSON_VALUE),
        "url": st.one_of(st.text(max_size=30), JSON_VALUE),
    },
)


@given(st.binary(max_size=3000))
def test_decode_bytes_returns_text_without_nul_or_raises_input_error(data):
    try:
        text = decode_bytes(data, "f.txt")
    except InputError as exc:
        assert exc.path == "f.txt" and exc.code.startswith("W")
    else:
        assert isinstance(text, str) and "\x00" not in text


@given(RECORD)
def test_any_feed_record_is_an_article_or_an_input_error(rec):
    try:
        art = article_from_record(rec, source="feed.jsonl:1")
    except InputError as exc:
        assert exc.code.startswith("W")
    else:
        assert art.ref and "\x00" not in art.plain


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".json"])
@given(data=st.one_of(st.binary(max_size=2000), RECORD.map(lambda r: json.dumps(r).encode())))
def test_reading_any_file_yields_items_and_never_raises(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(data)
    items = list(read_path(path, max_bytes=1500))
    assert items
    for item in items:
        assert (item.article is None) != (item.error is None)
        if item.error is not None:
            assert item.error.code[0] in "WE" and item.error.path == str(path)


@given(TEXT)
def test_cleaning_keeps_only_input_lines_in_order(text):
    art = clean_article(make_article(text))
    kept = art.text.splitlines() if art.text else []
    assert len(kept) == len(art.paragraphs)
    lines = [normalise_line(line) for line in text.splitlines()]
    assert all(any(k in line for line in lines) for k in kept)
    assert {d.line_no for d in art.dropped}.isdisjoint({p.line_no for p in art.paragraphs})


@given(TEXT, st.sampled_from([None, "2024-05-22", "2019-01-01"]))
def test_the_whole_pipeline_never_raises_on_any_text(text, published):
    from warta.article import Given

    art = Pipeline(*DEFAULT_PIPELINE, on_error="raise")(make_article(text, given=Given(published=published)))
    for event in art.events:
        assert event.source is not None and ontology.is_code(event.cameo)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz-api") / "a.db"
    with Store(db) as store:
        ingest([SEEDS], store)
    return TestClient(create_app(db), raise_server_exceptions=False)


PARAM = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["RUS", "KOR-RUS", "2024-13", "2024-02-30", "-1", "99999999999999999999", "%", "_", "04", "1e9"]),
)


@given(
    path=st.sampled_from(["/api/events", "/api/articles", "/api/timeline", "/api/fused", "/api/search"]),
    params=st.dictionaries(
        st.sampled_from(["actor", "other", "dyad", "from", "to", "code", "quad", "text", "q", "limit", "offset", "by"]),
        PARAM,
        max_size=5,
    ),
)
def test_api_query_parameters_never_give_a_500(client, path, params):
    res = client.get(path, params=params)
    assert res.status_code in (200, 400, 404, 422), (path, params, res.status_code, res.text[:200])
    assert isinstance(res.json(), dict | list)


@given(st.text(min_size=1, max_size=40).filter(lambda s: s not in (".", "..")))
def test_api_path_ids_never_give_a_500(client, key):
    key = quote(key, safe="")
    for path in (f"/api/articles/{key}", f"/api/fused/{key}", f"/api/events/{key}"):
        res = client.get(path)
        assert res.status_code in (200, 404, 422), (path, res.status_code, res.text[:200])


@given(st.lists(st.text(alphabet="ab ", min_size=40, max_size=60), min_size=2, max_size=30, unique=True))
def test_both_teaser_searches_agree(lines):
    from warta.stages.clean import _teasers_large, _teasers_small

    assert _teasers_small(lines) == _teasers_large(lines)
