"""A throwaway PostgreSQL 15 server for the test session: a real server, never a mock.

Debian's `postgresql` package provides the binaries. initdb refuses to run as root, so when the
tests run as root the server runs as the `postgres` user (`runuser`). It listens on 127.0.0.1 on a
free port with trust authentication, lives in a temporary directory, and is stopped and deleted
at the end. A missing server is an error (`PostgresUnavailable`), never a reason to skip.

By default the server trades durability for speed (fsync, synchronous_commit and
full_page_writes off), which is right for tests of behaviour. Tests and benchmarks of
durability (`kill -9`, acknowledged votes per second) ask for `durable=True`: the settings every
production server has, so what a commit acknowledges is on disk.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

PG_BIN_DIR = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"
INSTALL_HINT = "PostgreSQL 15 is needed for the database tests: apt-get install -y postgresql"
STARTUP_TIMEOUT_S = 30.0
START_ATTEMPTS = 3  # a free port can be taken by someone else before the server binds it
_database_numbers = itertools.count(1)


class PostgresUnavailable(RuntimeError):
    """The server binaries or the user to run them as are missing."""


FAST_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
DURABLE_OPTIONS = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"


@dataclass(frozen=True)
class PostgresServer:
    """A running server; `url()` gives a SQLAlchemy URL (psycopg 3 driver) for a database."""

    host: str
    port: int
    root: Path | None = None
    bin_dir: Path = PG_BIN_DIR
    options: str = ""

    def crash_and_restart(self) -> None:
        """Stop the server as a crash would (`pg_ctl stop -m immediate`: every process quits at
        once, no checkpoint) and start it again on the same port: it recovers from its WAL."""
        assert self.root is not None
        _run(self.bin_dir / "pg_ctl", "--pgdata", self.root / "data", "--mode", "immediate",
             "--wait", "stop", cwd=self.root)
        _run(self.bin_dir / "pg_ctl", "--pgdata", self.root / "data", "--log",
             self.root / "server.log", "--options", self.options, "--wait", "--timeout",
             int(STARTUP_TIMEOUT_S), "start", cwd=self.root, log=self.root / "server.log")
        _wait_until_ready(self.bin_dir, self, self.root)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a fresh name unless given) and return its URL."""
        name = name or f"fokus_{os.getpid()}_{next(_database_numbers)}"
        self._admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database even if a test left connections open."""
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._admin(drop.format(sql.Identifier(name)))

    def _admin(self, statement: sql.Composed) -> None:
        # CREATE/DROP DATABASE cannot run inside a transaction, hence autocommit.
        with psycopg.connect(host=self.host, port=self.port, user=PG_USER, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(statement)


@contextmanager
def running_postgres(bin_dir: Path = PG_BIN_DIR, *,
                     durable: bool = False) -> Iterator[PostgresServer]:
    """Start a fresh server, yield it, then stop it and delete its files, whatever happens.
    `durable`: fsync and synchronous commits on, as in production."""
    problem = installation_problem(bin_dir)
    if problem:
        raise PostgresUnavailable(problem)
    # In /tmp rather than $TMPDIR: the postgres user must reach it, and the socket path must
    # stay under the 107-character limit for Unix sockets.
    root = Path(tempfile.mkdtemp(prefix="fokus-pg-", dir="/tmp"))
    try:
        _chown_to_postgres(root)
        _run(bin_dir / "initdb", "--pgdata", root / "data", "--auth=trust", "--username",
             PG_USER, "--encoding=UTF8", "--locale=C", "--no-sync", cwd=root)
        try:
            yield _start(bin_dir, root, DURABLE_OPTIONS if durable else FAST_OPTIONS)
        finally:
            _stop(bin_dir, root)  # also after a failed start: pg_ctl may have left a server
    finally:
        shutil.rmtree(root, ignore_errors=True)


def installation_problem(bin_dir: Path = PG_BIN_DIR) -> str | None:
    """Why a server cannot be started here (with the fix), or None when it can."""
    missing = [name for name in ("initdb", "pg_ctl", "pg_isready")
               if not (bin_dir / name).is_file()]
    if missing:
        return f"{INSTALL_HINT} (missing {', '.join(missing)} in {bin_dir})"
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"{INSTALL_HINT} (no '{PG_USER}' user to run the server as)"
    if shutil.which("runuser") is None:
        return f"runuser (util-linux) is needed to run PostgreSQL as '{PG_USER}' as root"
    return None


def _chown_to_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        user = pwd.getpwnam(PG_USER)
        os.chown(path, user.pw_uid, user.pw_gid)


def _start(bin_dir: Path, root: Path, durability: str) -> PostgresServer:
    """Start on a free port, retrying with another port if that one was taken meanwhile."""
    (root / "socket").mkdir()
    _chown_to_postgres(root / "socket")
    for attempt in range(1, START_ATTEMPTS + 1):
        port = _free_port()
        options = (f"-p {port} -k {root / 'socket'} -c listen_addresses=127.0.0.1 "
                   f"{durability}")
        started = _run(bin_dir / "pg_ctl", "--pgdata", root / "data", "--log", root / "server.log",
                       "--options", options, "--wait", "--timeout", int(STARTUP_TIMEOUT_S),
                       "start", cwd=root, check=attempt == START_ATTEMPTS, log=root / "server.log")
        if started.returncode == 0:
            server = PostgresServer("127.0.0.1", port, root, bin_dir, options)
            _wait_until_ready(bin_dir, server, root)
            return server
    raise AssertionError("unreachable: the last attempt raises on failure")


def _wait_until_ready(bin_dir: Path, server: PostgresServer, root: Path) -> None:
    """pg_ctl --wait already waited; this proves the TCP listener answers, within a deadline."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        ready = subprocess.run([bin_dir / "pg_isready", "--host", server.host, "--port",
                                str(server.port), "--username", PG_USER, "--timeout", "1"],
                               capture_output=True, check=False, cwd=root)
        if ready.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"PostgreSQL on port {server.port} not ready after "
                               f"{STARTUP_TIMEOUT_S:.0f} s{_log_tail(root / 'server.log')}")
        time.sleep(0.1)


def _stop(bin_dir: Path, root: Path) -> None:
    stopped = _run(bin_dir / "pg_ctl", "--pgdata", root / "data", "--mode", "fast", "--wait",
                   "stop", cwd=root, check=False)
    if stopped.returncode != 0:
        _run(bin_dir / "pg_ctl", "--pgdata", root / "data", "--mode", "immediate", "stop",
             cwd=root, check=False)


def _run(*args: object, cwd: Path, check: bool = True,
         log: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a server binary, as the postgres user when we are root (initdb refuses root)."""
    command = [str(arg) for arg in args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", PG_USER, "--", *command]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                            timeout=STARTUP_TIMEOUT_S * 2)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n"
                           f"{result.stdout}{result.stderr}{_log_tail(log)}")
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _log_tail(log: Path | None, lines: int = 20) -> str:
    if log is None or not log.is_file():
        return ""
    tail = log.read_text(errors="replace").splitlines()[-lines:]
    return "\nserver log:\n" + "\n".join(tail)
