"""POST /api/feedback on SQLite and on a real PostgreSQL server, and the figures read back.

Every test that stores votes runs once per backend (test ids `sqlite` and `postgresql`)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime

import pytest

from search_service import create_app
from search_service.feedback_report import article_feedback, feedback_figures, wilson_lower_bound
from search_service.figures import mark_handled
from search_service.store import EventStore

from .corpus_factory import helpdesk_articles, write_corpus

TOKEN = "browser-token-0123456789"
FAQ_ANCHOR = "varfor-tappar-jag-anslutningen"  # a question of article 6


def make_app(root, database_url: str, **settings):
    write_corpus(root / "site" / "corpus.json", helpdesk_articles())
    return create_app({"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
                       "DATABASE_URL": database_url, "WATCH_CORPUS": False,
                       "SALT_FILE": str(root / "salt"), **settings})


@pytest.fixture
def app(tmp_path, database_url):
    return make_app(tmp_path, database_url)


@pytest.fixture
def client(app):
    return app.test_client()


def vote(**fields) -> dict:
    return {"article_id": 6, "anchor": FAQ_ANCHOR, "helpful": False, "token": TOKEN,
            "comment": "Vad gör jag om drivrutinen inte finns?", "query": "wifi tappar",
            **fields}


def test_a_vote_is_stored_and_returned_with_201(app, client):
    reply = client.post("/api/feedback", json=vote())
    assert reply.status_code == 201
    body = reply.get_json()
    assert {k: body[k] for k in ("article_id", "anchor", "helpful", "comment", "query")} == {
        "article_id": 6, "anchor": FAQ_ANCHOR, "helpful": False,
        "comment": "Vad gör jag om drivrutinen inte finns?", "query": "wifi tappar"}
    assert "voter" not in body and TOKEN not in json.dumps(body)
    [row] = app.extensions["fokus_store"].votes()
    assert row["comment"] == "Vad gör jag om drivrutinen inte finns?"
    assert TOKEN not in row["voter"] and len(row["voter"]) == 64  # a salted hash only


def test_a_vote_on_the_whole_article(client):
    reply = client.post("/api/feedback", json=vote(article_id=1, anchor=None, helpful=True,
                                                   comment=None, query=None))
    assert reply.status_code == 201 and reply.get_json()["anchor"] is None


def test_a_changed_mind_replaces_the_vote_and_others_add_up(app, client):
    client.post("/api/feedback", json=vote())
    again = client.post("/api/feedback", json=vote(helpful=True, comment=None))
    assert again.status_code == 201 and again.get_json()["helpful"] is True
    client.post("/api/feedback", json=vote(token="another-browser-token-42"))
    client.post("/api/feedback", json=vote(anchor=None))  # same browser, whole article
    votes = app.extensions["fokus_store"].votes()
    assert len(votes) == 3
    mine = [v for v in votes if v["anchor"] == FAQ_ANCHOR and v["helpful"]]
    assert len(mine) == 1


def test_a_changed_vote_keeps_the_comment_already_sent(app, client):
    said = vote()["comment"]
    client.post("/api/feedback", json=vote())
    again = client.post("/api/feedback", json=vote(comment=None))  # Nej again, after a reload
    assert again.status_code == 201 and again.get_json()["comment"] == said
    changed = client.post("/api/feedback", json={k: v for k, v in vote(helpful=True).items()
                                                  if k != "comment"})
    assert changed.get_json()["helpful"] is True and changed.get_json()["comment"] == said
    [row] = app.extensions["fokus_store"].votes()
    assert row["helpful"] is True and row["comment"] == said


def test_a_new_comment_replaces_the_old_and_an_empty_one_removes_it(app, client):
    client.post("/api/feedback", json=vote())
    replaced = client.post("/api/feedback", json=vote(comment="Steg 3 saknas"))
    assert replaced.get_json()["comment"] == "Steg 3 saknas"
    removed = client.post("/api/feedback", json=vote(comment=""))
    assert removed.get_json()["comment"] is None
    assert app.extensions["fokus_store"].votes()[0]["comment"] is None


def test_the_handled_mark_stays_until_the_comment_changes(app):
    store = app.extensions["fokus_store"]
    ballot = {"article_id": 6, "anchor": None, "query": None, "voter": "v" * 64}
    store.record_vote(helpful=False, comment="Fel skärmbild", **ballot)
    assert mark_handled(store, store.votes()[0]["id"])
    store.record_vote(helpful=True, comment=None, **ballot)
    assert store.votes()[0]["handled_at"] is not None
    store.record_vote(helpful=False, comment="Fortfarande fel skärmbild", **ballot)
    assert store.votes()[0]["handled_at"] is None


def test_comments_are_stored_byte_for_byte(app, client):
    typed = "<script>alert(1)</script> & \"citat\" 'apostrof' åäö 🙂\nrad två"
    client.post("/api/feedback", json=vote(comment=typed))
    assert app.extensions["fokus_store"].votes()[0]["comment"] == typed


def test_malformed_body_is_400_naming_the_body(client):
    for data in ("not json", "[1, 2]", '"text"'):
        reply = client.post("/api/feedback", data=data, content_type="application/json")
        assert reply.status_code == 400 and reply.get_json()["field"] == "body"


@pytest.mark.parametrize("change, field", [
    ({"article_id": "6"}, "article_id"),
    ({"article_id": 0}, "article_id"),
    ({"helpful": "nej"}, "helpful"),
    ({"helpful": None}, "helpful"),
    ({"token": "short"}, "token"),
    ({"token": "bad token with spaces!"}, "token"),
    ({"comment": "x" * 1001}, "comment"),
    ({"comment": 5}, "comment"),
    ({"anchor": ["a"]}, "anchor"),
    ({"query": "q" * 201}, "query"),
], ids=lambda value: str(value)[:30])
def test_invalid_fields_are_422_naming_the_field(client, change, field):
    reply = client.post("/api/feedback", json=vote(**change))
    assert reply.status_code == 422
    assert reply.get_json()["field"] == field


def test_a_comment_of_exactly_1000_characters_is_accepted(client):
    assert client.post("/api/feedback", json=vote(comment="å" * 1000)).status_code == 201


def test_unknown_article_or_question_is_404(client):
    assert client.post("/api/feedback", json=vote(article_id=999)).get_json()["field"] == \
        "article_id"
    reply = client.post("/api/feedback", json=vote(anchor="ingen-sadan-fraga"))
    assert reply.status_code == 404 and reply.get_json()["field"] == "anchor"
    archived = client.post("/api/feedback", json=vote(article_id=8, anchor=None))
    assert archived.status_code == 404


def test_an_oversized_body_is_413(client):
    past_the_limit = "x" * (client.application.config["FEEDBACK_MAX_BYTES"] + 1)
    reply = client.post("/api/feedback", data=json.dumps(vote(comment=past_the_limit)),
                        content_type="application/json")
    assert reply.status_code == 413 and reply.get_json()["error"] == "too_large"


def test_a_foreign_origin_is_403_and_a_configured_one_is_welcome(tmp_path, database_url):
    app = make_app(tmp_path, database_url, FEEDBACK_ORIGINS=["https://kb.example.se"])
    client = app.test_client()
    foreign = client.post("/api/feedback", json=vote(), headers={"Origin": "https://evil.test"})
    assert foreign.status_code == 403 and foreign.get_json()["error"] == "forbidden"
    own = client.post("/api/feedback", json=vote(), headers={"Origin": "http://localhost"})
    assert own.status_code == 201
    allowed = client.post("/api/feedback", json=vote(token="another-browser-token-42"),
                          headers={"Origin": "https://kb.example.se"})
    assert allowed.status_code == 201
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://kb.example.se"
    preflight = client.options("/api/feedback", headers={
        "Origin": "https://kb.example.se", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://kb.example.se"
    stranger = client.options("/api/feedback", headers={
        "Origin": "https://evil.test", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in stranger.headers


def test_past_the_rate_limit_is_429(tmp_path, database_url):
    app = make_app(tmp_path, database_url, FEEDBACK_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.post("/api/feedback", json=vote(token=f"browser-token-number-{i}"))
             .status_code for i in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert client.post("/api/feedback", json=vote()).get_json()["error"] == "too_many_requests"
    assert len(app.extensions["fokus_store"].votes()) == 3


def test_no_address_or_user_is_stored(app, client):
    client.post("/api/feedback", json=vote(), environ_base={"REMOTE_ADDR": "10.9.8.7"},
                headers={"X-Forwarded-For": "10.9.8.7", "Authorization": "Basic dXNlcjpw"})
    stored = repr(app.extensions["fokus_store"].votes())
    assert "10.9.8.7" not in stored and "user" not in stored


# -- the read side, on votes whose figures were worked out by hand ------------------------

def at(day: int) -> datetime:
    return datetime(2026, 11, day, 12, 0, tzinfo=UTC)


def test_figures_per_article_and_question(database_url):
    days = iter(range(1, 30))
    store = EventStore(database_url, clock=lambda: at(next(days)))
    store.upgrade()
    for n, (helpful, comment, query) in enumerate([
            (True, None, "vpn"), (True, None, "vpn"), (True, "Bra!", None),
            (False, "Saknar Mac-instruktioner", "vpn mac")]):
        store.record_vote(article_id=5, anchor=None, helpful=helpful, comment=comment,
                          query=query, voter=f"voter-{n}")
    for n in range(10):
        store.record_vote(article_id=6, anchor=FAQ_ANCHOR, helpful=True, comment=None,
                          query="wifi", voter=f"voter-{n}")
    store.record_vote(article_id=6, anchor=None, helpful=False, comment=None, query=None,
                      voter="voter-0")

    vpn = article_feedback(store, 5)[None]
    # 3 of 4 helpful. Wilson, z = 1.96: (0.75 + 0.4802 - 0.6408) / 1.9604 = 0.3006
    assert (vpn.votes, vpn.helpful, vpn.helpful_share) == (4, 3, 0.75)
    assert vpn.wilson_lower_bound == pytest.approx(0.3006, abs=1e-4)
    assert [(c.text, c.date, c.helpful) for c in vpn.comments] == [
        ("Saknar Mac-instruktioner", at(4), False), ("Bra!", at(3), True)]
    assert vpn.queries == [("vpn", 2), ("vpn mac", 1)]

    question = article_feedback(store, 6)[FAQ_ANCHOR]
    # 10 of 10 helpful: 1 / (1 + 3.8415 / 10) = 0.7225
    assert (question.votes, question.helpful_share) == (10, 1.0)
    assert question.wilson_lower_bound == pytest.approx(0.7225, abs=1e-4)
    whole = article_feedback(store, 6)[None]
    assert (whole.votes, whole.helpful, whole.wilson_lower_bound) == (1, 0, 0.0)

    # Worst first: the article nobody found helpful, then 3/4, then 10/10.
    assert [(f.article_id, f.anchor) for f in feedback_figures(store)] == [
        (6, None), (5, None), (6, FAQ_ANCHOR)]
    store.dispose()


def test_wilson_lower_bound_edges():
    assert wilson_lower_bound(0, 0) == 0.0
    assert wilson_lower_bound(0, 5) == pytest.approx(0.0, abs=1e-12)
    assert wilson_lower_bound(95, 100) > wilson_lower_bound(3, 3)


# -- durability -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVER = """
import sys
from werkzeug.serving import run_simple
from search_service import create_app
settings = dict(SITE_DIR=sys.argv[1], INDEX_DIR=sys.argv[2], DATABASE_URL=sys.argv[3],
                SALT_FILE=sys.argv[4], WATCH_CORPUS=False)
