"""The API for the analyst's workbench, through FastAPI's test client: CAMEO and actor names in
both languages, search snippets in parts, the sentences of an article that produced events, the
OpenAPI description (parameter descriptions, response schemas), one version, the favicon."""

from __future__ import annotations

import json
from importlib import metadata

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEEDS
from warta import api_models as m
from warta.api import create_app
from warta.ingest import ingest
from warta.store.db import Store

URL = "https://www.antaranews.com/berita/contoh-123"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wb")
    feed = tmp / "feed.jsonl"
    record = {
        "id": "with-url", "url": URL, "outlet": "ANTARA", "published": "2024-06-03",
        "text": "Jepang Kecam Korea Utara\nTokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara pada "
        "Senin (3/6/2024) setelah uji coba rudal [balistik].\nJepang juga memanggil duta besar Korea Utara.\n",
    }  # fmt: skip
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store(tmp / "w.db") as store:
        ingest([SEEDS, feed], store)
    return TestClient(create_app(tmp / "w.db"))


def test_cameo_names_in_english_and_indonesian(client):
    roots = client.get("/api/cameo", params={"roots": True}).json()
    assert [r["code"] for r in roots] == [f"{i:02d}" for i in range(1, 21)]
    assert all(r["name_id"] and r["name"] for r in roots)
    assert next(r for r in roots if r["code"] == "11")["name_id"] == "Menyatakan ketidaksetujuan"
    every = client.get("/api/cameo").json()
    assert len(every) == 312 and next(r for r in every if r["code"] == "114")["name"] == "Complain officially"
    fused = client.get("/api/fused", params={"actor": "KOR", "other": "RUS", "period": "2024-06"}).json()["items"]
    assert fused and all(f["cameo_name"] for f in fused)
    events = client.get("/api/events", params={"dyad": "KOR-RUS"}).json()["items"]
    assert all(e["cameo_name"] for e in events) and {e["cameo_name"] for e in events if e["cameo"] == "114"} == {
        "Complain officially"
    }
    root_coded = [e for e in client.get("/api/events", params={"limit": 500}).json()["items"] if len(e["cameo"]) == 2]
    assert all(e["cameo_name_id"] for e in root_coded)
    one = client.get(f"/api/fused/{fused[0]['canonical_id']}").json()
    assert one["cameo_name"] and all(x["record"]["cameo_name"] for x in one["mentions"])
    tl = client.get("/api/timeline", params={"actor": "KOR", "other": "RUS"}).json()
    assert tl["first"]["cameo_name"] and all("name_id" in t for t in tl["top_types"])


def test_actors_named_in_both_languages(client):
    actors = {a["code"]: a for a in client.get("/api/actors").json()}
    assert (actors["KOR"]["name_id"], actors["KOR"]["name_en"]) == ("Korea Selatan", "South Korea")
    assert (actors["UNO"]["name_id"], actors["UNO"]["name_en"]) == ("Perserikatan Bangsa-Bangsa", "United Nations")


def test_search_snippets_come_in_parts_with_the_hits_flagged(client):
    res = client.get("/api/search", params={"q": "Zinoviev"}).json()
    hit = res["articles"][0]
    assert "[Zinoviev]" in hit["snippet"]
    assert [p["text"] for p in hit["snippet_parts"] if p["hit"]] == ["Zinoviev"]
    assert "".join(p["text"] for p in hit["snippet_parts"]) == hit["snippet"].replace("[", "").replace("]", "")
    # a literal bracket of the text is text, not a hit
    brackets = client.get("/api/search", params={"q": "rudal"}).json()["articles"][0]
    assert [p["text"] for p in brackets["snippet_parts"] if p["hit"]] == ["rudal"]
    assert "[balistik]" in "".join(p["text"] for p in brackets["snippet_parts"] if not p["hit"])
    listed = client.get("/api/articles", params={"q": "Zinoviev"}).json()["items"][0]
    assert listed["snippet_parts"] == hit["snippet_parts"]


def test_article_marks_the_sentences_that_produced_events(client):
    aid = client.get("/api/search", params={"q": "Jepang"}).json()["articles"][0]["article_id"]
    art = client.get(f"/api/articles/{aid}").json()
    assert art["url"] == URL
    sentences = art["event_sentences"]
    assert sentences and len(sentences) <= len(art["events"])
    by_id = {e["event_id"]: e for e in art["events"]}
    for s in sentences:
        for event_id in s["event_ids"]:
            assert art["text"][s["start"] : s["end"]] == by_id[event_id]["evidence"]["sentence"]
    assert sorted(i for s in sentences for i in s["event_ids"]) == sorted(by_id)
    assert "mengecam" in art["text"][sentences[0]["start"] : sentences[0]["end"]]


MAIN = [
    "/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/{event_id}", "/api/fused",
    "/api/fused/{canonical_id}", "/api/timeline", "/api/actors", "/api/search", "/api/cameo", "/api/version",
]  # fmt: skip


def test_openapi_describes_parameters_and_responses(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["version"] == metadata.version("warta")
    for path in MAIN:
        op = spec["paths"][path]["get"]
        for param in op.get("parameters", []):
            assert param.get("description"), f"{path}: parameter {param['name']} has no description"
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema or "$ref" in schema.get("items", {}), f"{path}: no response schema"
    timeline = spec["components"]["schemas"]["Timeline"]["properties"]
    assert {"periods", "filled", "undated", "first"} <= set(timeline)
    params = {p["name"]: p for p in spec["paths"]["/api/timeline"]["get"]["parameters"]}
    assert {"actor", "other", "by", "from", "to", "fill", "directed"} <= set(params)
    assert "quarter" in params["by"]["description"]
    assert spec["paths"]["/api/articles"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]


def test_answers_match_their_response_models(client):
    ev = client.get("/api/events", params={"dyad": "KOR-RUS"}).json()
    m.EventPage.model_validate(ev)
    m.EventDetail.model_validate(client.get(f"/api/events/{ev['items'][0]['event_id']}").json())
    fused = m.FusedPage.model_validate(client.get("/api/fused", params={"actor": "KOR"}).json())
    m.FusedDetail.model_validate(client.get(f"/api/fused/{fused.items[0].canonical_id}").json())
    m.Timeline.model_validate(client.get("/api/timeline", params={"actor": "KOR", "by": "week"}).json())
    m.ArticlePage.model_validate(client.get("/api/articles").json())
    m.ArticlePage.model_validate(client.get("/api/articles", params={"q": "Rusia"}).json())
    m.ArticleDetail.model_validate(client.get("/api/articles/1").json())
    m.SearchResult.model_validate(client.get("/api/search", params={"q": "Rusia"}).json())
    for actor in client.get("/api/actors").json():
        m.Actor.model_validate(actor)
    for name in client.get("/api/cameo").json():
        m.CameoName.model_validate(name)


def test_one_version_everywhere_and_a_favicon(client):
    version = metadata.version("warta")
    assert client.get("/api/version").json() == {"name": "warta", "version": version}
    import warta

    assert warta.__version__ == version
    for path in ("/static/favicon.svg", "/favicon.ico"):
        res = client.get(path)
        assert res.status_code == 200 and res.headers["content-type"].startswith("image/svg+xml")
        assert res.text.lstrip().startswith("<svg")
    assert 'rel="icon"' in client.get("/").text and "/static/favicon.svg" in client.get("/").text
    assert "/static/favicon.svg" in client.get("/docs").text
