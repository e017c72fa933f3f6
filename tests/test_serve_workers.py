"""``warta serve --workers N``: several server processes answer on one port."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import SEEDS
from warta.ingest import ingest
from warta.store.db import Store


def test_serve_with_two_workers_answers(tmp_path):
    db = tmp_path / "w.db"
    with Store(db) as store:
        ingest([SEEDS], store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "import sys; from warta.cli import main; sys.argv[0] = 'warta'; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        answers = []
        deadline = time.monotonic() + 60
        while len(answers) < 6 and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=2", timeout=5) as res:
                    answers.append(json.loads(res.read()))
            except OSError:
                time.sleep(0.3)
        assert len(answers) == 6, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert all(a["total"] > 0 and len(a["items"]) == 2 for a in answers)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_served_connections_send_each_answer_at_once():
    # a worker process's listening socket is rebuilt without its protocol, so asyncio leaves
    # TCP_NODELAY unset on the connections it accepts; warta's HTTP protocol sets it on each one
    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from warta.http_protocol import HTTP

    config = Config(app=lambda scope, receive, send: None, http=HTTP)
    config.load()

    class Transport:
        def __init__(self, sock):
            self.sock = sock

        def get_extra_info(self, name, default=None):
            return {"socket": self.sock, "peername": ("127.0.0.1", 1), "sockname": ("127.0.0.1", 2)}.get(name, default)

    with socket.socket() as listener, socket.socket() as client:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client.connect(listener.getsockname())
        conn, _ = listener.accept()
        with conn:
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            loop = asyncio.new_event_loop()  # its own: an earlier asyncio.run() leaves the thread without one
            protocol = config.http_protocol_class(config=config, server_state=ServerState(), app_state={}, _loop=loop)
            try:
                protocol.connection_made(Transport(conn))
            finally:
                protocol.connections.discard(protocol)
                loop.close()
            assert conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
