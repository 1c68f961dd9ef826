"""Scale-out on real parts (issue 12, point 8): nginx with deploy/nginx/fokus-locations.conf in
front of two gunicorn replicas, PostgreSQL for events, Redis for rate limits, all on 127.0.0.1.

For 30 s, clients (each from its own loopback address) search and vote through nginx while one
replica is killed with SIGKILL and started again, and the corpus is rebuilt (both replicas
re-index it). No request fails at nginx, every acknowledged vote is in the database, and a rate
limit counts across the replicas."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import select

from search_service.store import EventStore, feedback_votes

from ..postgres import PostgresServer
from ..search_service.corpus_factory import helpdesk_articles, record, section, write_corpus
from ..servers import (
    free_port,
    running_redis,
    start_gunicorn,
    stop,
    wait_for_health,
)
from .nginx import running_nginx

LOAD_SECONDS = 30
CLIENTS = 4
CLICK_LIMIT = 10  # per client and minute, counted in Redis by both replicas
QUERIES = ["lösenord", "skrivare", "vpn", "wifi tappar", "kalender", "nytt konto"]


class Replica:
    """One replica as deploy/systemd/fokus@.service runs it: gunicorn, two workers of four
    threads, its own index of the shared corpus."""

    def __init__(self, settings: dict[str, str], port: int, log: Path):
        self.settings, self.port, self.log = settings, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = start_gunicorn(self.settings, self.port, workers=2, threads=4,
                                      log=self.log)

    def wait(self) -> None:
        wait_for_health(self.port, self.process)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)


class Client(threading.Thread):
    """Searches and votes through nginx from its own loopback address, until stopped."""

    def __init__(self, number: int, port: int, stopped: threading.Event):
        super().__init__(daemon=True)
        self.number, self.port, self.stopped = number, port, stopped
        self.address = f"127.0.0.{10 + number}"
        self.failures: list[str] = []
        self.acknowledged: list[str] = []  # comments of the votes answered 201
        self.requests = 0

    def run(self) -> None:
        sent = 0
        while not self.stopped.is_set() and sent < 100_000:  # bounded
            sent += 1
            if sent % 3 == 0:
                comment = f"client {self.number} vote {sent}"
                body = {"article_id": 1 + sent % 2, "helpful": sent % 2 == 0,
                        "token": f"load-client-{self.number}-{sent:08d}", "comment": comment}
                status = self.call("POST", "/api/feedback", body)
                if status == 201:
                    self.acknowledged.append(comment)
            elif sent % 7 == 0:
                status = self.call("GET", "/")
            else:
                status = self.call("GET", f"/api/search?q={QUERIES[sent % len(QUERIES)]}")
            if status not in (200, 201):
                self.failures.append(f"{status}")

    def call(self, method: str, path: str, body: dict | None = None) -> int | str:
        self.requests += 1
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(self.address, 0))
        try:
            connection.request(method, quote(path, safe="/?=&"),
                               body=json.dumps(body) if body else None,
                               headers={"Content-Type": "application/json"})
            reply = connection.getresponse()
            reply.read()
            return reply.status
        except OSError as error:
            return repr(error)
        finally:
            connection.close()


def grown_corpus() -> list[dict]:
    """The corpus rebuilt: one article more, which both replicas must come to find."""
    return [*helpdesk_articles(),
            record(40, "Beställ en ny headset", section("Gör så här",
                                                        "Beställ headset i portalen."))]


def search_finds(port: int, query: str, article_id: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"/api/search?q={quote(query)}")
    hits = json.loads(connection.getresponse().read())["hits"]
    return article_id in [hit["article_id"] for hit in hits]


def comes_to_find(port: int, query: str, article_id: int, timeout: float = 30) -> bool:
    """A worker answers a first search after a re-index from the index it had, and opens the
    new one meanwhile: whether the replica finds the article in five searches running."""
    deadline, running = time.monotonic() + timeout, 0
    while time.monotonic() < deadline and running < 5:
        running = running + 1 if search_finds(port, query, article_id) else 0
        time.sleep(0.2)
    return running == 5


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    return postgres_server.create_database()


def test_two_replicas_behind_nginx_lose_nothing_while_one_is_killed(tmp_path, postgres_url):
    site = tmp_path / "site"
    corpus = write_corpus(site / "corpus.json", helpdesk_articles())
    (site / "index.html").write_text("<h1>Fokus</h1>", encoding="utf-8")
    (site / "404.html").write_text("<h1>Sidan finns inte</h1>", encoding="utf-8")
    ports = [free_port(), free_port()]
    with running_redis() as redis:
        settings = {"SITE_DIR": str(site), "DATABASE_URL": postgres_url, "SERVE_SITE": "false",
                    "RATELIMIT_STORAGE_URI": redis.url, "PROXY_COUNT": "1",
                    "HASH_SALT": "the-same-on-every-replica",
                    "SECRET_KEY_FILE": str(tmp_path / "secret_key"),
                    "FEEDBACK_RATE_LIMIT": "100000 per minute",
                    "SEARCH_RATE_LIMIT": "100000 per minute",
                    "CLICK_RATE_LIMIT": f"{CLICK_LIMIT} per minute"}
        replicas = [Replica({**settings, "INDEX_DIR": str(tmp_path / f"index-{port}")}, port,
                            tmp_path / f"replica-{port}.log") for port in ports]
        try:
            for replica in replicas:
                replica.start()
            for replica in replicas:
                replica.wait()
            with running_nginx(tmp_path / "nginx", site, ports) as nginx_port:
                stopped = threading.Event()
                clients = [Client(n, nginx_port, stopped) for n in range(CLIENTS)]
                for client in clients:
                    client.start()
                started = time.monotonic()
                time.sleep(6)
                replicas[0].kill()  # SIGKILL: master and workers, requests in flight
                time.sleep(4)
                replicas[0].start()
                replicas[0].wait()
                time.sleep(2)
                # Written in place, not swapped in whole as `fokus build` does: the replicas may
                # read it half written, and must answer all the same.
                write_corpus(corpus, grown_corpus(), synonyms=[["headset", "hörlurar"]])
                time.sleep(max(0.0, LOAD_SECONDS - (time.monotonic() - started)))
                stopped.set()
                for client in clients:
                    client.join(timeout=60)
                limited = [Client(9, nginx_port, stopped).call(
                    "POST", "/api/click", {"query": "vpn", "article_id": 6, "position": 1})
                    for _ in range(2 * CLICK_LIMIT)]
                rebuilt = [comes_to_find(port, "hörlurar", 40) for port in ports]
        finally:
            for replica in replicas:
                replica.stop()

    failures = [f for client in clients for f in client.failures]
    requests = sum(client.requests for client in clients)
    acknowledged = [c for client in clients for c in client.acknowledged]
    print(f"through nginx: {requests} requests, {len(failures)} failed, "
          f"{len(acknowledged)} votes acknowledged")
    assert failures == [], (len(failures), requests, failures[:10])
    assert requests > 300
    store = EventStore(postgres_url)
    stored = {row["comment"] for row in store.read(select(feedback_votes.c.comment))}
    store.dispose()
    assert len(acknowledged) > 50 and set(acknowledged) <= stored
    assert limited == [204] * CLICK_LIMIT + [429] * CLICK_LIMIT
    assert rebuilt == [True, True]

