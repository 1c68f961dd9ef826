"""The HTTP API of the search service, through Flask's test client over a real index and store.

Every rejected request is JSON with a 4xx status and names the parameter; nothing gives a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_service import create_app
from search_service.openapi import document

from .corpus_factory import helpdesk_articles, record, section, write_corpus


def make_app(root, database_url: str | None = None):
    write_corpus(root / "site" / "corpus.json", helpdesk_articles())
    return create_app({"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
                       "DATABASE_URL": database_url or f"sqlite:///{root / 'fokus.db'}",
                       "WATCH_CORPUS": False})


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("api"))


@pytest.fixture
def client(app):
    return app.test_client()


def test_search_returns_total_facets_and_hits(client):
    reply = client.get("/api/search", query_string={"q": "skrivaren skriver inte ut"})
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["total"] >= 1 and body["page"] == 1
    hit = body["hits"][0]
    assert hit["article_id"] == 4 and hit["kb"] == "KB-0004"
    assert set(hit) >= {"article_id", "kb", "title", "section", "url", "short_url", "summary",
                        "snippet", "score"}
    assert {f["value"] for f in body["facets"]["type"]} >= {"guide"}
    assert "did_you_mean" in body


def test_filters_page_and_did_you_mean(client):
    body = client.get("/api/search?q=skrivare&type=news").get_json()
    assert [h["article_id"] for h in body["hits"]] == [3]
    assert client.get("/api/search?q=skrivare&category=natverk").get_json()["hits"] == []
    assert client.get("/api/search?q=skrivare&page=2").get_json()["hits"] == []
    assert client.get("/api/search?q=skirvaren").get_json()["did_you_mean"] == "skrivaren"


@pytest.mark.parametrize("query, field, message", [
    ("", "q", "is required"),
    ("q=", "q", "must not be empty"),
    ("q=%20%20", "q", "must not be empty"),
    ("q=" + "a" * 201, "q", "is longer than 200 characters"),
    ("q=vpn&page=0", "page", "must be a whole number from 1 to 100"),
    ("q=vpn&page=abc", "page", "must be a whole number from 1 to 100"),
    ("q=vpn&page=101", "page", "must be a whole number from 1 to 100"),
    ("q=vpn&type=wiki", "type", "must be one of event, faq, guide, handbook, news"),
    ("q=vpn&category=ekonomi", "category", "must be one of"),
])
def test_bad_search_parameters_are_400_json_naming_the_field(client, query, field, message):
    reply = client.get(f"/api/search?{query}")
    assert reply.status_code == 400
    body = reply.get_json()
    assert body["field"] == field and body["message"].startswith(message)


@pytest.mark.parametrize("text", ['"', "*", "?", "(", "AND OR NOT", "lösen*ord~2", "a:b",
                                  "<script>", "\u0000", "ö" * 200, "🙂 vpn", "\\"])
def test_odd_queries_never_give_a_500(client, text):
    for path in ("/api/search", "/api/suggest"):
        reply = client.get(path, query_string={"q": text})
        assert reply.status_code in (200, 400), (path, text, reply.data)
        assert reply.is_json


def test_suggest_returns_at_most_eight(client):
    body = client.get("/api/suggest?q=vilket").get_json()
    assert body["suggestions"][0]["text"] == "Vilket nätverk ska jag välja?"
    assert len(client.get("/api/suggest?q=a").get_json()["suggestions"]) <= 8
    assert client.get("/api/suggest").status_code == 400


def test_article_lookup_for_helpdesk_tools(client):
    body = client.get("/api/articles/7").get_json()
    assert body["title"] == "Dela din kalender i Outlook"
    assert body["reply_snippet"] == ("KB-0007 Dela din kalender i Outlook – "
                                     "https://kb.example.se/kb/7/")
    assert body["reply_html"] == ('<a href="https://kb.example.se/kb/7/">KB-0007 Dela din '
                                  'kalender i Outlook</a>')
    missing = client.get("/api/articles/999")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not_found"
    assert client.get("/api/articles/abc").status_code == 404


def test_searches_and_clicks_are_stored_without_personal_data(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    client.get("/api/search?q=%20Skrivaren%20%20SKRIVER&type=guide",
               headers={"X-Forwarded-For": "10.1.2.3"})
    client.get("/api/search?q=skrivaren&page=2")  # a later page is not a new search
    client.get("/api/search?q=finnsintealls")
    reply = client.post("/api/click", json={"query": "skrivaren skriver", "article_id": 4,
                                            "anchor": "papper-och-toner", "position": 2})
    assert reply.status_code == 204
    store = app.extensions["fokus_store"]
    searches = sorted(store.searches(), key=lambda s: s["id"])
    assert [(s["query"], s["filters"], s["hits"] > 0) for s in searches] == [
        ("skrivaren skriver", {"type": "guide"}, True), ("finnsintealls", {}, False)]
    [click] = store.clicks()
    assert (click["query"], click["article_id"], click["anchor"], click["position"]) == (
        "skrivaren skriver", 4, "papper-och-toner", 2)
    assert store.zero_hit_queries() == [("finnsintealls", 1)]
    stored = repr(store.searches()) + repr(store.clicks())
    assert "10.1.2.3" not in stored and "127.0.0.1" not in stored


@pytest.mark.parametrize("body, field", [
    ({"article_id": 4, "position": 1}, "query"),
    ({"query": "x", "article_id": "4", "position": 1}, "article_id"),
    ({"query": "x", "article_id": 4, "position": 0}, "position"),
    ({"query": "x", "article_id": 4, "position": 1, "anchor": 5}, "anchor"),
    ([1, 2], "body"),
])
def test_bad_click_is_400(client, body, field):
    reply = client.post("/api/click", json=body)
    assert reply.status_code == 400 and reply.get_json()["field"] == field


def test_click_on_unknown_article_is_404(client):
    reply = client.post("/api/click", json={"query": "x", "article_id": 999, "position": 1})
    assert reply.status_code == 404
    assert client.post("/api/click", data="not json").status_code == 400


def test_unknown_api_path_and_method_are_json(client):
    assert client.get("/api/nothing").get_json()["error"] == "not_found"
    reply = client.post("/api/search?q=vpn")
    assert reply.status_code == 405 and reply.is_json


def test_openapi_document_describes_every_api_route(app, client):
    spec = client.get("/api/openapi.json").get_json()
    areas = ["konton", "natverk", "skrivare", "e-post"]  # the corpus's service areas
    assert spec == document(app.config, areas) and spec["openapi"].startswith("3.")
    routes = {str(rule).replace("<article_id>", "{article_id}")
              for rule in app.url_map.iter_rules() if str(rule).startswith("/api/")}
    assert routes == set(spec["paths"])
    [_, _, category, page] = spec["paths"]["/api/search"]["get"]["parameters"]
    assert category["schema"]["enum"] == ["", *areas]
    assert page["schema"]["maximum"] == app.config["MAX_PAGE"]


def test_search_before_any_corpus_is_503_not_500(tmp_path):
    app = create_app({"SITE_DIR": str(tmp_path / "empty"), "INDEX_DIR": str(tmp_path / "i"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}"})
    reply = app.test_client().get("/api/search?q=vpn")
    assert reply.status_code == 503 and reply.get_json()["error"] == "unavailable"


def test_the_api_stores_events_in_postgresql_too(tmp_path, postgres_server):
    app = make_app(tmp_path, postgres_server.create_database())
    app.test_client().get("/api/search?q=vpn")
    assert [s["query"] for s in app.extensions["fokus_store"].searches()] == ["vpn"]


def articles_without_summary() -> list[dict]:
    """Three articles whose summary is missing, null and empty; none has intro text, so a
    snippet can only come from a section."""
    articles = []
    for number, summary in ((31, "missing"), (32, None), (33, "")):
        article = record(number, f"Skannern nummer {number}",
                         section("Skanna", f"Lägg papperet i skannern och tryck {number}."))
        article["sections"][0]["text"] = ""
        if summary == "missing":
            del article["summary"]
        else:
            article["summary"] = summary
        articles.append(article)
    return articles


def test_an_article_without_a_summary_indexes_searches_and_shows_a_snippet(tmp_path):
    write_corpus(tmp_path / "site" / "corpus.json", articles_without_summary())
    app = create_app({"SITE_DIR": str(tmp_path / "site"), "INDEX_DIR": str(tmp_path / "index"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'fokus.db'}",
                      "WATCH_CORPUS": False})  # indexing at start used to raise a TypeError
    client = app.test_client()
    for query in ("skanna papperet", "nummer"):  # a section's words; a title-only word
        reply = client.get("/api/search", query_string={"q": query})
        assert reply.status_code == 200, reply.data
        hits = reply.get_json()["hits"]
        assert {h["article_id"] for h in hits} == {31, 32, 33}
        assert all(h["summary"] == "" and "skannern" in h["snippet"] for h in hits), hits


def test_a_decomposed_query_searches_and_is_stored_as_the_composed_one(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    composed = client.get("/api/search", query_string={"q": "glömt lösenord"}).get_json()
    decomposed = client.get("/api/search",
                            query_string={"q": "glo\u0308mt lo\u0308senord"}).get_json()
    assert decomposed["query"] == "glömt lösenord"
    assert [h["article_id"] for h in decomposed["hits"]] == [
        h["article_id"] for h in composed["hits"]]
    assert {s["query"] for s in app.extensions["fokus_store"].searches()} == {"glömt lösenord"}


LIMIT = 200  # the default MAX_QUERY_LENGTH


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(max_size=LIMIT + 20),  # any script, control characters, surrogates excluded
    st.text(st.characters(codec="utf-8"), min_size=LIMIT - 5, max_size=LIMIT + 5),
    st.lists(st.sampled_from(["lösenord", "vpn", "-", "*", "\"", "?", " ", "\u0308", "ö",
                              "a" * 40, "🙂", "AND", "\\", "\x00", "ǅ", "ß", "İ"]),
             max_size=30).map("".join)))
def test_any_query_text_gets_200_or_400_never_500(client, text):
    for path in ("/api/search", "/api/suggest"):
        reply = client.get(path, query_string={"q": text})
        assert reply.status_code in (200, 400), (path, text, reply.data[:300])
        assert reply.is_json
