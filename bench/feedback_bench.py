"""Feedback benchmark (issue 5): acknowledged POST /api/feedback per second against the production
server (gunicorn, two workers), with SQLite and with PostgreSQL, and a count of the rows stored
afterwards, which must equal the number of 201 replies.

    python bench/feedback_bench.py                 # writes docs/benchmarks.md
    python bench/feedback_bench.py --posts 2000 --no-write

The load comes from CLIENTS processes on the same machine, each posting one vote at a time
(every vote from a new browser token, so each is a new row), over loopback only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search_bench import machine, write_section  # noqa: E402

from search_service.store import EventStore  # noqa: E402
from tests.postgres import running_postgres  # noqa: E402

MARK = "feedback"
TARGET = 500.0  # acknowledged posts per second
# As deploy/systemd/fokus@.service runs a replica: threads let several votes commit at once,
# so PostgreSQL (fsync on) flushes its WAL once for all of them.
SERVER_OPTIONS = ("--workers", "2", "--threads", "4")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port: int, body: bytes) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/api/feedback", body=body,
                       headers={"Content-Type": "application/json"})
    reply = connection.getresponse()
    reply.read()
    connection.close()
    return reply.status


def client(port: int, first: int, count: int, results) -> None:
    created = 0
    for number in range(first, first + count):
        body = json.dumps({"article_id": 1 + number % 60, "helpful": number % 3 != 0,
                           "comment": "Saknar ett steg." if number % 5 == 0 else None,
                           "token": f"bench-browser-{number:08d}"}).encode()
        if post(port, body) == 201:
            created += 1
    results.put(created)


def run_server(site: Path, workdir: Path, database_url: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, FOKUS_SITE_DIR=str(site), FOKUS_INDEX_DIR=str(workdir / "index"),
               FOKUS_DATABASE_URL=database_url, FOKUS_SALT_FILE=str(workdir / "salt"),
               FOKUS_WATCH_CORPUS="false", FOKUS_FEEDBACK_RATE_LIMIT="1000000 per minute")
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *SERVER_OPTIONS, "-b", f"127.0.0.1:{port}",
         "--preload", "search_service.wsgi:app"],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)


def wait_for(port: int) -> None:
    for _ in range(300):  # bounded: 60 s
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/health")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def measure(site: Path, workdir: Path, database_url: str, posts: int, clients: int) -> dict:
    port = free_port()
    server = run_server(site, workdir, database_url, port)
    try:
        wait_for(port)
        results: multiprocessing.Queue = multiprocessing.Queue()
        share = posts // clients
        workers = [multiprocessing.Process(target=client, args=(port, i * share, share, results))
                   for i in range(clients)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=600)
        seconds = time.perf_counter() - started
        created = sum(results.get(timeout=10) for _ in workers)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    store = EventStore(database_url)
    rows = store.count_votes()
    store.dispose()
    return {"posts": share * clients, "created": created, "rows": rows, "seconds": seconds,
            "per_second": created / seconds}


def report(results: dict[str, dict], command: str, started: dt.datetime, clients: int) -> str:
    lines = [f"<!-- bench:{MARK}:start -->", "## Feedback posts (issue 5)", "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC with:", "", "```sh", command, "```", "",
             "Machine:", "", *machine(), "", "### Figures", "",
             "| store | posts sent | 201 replies | rows afterwards | seconds | "
             "acknowledged posts/s |", "| --- | --- | --- | --- | --- | --- |"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['posts']:,} | {r['created']:,} | {r['rows']:,} | "
                     f"{r['seconds']:.1f} | {r['per_second']:.0f} |")
    lines += ["", f"- **Server**: `gunicorn {' '.join(SERVER_OPTIONS)} --preload "
              "search_service.wsgi:app` (as a replica of deploy/ runs), the sample content "
              "indexed, rate limit raised for the run.",
              f"- **Load**: {clients} client processes on the same 2 cores, one vote at a time "
              "each, a new connection per vote, every vote from a new token (a new row).",
              "- **PostgreSQL**: 15, a throwaway server started by the script "
              "(tests/postgres.py) with fsync, synchronous_commit and full_page_writes on, as in "
              "production; SQLite: WAL, synchronous=NORMAL.",
              "", "### Targets (2-core machine)", "", "| target | measured | result |",
              "| --- | --- | --- |"]
    for name, r in results.items():
        ok = r["per_second"] >= TARGET
        lines.append(f"| {name}: ≥ 500 acknowledged posts/s | {r['per_second']:.0f}/s | "
                     f"{'PASS' if ok else 'FAIL'} |")
        same = r["rows"] == r["created"]
        lines.append(f"| {name}: rows afterwards = 201 replies | {r['rows']:,} rows, "
                     f"{r['created']:,} replies | {'PASS' if same else 'FAIL'} |")
    lines.append(f"<!-- bench:{MARK}:end -->")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    # As many votes in flight as the server has threads (2 workers x 4): with fsync on,
    # PostgreSQL writes its log once for the commits that arrive together.
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = dt.datetime.now(dt.UTC)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        from site_builder.build import build_site

        build_site(str(REPO / "mkdocs.yml"), content_dir=str(REPO / "content"),
                   output_dir=str(workdir / "site"))
        results["SQLite"] = measure(workdir / "site", workdir / "sqlite",
                                    f"sqlite:///{workdir / 'sqlite' / 'fokus.db'}",
                                    args.posts, args.clients)
        print("SQLite", results["SQLite"], flush=True)
        with running_postgres(durable=True) as server:  # fsync on, as in production
            results["PostgreSQL"] = measure(workdir / "site", workdir / "pg",
                                            server.create_database("bench"), args.posts,
                                            args.clients)
        print("PostgreSQL", results["PostgreSQL"], flush=True)
    command = f"python bench/feedback_bench.py --posts {args.posts} --clients {args.clients}"
    section = report(results, command, started, args.clients)
    print(section)
    if not args.no_write:
        write_section(section, MARK)


if __name__ == "__main__":
    main()
