"""The API under abuse: every bad request is a 4xx with a JSON body, or 503 with Retry-After when
the store is busy, never a 500; a write's token is checked before its body is read."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from warta import api
from warta.api import create_app
from warta.store.db import Store, connect

TOKEN = "s3cret-token"
ARTICLE = {
    "id": "busy-1",
    "text": "Tokyo (ANTARA) - Kementerian Luar Negeri Jepang mengecam Korea Utara pada Senin (3/6/2024).",
}


@pytest.fixture(scope="module")
def db(seed_db):
    """The seed store, SQLite then PostgreSQL."""
    return seed_db


@pytest.fixture()
def client(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", TOKEN)
    monkeypatch.delenv("WARTA_API_PROTECT_READS", raising=False)
    return TestClient(create_app(db), raise_server_exceptions=False)


def _json_error(res, *status: int) -> str:
    assert res.status_code in status, (res.status_code, res.text[:300])
    body = res.json()
    assert "detail" in body
    return str(body["detail"])


def test_a_non_ascii_token_is_401_not_500(client, monkeypatch):
    headers = {"X-API-Token": "tökén".encode()}  # the UTF-8 bytes of a token the server does not have
    _json_error(client.post("/api/articles", json=ARTICLE, headers=headers), 401)
    monkeypatch.setenv("WARTA_API_PROTECT_READS", "1")
    _json_error(client.get("/api/events", headers=headers), 401)
    monkeypatch.setenv("WARTA_API_TOKEN", "tökén")  # a server token with any characters works too
    assert client.get("/api/events", headers={"X-API-Token": "tökén".encode()}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/events?offset=99999999999999999999",
        "/api/articles?offset=99999999999999999999",
        "/api/articles/99999999999999999999",
        "/api/fused/99999999999999999999",
        "/api/fused?actor=RUS&offset=99999999999999999999",
    ],
)
def test_numbers_beyond_sqlite_range_are_4xx(client, path):
    _json_error(client.get(path), 400, 422)


@pytest.mark.parametrize(
    ("path", "param"),
    [("/api/events", "text"), ("/api/articles", "q"), ("/api/search", "q")],
)
def test_long_text_filters_are_4xx(client, path, param):
    _json_error(client.get(path, params={param: "a" * 50_001}), 422)
    assert client.get(path, params={param: "Rusia"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "field"),
    [({"from": "2024-13"}, "from"), ({"to": "2024-02-30"}, "to"), ({"from": "2024-05", "to": "2024-04"}, "after")],
)
def test_impossible_dates_are_400_naming_the_field(client, params, field):
    assert field in _json_error(client.get("/api/events", params=params), 400)
    assert field in _json_error(client.get("/api/timeline", params={"actor": "RUS", **params}), 400)


def test_like_wildcards_match_only_themselves(client):
    assert client.get("/api/events", params={"text": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"text": "_"}).json()["total"] == 0


def test_a_write_while_another_writer_holds_the_store_is_503_with_retry_after(client, db, monkeypatch):
    monkeypatch.setattr(api, "WRITE_WAIT", 0.2)
    holder = connect(db)  # SQLite or PostgreSQL: BEGIN IMMEDIATE takes the store's write lock
    holder.execute("BEGIN IMMEDIATE")
    try:
        res = client.post("/api/articles", json=ARTICLE, headers={"X-API-Token": TOKEN})
        assert "busy" in _json_error(res, 503)
        assert res.headers["retry-after"].isdigit()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    res = client.post("/api/articles", json=ARTICLE, headers={"X-API-Token": TOKEN})
    assert res.status_code == 201, res.text


def test_a_streamed_body_over_the_limit_is_413(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", TOKEN)
    monkeypatch.setattr(api, "MAX_BODY_BYTES", 10_000)
    client = TestClient(create_app(db), raise_server_exceptions=False)

    def chunks():
        yield b'{"id": "x", "text": "'
        for _ in range(100):
            yield b"kata " * 100
        yield b'"}'

    res = client.post(
        "/api/articles", content=chunks(), headers={"X-API-Token": TOKEN, "Content-Type": "application/json"}
    )
    assert "limit" in _json_error(res, 413)


# -- a real server: the answer comes before the body is sent ------------------------------------------


@pytest.fixture()
def server(db, monkeypatch):
    monkeypatch.setenv("WARTA_API_TOKEN", TOKEN)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    srv.should_exit = True
    thread.join(timeout=10)


def _announce(port: int, headers: str) -> bytes:
    """Send a POST's headers announcing 200 MB, none of the body, and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            (
                "POST /api/articles HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                f"Content-Length: 200000000\r\n{headers}\r\n"
            ).encode("latin-1")
        )
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(4096)  # the headers and the JSON body may come in two packets
            if not chunk:
                break
            answer += chunk
        return answer


def test_an_announced_200mb_body_is_answered_at_once_without_being_sent(server):
    assert _announce(server, "").startswith(b"HTTP/1.1 401")
    assert _announce(server, "X-API-Token: wrong\r\n").startswith(b"HTTP/1.1 401")
    answer = _announce(server, f"X-API-Token: {TOKEN}\r\n")
    assert answer.startswith(b"HTTP/1.1 413") and b'"detail"' in answer


def test_the_same_article_posted_at_once_by_several_clients_is_stored_once(client, db):
    from concurrent.futures import ThreadPoolExecutor

    article = {**ARTICLE, "id": "race-1", "text": ARTICLE["text"] + " Seoul menyambut baik kecaman itu."}
    with ThreadPoolExecutor(4) as pool:
        answers = list(
            pool.map(lambda _: client.post("/api/articles", json=article, headers={"X-API-Token": TOKEN}), range(4))
        )
    assert [a.status_code for a in answers] == [201] * 4, [a.text[:200] for a in answers]
    statuses = [a.json()["status"] for a in answers]
    assert statuses.count("present") == 3, statuses  # the fourth is new (or a near-duplicate of busy-1)
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM articles WHERE ref = 'race-1'").fetchone()[0] == 1


def test_a_large_posted_article_is_coded_in_the_worker_process(client, monkeypatch):
    monkeypatch.setattr(api, "IN_THREAD_BYTES", 100)  # this article then counts as large
    article = {
        "id": "large-1",
        "text": "Seoul (ANTARA) - Kementerian Luar Negeri Korea Selatan mengecam Rusia pada Selasa (4/6/2024) "
        "atas kerja sama militer dengan Korea Utara.",
    }
    res = client.post("/api/articles", json=article, headers={"X-API-Token": TOKEN})
    assert res.status_code == 201, res.text
    assert res.json()["status"] in ("new", "near-duplicate")
    assert any(e["source"]["country"] == "KOR" and e["cameo"].startswith("11") for e in res.json()["events"])
