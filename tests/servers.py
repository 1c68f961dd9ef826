"""Real servers for tests: the service under gunicorn, Redis. On 127.0.0.1 only, on free ports,
with bounded waits; stopped at the end whatever happens. Missing binaries are errors, never a
reason to skip (`.ci/run` installs them)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REDIS_SERVER = Path("/usr/bin/redis-server")
START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None,
                  timeout: float = START_TIMEOUT_S) -> None:
    """Until something accepts connections on the port (or the process has died)."""
    def accepts() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True

    _wait_until(accepts, process, timeout, 0.05, "listening",
                f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def wait_for_health(port: int, process: subprocess.Popen | None = None,
                    timeout: float = START_TIMEOUT_S) -> None:
    """Until GET /api/health answers 200."""
    def healthy() -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/api/health")
        return connection.getresponse().status == 200

    _wait_until(healthy, process, timeout, 0.1, "answering",
                f"the service on port {port} did not answer after {timeout:.0f} s")


def _wait_until(ready, process: subprocess.Popen | None, timeout: float, pause: float,
                doing: str, failure: str) -> None:
    """Poll `ready` (OSError counts as not yet) until it holds, the process dies or the
    time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before {doing}")
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(pause)
    raise RuntimeError(failure)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Signal the process group the process leads, then kill it if it lingers."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
        except ProcessLookupError:
            pass


def service_environment(settings: Mapping[str, str]) -> dict[str, str]:
    """The environment for a service process: FOKUS_* settings, this checkout on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOKUS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update({f"FOKUS_{key}": value for key, value in settings.items()})
    return env


def start_gunicorn(settings: Mapping[str, str], port: int, *, workers: int = 2,
                   threads: int = 1, log: Path | None = None) -> subprocess.Popen:
    """`gunicorn search_service.wsgi:app` as production runs it, in its own process group."""
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child owns it)
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
         "-b", f"127.0.0.1:{port}", "--graceful-timeout", "5", "search_service.wsgi:app"],
        env=service_environment(settings), cwd=REPO, stdout=output, stderr=output,
        start_new_session=True)


@contextmanager
def running_service(settings: Mapping[str, str], *, workers: int = 2,
                    log: Path | None = None) -> Iterator[int]:
    """A gunicorn-served app; yields its port."""
    port = free_port()
    server = start_gunicorn(settings, port, workers=workers, log=log)
    try:
        wait_for_health(port, server)
        yield port
    finally:
        stop(server)


@dataclass(frozen=True)
class RedisServer:
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@contextmanager
def running_redis() -> Iterator[RedisServer]:
    """A throwaway Redis: loopback, no persistence, its files in a temporary directory."""
    if not REDIS_SERVER.is_file():
        raise RuntimeError(f"{REDIS_SERVER} is needed: apt-get install -y redis-server")
    root = Path(tempfile.mkdtemp(prefix="fokus-redis-"))
    port = free_port()
    server = subprocess.Popen(
        [str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(root), "--logfile", str(root / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_for_port(port, server, timeout=20)
        yield RedisServer(port)
    finally:
        stop(server)
        shutil.rmtree(root, ignore_errors=True)