run_simple("127.0.0.1", int(sys.argv[5]), create_app(settings))
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def durable_database(request, tmp_path):
    """A SQLite file (WAL), or a database on the PostgreSQL server with fsync on; with the
    server, to crash it (None for SQLite)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fokus.db'}", None
        return
    server = request.getfixturevalue("durable_postgres_server")
    url = server.create_database()
    yield url, server
    server.drop_database(url.rsplit("/", 1)[1])


def test_an_acknowledged_vote_survives_the_process_being_killed(tmp_path, durable_database):
    """kill -9 of the service right after its 201; on PostgreSQL (fsync on) the database
    server then crashes too, and recovers from its WAL."""
    database_url, postgres = durable_database
    write_corpus(tmp_path / "site" / "corpus.json", helpdesk_articles())
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(tmp_path / "site"), str(tmp_path / "index"),
         database_url, str(tmp_path / "salt"), str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/feedback", data=json.dumps(vote()).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        for _ in range(150):  # bounded: 30 s for the server to start
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:
                    status = reply.status
                break
            except OSError:
                time.sleep(0.2)
        os.killpg(server.pid, signal.SIGKILL)  # right after the reply, no clean shutdown
        if postgres is not None:
            postgres.crash_and_restart()
    finally:
        server.wait(timeout=10)
    assert status == 201
    store = EventStore(database_url)
    assert [v["comment"] for v in store.votes()] == [vote()["comment"]]
    store.dispose()
