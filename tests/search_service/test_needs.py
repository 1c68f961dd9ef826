"""POST /api/needs: "Berätta vad du letade efter", on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json

import pytest

from search_service.needs import needs_between, open_needs, update_need
from search_service.periods import Period

from .test_feedback import make_app


@pytest.fixture
def app(tmp_path, database_url):
    return make_app(tmp_path, database_url)


@pytest.fixture
def client(app):
    return app.test_client()


def need(**fields) -> dict:
    return {"text": "Hur beställer jag en plotter?", "query": "plotter a0",
            "category": "skrivare", **fields}


def test_a_need_is_stored_and_returned_with_201(app, client):
    reply = client.post("/api/needs", json=need(article_id=4))
    assert reply.status_code == 201
    body = reply.get_json()
    assert {k: body[k] for k in ("text", "query", "category", "article_id", "status")} == {
        "text": "Hur beställer jag en plotter?", "query": "plotter a0", "category": "skrivare",
        "article_id": 4, "status": "new"}
    [stored] = open_needs(app.extensions["fokus_store"])
    assert stored["id"] == body["id"] and stored["text"] == body["text"]


def test_only_the_text_is_required(client):
    reply = client.post("/api/needs", json={"text": "  Något om fax  "})
    assert reply.status_code == 201
    assert reply.get_json() | {"id": 0, "created_at": ""} == {
        "id": 0, "created_at": "", "text": "Något om fax", "query": None, "category": None,
        "article_id": None, "status": "new"}


def test_markup_is_stored_as_typed_text(app, client):
    typed = "<script>alert(1)</script> & <b>fet</b>"
    assert client.post("/api/needs", json=need(text=typed)).get_json()["text"] == typed


def test_malformed_body_is_400_naming_the_body(client):
    for data in ("not json", "[1]", '"text"'):
        reply = client.post("/api/needs", data=data, content_type="application/json")
        assert reply.status_code == 400 and reply.get_json()["field"] == "body"


@pytest.mark.parametrize("change, field", [
    ({"text": None}, "text"),
    ({"text": "   "}, "text"),
    ({"text": 5}, "text"),
    ({"text": "x" * 1001}, "text"),
    ({"query": "q" * 201}, "query"),
    ({"query": 7}, "query"),
    ({"category": "ekonomi"}, "category"),
    ({"category": ["skrivare"]}, "category"),
    ({"article_id": "4"}, "article_id"),
    ({"article_id": 0}, "article_id"),
    ({"article_id": True}, "article_id"),
], ids=lambda value: str(value)[:30])
def test_invalid_fields_are_422_naming_the_field(app, client, change, field):
    reply = client.post("/api/needs", json=need(**change))
    assert reply.status_code == 422
    assert reply.get_json()["field"] == field
    assert open_needs(app.extensions["fokus_store"]) == []


@pytest.mark.parametrize("article_id", [999, 8], ids=["unknown", "archived"])
def test_a_need_about_an_article_there_is_not_is_404(app, client, article_id):
    """As for votes: a well-formed id of no published article is not found, not invalid."""
    reply = client.post("/api/needs", json=need(article_id=article_id))
    assert reply.status_code == 404 and reply.get_json()["field"] == "article_id"
    assert open_needs(app.extensions["fokus_store"]) == []


def test_a_text_of_exactly_1000_characters_is_accepted(client):
    assert client.post("/api/needs", json=need(text="å" * 1000)).status_code == 201


def test_an_oversized_body_is_413(client):
    past_the_limit = "x" * (client.application.config["FEEDBACK_MAX_BYTES"] + 1)
    reply = client.post("/api/needs", data=json.dumps(need(text=past_the_limit)),
                        content_type="application/json")
    assert reply.status_code == 413 and reply.get_json()["error"] == "too_large"


def test_a_foreign_origin_is_403(client):
    reply = client.post("/api/needs", json=need(), headers={"Origin": "https://evil.test"})
    assert reply.status_code == 403 and reply.get_json()["error"] == "forbidden"
    assert client.post("/api/needs", json=need(),
                       headers={"Origin": "http://localhost"}).status_code == 201


def test_past_the_rate_limit_is_429(tmp_path, database_url):
    app = make_app(tmp_path, database_url, FEEDBACK_RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [client.post("/api/needs", json=need()).status_code for _ in range(5)]
    assert codes == [201, 201, 201, 429, 429]
    assert len(open_needs(app.extensions["fokus_store"])) == 3


def test_staff_plan_and_close_needs(app, client):
    store = app.extensions["fokus_store"]
    first = client.post("/api/needs", json=need()).get_json()["id"]
    second = client.post("/api/needs", json=need(text="Fax?")).get_json()["id"]
    assert update_need(store, first, status="planned", owner="Team Klient")
    assert update_need(store, second, status="done")
    assert not update_need(store, 12345, status="done")
    with pytest.raises(ValueError, match="status"):
        update_need(store, first, status="maybe")
    assert [(n["id"], n["status"], n["owner"]) for n in open_needs(store)] == [
        (first, "planned", "Team Klient")]
    today = store.clock().date()
    assert {n["status"] for n in needs_between(store, *_days(today))} == {"planned", "done"}


def _days(today):
    period = Period.last_days(7, today)
    return period.start, period.end
