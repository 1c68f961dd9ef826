"""Input that once gave a 500 (issue 12), each answered with a 4xx JSON error or a 2xx, on
SQLite and on PostgreSQL, and nothing of it stored where it could not be. The body-size limits
are tested against gunicorn, which passes a chunked body on as the stream it is."""

from __future__ import annotations

import http.client
import json

import pytest

from search_service import create_app

from ..servers import running_service
from .corpus_factory import helpdesk_articles, write_corpus
from .insights_fixtures import sign_in

TOKEN = "browser-token-0123456789"
NESTED = "[" * 4000 + "]" * 4000
VOTE_START = '{"article_id": 6, "helpful": true, "token": "' + TOKEN + '", '


def settings_for(root, database_url: str) -> dict:
    write_corpus(root / "site" / "corpus.json", helpdesk_articles())
    return {"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
            "DATABASE_URL": database_url, "WATCH_CORPUS": False,
            "SALT_FILE": str(root / "salt"), "SECRET_KEY_FILE": str(root / "secret_key")}


@pytest.fixture
def app(tmp_path, database_url):
    return create_app(settings_for(tmp_path, database_url))


@pytest.fixture
def client(app):
    return app.test_client()


def raw_json(client, path: str, text: str):
    """Post JSON text as written: a lone surrogate escape, say, that json.dumps would not make."""
    return client.post(path, data=text, content_type="application/json")


def assert_refused(reply, status: int, field: str) -> None:
    assert reply.status_code == status, reply.data
    assert reply.get_json()["field"] == field


def test_a_nul_byte_in_a_search_is_a_space(app, client):
    reply = client.get("/api/search", query_string={"q": "vpn\x00ansluter"})
    assert reply.status_code == 200 and reply.get_json()["query"] == "vpn ansluter"
    assert [s["query"] for s in app.extensions["fokus_store"].searches()] == ["vpn ansluter"]
    assert client.get("/api/search", query_string={"q": "\x00"}).status_code == 400
    assert client.get("/api/suggest", query_string={"q": "vp\x00"}).status_code == 200


def test_a_nul_byte_in_a_vote_click_or_need_is_refused(app, client):
    assert_refused(client.post("/api/feedback", json={
        "article_id": 6, "helpful": True, "token": TOKEN, "comment": "a\x00b"}), 422, "comment")
    assert_refused(client.post("/api/click", json={
        "query": "vpn\x00", "article_id": 6, "position": 1}), 400, "query")
    assert_refused(client.post("/api/click", json={
        "query": "vpn", "article_id": 6, "position": 1, "anchor": "\x00"}), 400, "anchor")
    assert_refused(client.post("/api/needs", json={"text": "skrivare\x00"}), 422, "text")
    assert_refused(client.post("/api/reply-links", json={
        "article_id": 6, "kind": "copy", "anchor": "x\x00"}), 422, "anchor")
    store = app.extensions["fokus_store"]
    assert store.votes() == [] and store.clicks() == []


def test_a_nul_byte_in_a_staff_form_or_page_parameter_is_refused(client):
    reply = sign_in(client, login="anna\x00")
    assert_refused(reply, 400, "login")
    assert_refused(client.get("/insights/sign-in?next=%00"), 400, "next")


@pytest.mark.parametrize("position", [2**31, 2**63, 10**30])
def test_a_position_beyond_the_columns_is_refused(client, position):
    assert_refused(client.post("/api/click", json={
        "query": "vpn", "article_id": 6, "position": position}), 400, "position")


@pytest.mark.parametrize("article_id", [2**31, 2**63])
def test_an_article_id_beyond_the_columns_is_refused(client, article_id):
    assert_refused(client.post("/api/feedback", json={
        "article_id": article_id, "helpful": True, "token": TOKEN}), 422, "article_id")
    assert_refused(client.post("/api/click", json={
        "query": "vpn", "article_id": article_id, "position": 1}), 400, "article_id")
    assert client.get(f"/api/articles/{article_id}").status_code == 404
    assert client.get("/api/articles/" + "9" * 5000).status_code == 404  # int() refuses it


@pytest.mark.parametrize("path, body, status, field", [
    ("/api/feedback", VOTE_START + '"comment": "\\ud800"}', 422, "comment"),
    ("/api/feedback", VOTE_START + '"query": "a\\udfff"}', 422, "query"),
    ("/api/click", '{"query": "\\udc00", "article_id": 6, "position": 1}', 400, "query"),
    ("/api/needs", '{"text": "\\ud83d"}', 422, "text"),
    ("/api/reply-links", '{"article_id": 6, "kind": "copy", "anchor": "\\ud800"}', 422,
     "anchor"),
])
def test_lone_surrogates_in_json_strings_are_refused(client, path, body, status, field):
    assert_refused(raw_json(client, path, body), status, field)


