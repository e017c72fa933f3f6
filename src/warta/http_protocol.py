"""The HTTP protocol `warta serve` runs uvicorn with: uvicorn's own, with ``TCP_NODELAY`` set on
every connection.

With ``--workers N`` uvicorn binds the listening socket once and hands it to its worker processes,
which rebuild it without naming its protocol; asyncio then leaves ``TCP_NODELAY`` unset on the
connections they accept, and an answer written in two parts (headers, then body) waits for the
client's delayed acknowledgement: about 40 ms on every small answer. Setting it on each connection
as it is made restores what a single process gets (``/api/version``: 48 ms → about 1 ms a request
on a keep-alive connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

try:  # the faster parser when it is installed, as uvicorn's "auto" would choose
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # pragma: no cover - depends on the environment
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base  # type: ignore[assignment]

HTTP = "warta.http_protocol:NoDelayProtocol"
"""The value for uvicorn's ``http`` setting (an import string, so worker processes can load it)."""


class NoDelayProtocol(_Base):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol, sending each answer at once (``TCP_NODELAY``)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
