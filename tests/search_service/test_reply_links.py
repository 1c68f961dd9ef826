"""POST /api/reply-links: "Kopiera länk" presses and visits through copied links are counted."""

from __future__ import annotations

import pytest

from search_service.figures import target_figures
from search_service.periods import Period

from .test_feedback import FAQ_ANCHOR, make_app


@pytest.fixture
def app(tmp_path, database_url):
    return make_app(tmp_path, database_url)


def test_copies_and_visits_are_counted_per_article_and_question(app):
    client = app.test_client()
    for body in ({"article_id": 6, "anchor": f"#{FAQ_ANCHOR}", "kind": "copy"},
                 {"article_id": 6, "anchor": FAQ_ANCHOR, "kind": "copy"},
                 {"article_id": 6, "anchor": FAQ_ANCHOR, "kind": "visit"},
                 {"article_id": 1, "kind": "visit"}):
        assert client.post("/api/reply-links", json=body).status_code == 204
    store = app.extensions["fokus_store"]
    figures = {t.key: (t.link_copies, t.link_visits)
               for t in target_figures(store, Period.last_days(7, store.clock().date()))}
    assert figures == {(6, FAQ_ANCHOR): (2, 1), (1, ""): (0, 1)}


@pytest.mark.parametrize("body, status, field", [
    ("not json", 400, "body"),
    ({"article_id": "6", "kind": "copy"}, 422, "article_id"),
    ({"article_id": 6, "kind": "paste"}, 422, "kind"),
    ({"article_id": 6, "kind": "copy", "anchor": 3}, 422, "anchor"),
    ({"article_id": 999, "kind": "copy"}, 404, "article_id"),
    ({"article_id": 6, "kind": "copy", "anchor": "ingen-sadan"}, 404, "anchor"),
], ids=lambda value: str(value)[:30])
def test_bad_requests_name_the_field(app, body, status, field):
    client = app.test_client()
    if isinstance(body, str):
        reply = client.post("/api/reply-links", data=body, content_type="application/json")
    else:
        reply = client.post("/api/reply-links", json=body)
    assert reply.status_code == status and reply.get_json()["field"] == field


def test_a_foreign_origin_is_403(app):
    reply = app.test_client().post("/api/reply-links", json={"article_id": 1, "kind": "copy"},
                                   headers={"Origin": "https://evil.test"})
    assert reply.status_code == 403
