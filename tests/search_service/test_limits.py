"""Rate limits per client, behind a proxy and across processes (issue 12, point 6).

Search, suggest, click and vote each have a limit per client address. Past it, suggestions,
clicks and votes are 429; a search is still answered but not logged. The address comes from
X-Forwarded-For only through ProxyFix, for PROXY_COUNT proxies, and so do the scheme and host
the origin check compares. With RATELIMIT_STORAGE_URI on a real Redis, processes share counts."""

from __future__ import annotations

import http.client
import json

import pytest

from search_service import create_app

from ..servers import running_redis, running_service
from .corpus_factory import helpdesk_articles, write_corpus

TOKEN = "browser-token-0123456789"


def settings_for(root, database_url: str, **settings) -> dict:
    write_corpus(root / "site" / "corpus.json", helpdesk_articles())
    return {"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
            "DATABASE_URL": database_url, "WATCH_CORPUS": False,
            "SALT_FILE": str(root / "salt"), **settings}


def vote(number: int) -> dict:
    return {"article_id": 6, "helpful": True, "token": f"{TOKEN}-{number}"}


def click() -> dict:
    return {"query": "vpn", "article_id": 6, "position": 1}


def test_a_search_past_the_limit_is_answered_but_not_logged(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, SEARCH_RATE_LIMIT="3 per minute"))
    client = app.test_client()
    replies = [client.get("/api/search?q=vpn") for _ in range(5)]
    assert [r.status_code for r in replies] == [200] * 5
    assert all(r.get_json()["total"] >= 1 for r in replies)
    assert len(app.extensions["fokus_store"].searches()) == 3


def test_suggestions_clicks_and_votes_past_their_limits_are_429(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, SUGGEST_RATE_LIMIT="2 per minute",
                                  CLICK_RATE_LIMIT="2 per minute",
                                  FEEDBACK_RATE_LIMIT="2 per minute"))
    client = app.test_client()
    assert [client.get("/api/suggest?q=vp").status_code for _ in range(3)] == [200, 200, 429]
    assert [client.post("/api/click", json=click()).status_code for _ in range(3)] == [
        204, 204, 429]
    assert [client.post("/api/feedback", json=vote(n)).status_code for n in range(3)] == [
        201, 201, 429]
    reply = client.post("/api/click", json=click())
    assert reply.get_json()["error"] == "too_many_requests" and "Retry-After" in reply.headers
    assert len(app.extensions["fokus_store"].clicks()) == 2


def addresses(app, count: int, forwarded: list[str]) -> list[int]:
    client = app.test_client()
    return [client.post("/api/feedback", json=vote(n), environ_base={"REMOTE_ADDR": "10.0.0.1"},
                        headers={"X-Forwarded-For": forwarded[n]}).status_code
            for n in range(count)]


def test_behind_a_proxy_each_client_has_its_own_limit(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, FEEDBACK_RATE_LIMIT="2 per minute",
                                  PROXY_COUNT=1))
    # The proxy appends the address it saw; one trusted proxy: the last entry is the client.
    assert addresses(app, 3, ["192.0.2.1"] * 3) == [201, 201, 429]
    assert addresses(app, 1, ["192.0.2.2"]) == [201]
    # What a client writes into the header itself comes before the proxy's entry: ignored.
    assert addresses(app, 2, ["198.51.100.9, 192.0.2.1", "192.0.2.99, 192.0.2.1"]) == [429, 429]


def test_without_a_trusted_proxy_the_header_is_ignored(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, FEEDBACK_RATE_LIMIT="2 per minute"))
    # A fresh X-Forwarded-For every time buys no fresh budget: the peer is the client.
    assert addresses(app, 3, ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) == [201, 201, 429]


def test_the_origin_check_holds_behind_a_tls_proxy(tmp_path, database_url):
    proxied = {"X-Forwarded-For": "192.0.2.1", "X-Forwarded-Proto": "https",
               "X-Forwarded-Host": "kb.example.se", "Origin": "https://kb.example.se"}
    behind = create_app(settings_for(tmp_path, database_url, PROXY_COUNT=1)).test_client()
    assert behind.post("/api/feedback", json=vote(1), headers=proxied).status_code == 201
    foreign = {**proxied, "Origin": "https://evil.test"}
    assert behind.post("/api/feedback", json=vote(2), headers=foreign).status_code == 403
    # Not configured as behind a proxy: the forwarded scheme and host are not believed.
    direct = create_app(settings_for(tmp_path / "direct", database_url)).test_client()
    assert direct.post("/api/feedback", json=vote(3), headers=proxied).status_code == 403


# -- across processes, through Redis ---------------------------------------------------------

def request(port: int, method: str, path: str, body: dict | None = None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=json.dumps(body) if body else None,
                           headers={"Content-Type": "application/json"})
        reply = connection.getresponse()
        reply.read()
        return reply.status
    finally:
        connection.close()


@pytest.fixture(scope="module")
def redis_server():
    with running_redis() as server:
        yield server


def test_two_servers_share_their_counts_through_redis(tmp_path, database_url, redis_server):
    settings = {key: str(value) for key, value in settings_for(
        tmp_path, database_url, RATELIMIT_STORAGE_URI=redis_server.url,
        FEEDBACK_RATE_LIMIT="5 per minute", SEARCH_RATE_LIMIT="4 per minute").items()}
    with running_service(settings) as first, running_service(settings) as second:
        ports = [first, second] * 5  # alternating: each server, each of its workers
        votes = [request(port, "POST", "/api/feedback", vote(n)) for n, port in enumerate(ports)]
        searches = [request(port, "GET", "/api/search?q=vpn") for port in ports]
    assert votes == [201] * 5 + [429] * 5
    assert searches == [200] * 10
    store = create_app(settings_for(tmp_path, database_url)).extensions["fokus_store"]
    assert len(store.votes()) == 5 and len(store.searches()) == 4