def test_a_surrogate_pair_is_one_character_and_welcome(app, client):
    reply = raw_json(client, "/api/feedback", '{"article_id": 6, "helpful": true, "token": '
                     f'"{TOKEN}", "comment": "Bra \\ud83d\\ude42"}}')
    assert reply.status_code == 201
    assert app.extensions["fokus_store"].votes()[0]["comment"] == "Bra 🙂"


@pytest.mark.parametrize("page", ["²", "①", "٣", "1.0", "+1", " 1", "1" * 5000])
def test_a_page_that_is_not_ascii_digits_is_400(client, page):
    assert_refused(client.get("/api/search", query_string={"q": "vpn", "page": page}), 400,
                   "page")


@pytest.mark.parametrize("path", ["/api/click", "/api/feedback", "/api/needs",
                                  "/api/reply-links"])
def test_deeply_nested_json_is_400(client, path):
    assert_refused(raw_json(client, path, NESTED), 400, "body")


def test_a_path_segment_too_long_for_the_file_system_is_404(client):
    assert client.get("/" + "a" * 300).status_code == 404
    assert client.get("/kb/" + "å" * 300 + "/").status_code == 404
    reply = client.get("/api/" + "a" * 300)
    assert reply.status_code == 404 and reply.is_json


@pytest.mark.parametrize("path", ["/api/feedback", "/api/click", "/api/needs",
                                  "/api/reply-links"])
def test_get_on_a_post_endpoint_is_405_with_allow(client, path):
    reply = client.get(path)
    assert reply.status_code == 405 and reply.get_json()["error"] == "method_not_allowed"
    assert set(reply.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


@pytest.mark.parametrize("token", [TOKEN + "\n", TOKEN + "\r\n", "\n" + TOKEN, TOKEN + " "])
def test_a_token_with_a_newline_or_space_is_refused(client, token):
    assert_refused(client.post("/api/feedback", json={
        "article_id": 6, "helpful": True, "token": token}), 422, "token")


# -- body size, over HTTP ---------------------------------------------------------------------

def send(port: int, path: str, body, headers: dict) -> tuple[int, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", path, body=body,
                           headers={"Content-Type": "application/json", **headers},
                           encode_chunked=not isinstance(body, bytes))
        reply = connection.getresponse()
        return reply.status, json.loads(reply.read() or b"{}")
    except (BrokenPipeError, ConnectionResetError):
        # The server answered 413 and closed before the whole body was sent: read that answer.
        reply = connection.getresponse()
        return reply.status, json.loads(reply.read() or b"{}")
    finally:
        connection.close()


def chunks(total: int, size: int = 64 * 1024):
    """A JSON body of `total` bytes in chunks, with no Content-Length."""
    head = b'{"article_id": 6, "helpful": true, "token": "' + TOKEN.encode() + b'", "comment": "'
    yield head
    left = total - len(head) - 2
    while left > 0:
        yield b"x" * min(size, left)
        left -= size
    yield b'"}'


def test_bodies_past_the_limits_are_413_with_or_without_a_length(tmp_path, database_url):
    with running_service({key: str(value) for key, value in
                          settings_for(tmp_path, database_url).items()}) as port:
        click = json.dumps({"query": "vpn", "article_id": 6, "position": 1,
                            "padding": "x" * 20_000_000}).encode()
        assert send(port, "/api/click", click, {})[0] == 413
        status, body = send(port, "/api/feedback", chunks(5_000_000), {})
        assert (status, body["error"]) == (413, "too_large")
        status, body = send(port, "/api/click", chunks(200_000), {})  # past the app's 64 KB
        assert status == 413
        # Under the limits, chunked or not, all is well.
        small = json.dumps({"article_id": 6, "helpful": True, "token": TOKEN}).encode()
        assert send(port, "/api/feedback", iter([small[:10], small[10:]]), {})[0] == 201
        assert send(port, "/api/feedback", small, {})[0] == 201


def largest_body(schema: dict, values: dict) -> dict:
    """The largest body an operation's document allows: every text at its maxLength, in a
    character outside the BMP, which JSON escapes as 12 bytes."""
    body = {}
    for name, prop in schema["properties"].items():
        if prop.get("type") == "string" and "maxLength" in prop and "enum" not in prop:
            body[name] = "\U0001F600" * prop["maxLength"]
        elif name in values:
            body[name] = values[name]
    return body


@pytest.mark.parametrize("path", ["/api/feedback", "/api/needs", "/api/reply-links"])
def test_the_largest_body_the_document_allows_is_within_the_limit(client, path):
    spec = client.get("/api/openapi.json").get_json()
    schema = spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    body = largest_body(schema, {"article_id": 6, "helpful": False, "token": TOKEN,
                                 "kind": "copy"})
    data = json.dumps(body, ensure_ascii=True)
    texts = sum(len(v) for v in body.values() if isinstance(v, str) and "\U0001F600" in v)
    assert texts >= 200 and len(data) >= 12 * texts  # as large as the document allows
    reply = client.post(path, data=data, content_type="application/json")
    assert reply.status_code != 413 and reply.status_code < 500, reply.data
