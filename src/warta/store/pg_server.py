"""A PostgreSQL server of Warta's own, for the tests and the benchmarks: ``initdb`` into a folder, then
``pg_ctl start`` on a free loopback port, as the ``postgres`` system user when running as root (the
server refuses to run as root). The tests' fixture (``tests/conftest.py``) starts a throw-away one
in a temporary folder; ``bench/bench_api_large.py`` keeps its folder in a cache and starts it again
on a later run.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS = {"listen_addresses": "127.0.0.1", "fsync": "off", "full_page_writes": "off"}
"""Server settings for a throw-away server: loopback only; no syncing (its data may be lost in a crash)."""


def binaries() -> tuple[str, str] | None:
    """The paths of ``initdb`` and ``pg_ctl`` (on PATH, else Debian's newest), or None."""
    for folder in [None, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]:
        initdb, pg_ctl = shutil.which("initdb", path=folder), shutil.which("pg_ctl", path=folder)
        if initdb and pg_ctl:
            return initdb, pg_ctl
    return None


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def reachable(folder: Path) -> bool:
    """Whether the user the server runs as can enter ``folder`` (as root: the ``postgres`` user, who
    cannot enter a home folder of mode 700)."""
    if os.geteuid() != 0:
        return True
    return subprocess.run([*_as_postgres(), "test", "-x", str(folder)], check=False).returncode == 0


@dataclass
class Server:
    """A running server: its data in ``folder / "data"``, its log in ``folder / "log"``."""

    folder: Path
    port: int
    pg_ctl: str
    url: str = field(init=False)

    def __post_init__(self) -> None:
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``immediate``: without a checkpoint, for a folder about to be deleted)."""
        subprocess.run(
            [*_as_postgres(), self.pg_ctl, "-D", str(self.folder / "data"), "-m", mode, "stop"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, check=False,
        )  # fmt: skip


def start(folder: Path, settings: dict[str, str] | None = None) -> Server:
    """Start a server whose data is in ``folder / "data"``, made by ``initdb`` first when it is not there
    (superuser ``postgres``, trust authentication on loopback, UTF-8, locale C.UTF-8).

    Raises:
        FileNotFoundError: initdb or pg_ctl is not installed.
        RuntimeError: the server did not start (with the end of its log).
    """
    found = binaries()
    if found is None:
        raise FileNotFoundError("initdb and pg_ctl are not installed")
    initdb, pg_ctl = found
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    if not (folder / "data" / "PG_VERSION").exists():
        shutil.rmtree(folder / "data", ignore_errors=True)
        subprocess.run([*_as_postgres(), initdb, "-D", str(folder / "data"), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--locale=C.UTF-8"], check=True, **quiet)  # fmt: skip
    port = free_port()
    options = " ".join(
        [f"-p {port}", f"-k {folder}", *(f"-c {k}={v}" for k, v in {**SETTINGS, **(settings or {})}.items())]
    )
    log = folder / "log"
    started = subprocess.run(
        [*_as_postgres(), pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(log), "-w", "start"],
        check=False, **quiet,
    )  # fmt: skip
    if started.returncode != 0:
        tail = log.read_text(errors="replace")[-500:] if log.exists() else ""
        raise RuntimeError(f"could not start a PostgreSQL server with {pg_ctl}: {tail}")
    return Server(folder, port, pg_ctl)
