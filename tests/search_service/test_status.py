"""Searching for "driftstörning" or "störning" lists current service status first: articles
whose banner has not ended at the moment of the search, incidents before maintenance."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from search_service import create_app
from search_service.status import asks_for_status

from .corpus_factory import helpdesk_articles, record, section, write_corpus

BEFORE = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)


def status_record(article_id: int, title: str, banner: str, until: str, **fields) -> dict:
    data = record(article_id, title, **fields)
    data.update(banner=banner, banner_until=until)
    return data


def articles() -> list[dict]:
    return [
        *helpdesk_articles(),
        # Says "störning" many times, but is no current status.
        record(20, "Störningar i trådlöst nätverk",
               section("Störning", "Vid störning i nätverket: starta om. Störning igen?"),
               summary="Felsök störningar i wifi.", category="natverk"),
        status_record(21, "Ärendia går inte att nå", "incident", "2026-12-05T18:00:00Z",
                      summary="Vi felsöker.", type="news", category="natverk"),
        status_record(22, "Uppgradering av databasservrar", "maintenance",
                      "2026-12-05T17:00:00Z", summary="Systemen är nere lördag.", type="event",
                      category="natverk"),
        status_record(23, "Gammal driftstörning i e-post", "incident", "2026-11-01T10:00:00Z",
                      summary="Löst.", type="news", category="e-post"),
    ]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("status")
    write_corpus(root / "site" / "corpus.json", articles())
    return create_app({"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
                       "DATABASE_URL": f"sqlite:///{root / 'fokus.db'}", "WATCH_CORPUS": False})


def search(app, moment: datetime, **params) -> dict:
    app.extensions["fokus_store"].clock = lambda: moment
    reply = app.test_client().get("/api/search", query_string=params)
    assert reply.status_code == 200
    return reply.get_json()


@pytest.mark.parametrize("query", ["driftstörning", "störning", "Störningar", "avbrott"])
def test_status_searches_list_current_status_first_incidents_before_maintenance(app, query):
    body = search(app, BEFORE, q=query)
    assert [h["article_id"] for h in body["hits"][:2]] == [21, 22]
    assert [h["status"] for h in body["hits"][:2]] == ["incident", "maintenance"]
    assert 23 not in [h["article_id"] for h in body["hits"][:2]]  # its banner ended


def test_when_the_banner_has_ended_the_article_is_not_pinned_any_more(app):
    body = search(app, AFTER, q="störning")
    assert body["hits"][0]["article_id"] == 20
    assert all("status" not in hit for hit in body["hits"])


def test_other_searches_are_not_reordered(app):
    body = search(app, BEFORE, q="skrivaren skriver inte ut")
    assert body["hits"][0]["article_id"] == 4 and all("status" not in h for h in body["hits"])


def test_filters_still_apply_and_totals_count_the_pinned(app):
    plain = search(app, AFTER, q="driftstörning")
    pinned = search(app, BEFORE, q="driftstörning")
    assert pinned["total"] == plain["total"] + len(
        {21, 22} - {h["article_id"] for h in plain["hits"]})
    only_events = search(app, BEFORE, q="driftstörning", type="event")
    assert [h["article_id"] for h in only_events["hits"]][:1] == [22]
    assert 21 not in [h["article_id"] for h in only_events["hits"]]


def test_a_pinned_hit_has_every_field_of_a_hit_and_an_escaped_snippet(app):
    hit = search(app, BEFORE, q="driftstörning")["hits"][1]
    assert set(hit) >= {"article_id", "kb", "title", "section", "url", "short_url", "summary",
                        "snippet", "score", "more_sections", "path", "type", "category"}
    assert hit["kb"] == "KB-0022" and hit["path"] == "natverk/artikel-22/"


def test_status_words_are_found_inside_words():
    assert all(asks_for_status(q) for q in ("driftstörningar", "nätverksstörning idag",
                                            "planerat underhåll", "outage"))
    assert not any(asks_for_status(q) for q in ("byta lösenord", "skrivare", "vpn",
                                                "personuppgiftsincident",
                                                "rapportera säkerhetsincident"))
    assert asks_for_status("incident on the login nodes")
