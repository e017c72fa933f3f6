"""The HTTP API through FastAPI's test client: every endpoint, auth, bad filters, pagination."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from warta.api import MAX_LIMIT, create_app

TOKEN = "s3cret-token"
NEW = {
    "id": "api-1",
    "text": "Jepang Kecam Korea Utara\nTokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara "
    "pada Senin (3/6/2024) setelah uji coba rudal balistik.\nBaca juga: Harga beras naik\n",
    "outlet": "ANTARA",
    "published": "2024-06-03",
}


@pytest.fixture(scope="module")
def db(seed_db):
    """The seed store, SQLite then PostgreSQL."""
    return seed_db


@pytest.fixture()
def client(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", TOKEN)
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    return TestClient(create_app(db))


def test_articles_list_search_and_one(client):
    res = client.get("/api/articles", params={"limit": 2})
    assert res.status_code == 200 and res.json()["total"] == 5 and len(res.json()["items"]) == 2
    hits = client.get("/api/articles", params={"q": "duta besar"}).json()["items"]
    assert hits and all("article_id" in h for h in hits)
    one = client.get(f"/api/articles/{hits[0]['article_id']}").json()
    assert one["text"] and isinstance(one["dropped"], list) and isinstance(one["events"], list)
    assert client.get("/api/articles/99999").status_code == 404


def test_events_filters_and_pagination(client):
    res = client.get("/api/events", params={"dyad": "KOR-RUS", "limit": 3})
    body = res.json()
    assert res.status_code == 200 and body["total"] >= 5 and len(body["items"]) == 3
    page2 = client.get("/api/events", params={"dyad": "KOR-RUS", "limit": 3, "offset": 3}).json()["items"]
    assert {e["event_id"] for e in page2}.isdisjoint({e["event_id"] for e in body["items"]})
    assert all(e["cameo"].startswith("11") for e in client.get("/api/events", params={"code": "11"}).json()["items"])
    ranged = client.get("/api/events", params={"actor": "PRK", "from": "2024-01", "to": "2024-03"}).json()["items"]
    assert ranged and all("2024-01" <= e["date"][:7] <= "2024-03" for e in ranged)
    assert all(e["quad_class"] == 3 for e in client.get("/api/events", params={"quad": 3}).json()["items"])
    assert client.get("/api/events", params={"text": "memanggil"}).json()["total"] >= 1


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"dyad": "KOR"}, 400, "dyad"),
        ({"actor": "korea"}, 400, "actor"),
        ({"from": "May 2024"}, 400, "from"),
        ({"code": "x1"}, 400, "code"),
        ({"quad": 7}, 422, "quad"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": MAX_LIMIT + 1}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
    ],
)
def test_bad_filters_are_4xx_naming_the_field(client, params, status, field):
    res = client.get("/api/events", params=params)
    assert res.status_code == status
    assert field in str(res.json()["detail"])


def test_one_event_and_fused_events(client):
    ev = client.get("/api/events", params={"dyad": "KOR-RUS", "code": "114"}).json()["items"][0]
    one = client.get(f"/api/events/{ev['event_id']}").json()
    assert one["record"]["cameo"] == "114" and one["canonical_id"]
    assert client.get("/api/events/nope").status_code == 404
    fused = client.get(f"/api/fused/{one['canonical_id']}").json()
    assert fused["mentions"] and fused["mentions"][0]["record"]["evidence"]["spans"]["trigger"]
    assert client.get("/api/fused/99999").status_code == 404
    period = client.get("/api/fused", params={"actor": "KOR", "other": "RUS", "period": "2024-06"}).json()
    assert period["total"] >= 3 and all(e["date"].startswith("2024-06") for e in period["items"])


def test_timelines_and_actors(client):
    tl = client.get("/api/timeline", params={"actor": "RUS", "other": "PRK", "by": "year"}).json()
    assert [p["period"] for p in tl["periods"]] == sorted(p["period"] for p in tl["periods"])
    assert tl["events"] == sum(p["events"] for p in tl["periods"]) + tl["undated"]
    actor = client.get("/api/timeline", params={"actor": "KOR"}).json()
    assert actor["other"] is None and actor["events"] >= tl["events"] * 0
    assert client.get("/api/timeline", params={"actor": "KOR", "by": "decade"}).status_code == 400
    actors = client.get("/api/actors").json()
    assert {"RUS", "KOR", "PRK"} <= {a["code"] for a in actors}


def test_search_articles_and_events(client):
    res = client.get("/api/search", params={"q": "Zinoviev"}).json()
    assert res["articles"] and res["events"]
    assert client.get("/api/search", params={"q": "x"}).status_code == 422


def test_post_needs_a_token(client):
    assert client.post("/api/articles", json=NEW).status_code == 401
    assert client.post("/api/articles", json=NEW, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_writes_are_off_without_a_configured_token(db, monkeypatch):
    monkeypatch.delenv("WARTA_API_TOKEN", raising=False)
    res = TestClient(create_app(db)).post("/api/articles", json=NEW, headers={"Authorization": "Bearer x"})
    assert res.status_code == 403


def test_post_cleans_codes_and_fuses_at_once(client):
    res = client.post("/api/articles", json=NEW, headers={"Authorization": f"Bearer {TOKEN}"})
    assert res.status_code == 201, res.text
    body = res.json()
    assert body["status"] == "new" and body["fused_ids"]
    assert [(e["source"]["country"], e["cameo"], e["target"]["country"]) for e in body["events"]] == [
        ("JPN", "111", "PRK")
    ]
    again = client.post("/api/articles", json=NEW, headers={"X-API-Token": TOKEN})
    assert again.json()["status"] == "present"
    assert client.get("/api/events", params={"dyad": "JPN-PRK"}).json()["total"] == 1


def test_post_validation(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/articles", json={"id": "x"}, headers=auth).status_code == 400
    assert client.post("/api/articles", json={"text": "tanpa id"}, headers=auth).status_code == 422
    assert client.post("/api/articles", json={"id": "", "text": "a"}, headers=auth).status_code == 422
    huge = {"id": "big", "text": "kata " * 1_100_000}
    assert client.post("/api/articles", json=huge, headers=auth).status_code == 413


def test_reads_can_be_protected(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", TOKEN)
    monkeypatch.setenv("WARTA_API_PROTECT_READS", "1")
    c = TestClient(create_app(db))
    assert c.get("/api/events").status_code == 401
    assert c.get("/api/events", headers={"X-API-Token": TOKEN}).status_code == 200


def test_dashboard_docs_and_openapi_are_served(client):
    assert "Warta" in client.get("/").text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../api.py").status_code == 404
    assert client.get("/static/nope.js").status_code == 404
    spec = client.get("/api/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/timeline" in spec["paths"]
    assert client.get("/docs").status_code == 200
