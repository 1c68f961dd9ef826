"""The links in `/api/articles/<id>`'s reply snippets lead where the portal is: to the
configured public address (`site_url`, carried by the corpus), or without one to the address
the request came to, whatever host and port that is."""

from __future__ import annotations

import json

import pytest

from search_service import create_app

from .corpus_factory import helpdesk_articles, write_corpus


def portal(root, *, site_url: str):
    corpus = write_corpus(root / "site" / "corpus.json", helpdesk_articles())
    document = json.loads(corpus.read_text(encoding="utf-8"))
    if not site_url:  # as the builder writes it without site_url: paths from the site root
        document["site_url"] = ""
        for article in document["articles"]:
            article["url"] = "/" + article["path"]
            article["short_url"] = "/" + article["short_path"]
    corpus.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    app = create_app({"SITE_DIR": str(root / "site"), "INDEX_DIR": str(root / "index"),
                      "DATABASE_URL": f"sqlite:///{root / 'fokus.db'}", "WATCH_CORPUS": False})
    return app.test_client()


@pytest.mark.parametrize("origin", ["http://127.0.0.1:8123", "https://kb.intra.example"])
def test_without_a_public_address_links_use_the_requests_own(tmp_path, origin):
    client = portal(tmp_path, site_url="")
    body = client.get("/api/articles/4", base_url=origin).get_json()
    assert body["short_url"] == f"{origin}/kb/4/"
    assert body["url"] == f"{origin}/skrivare/artikel-4/"
    assert body["reply_snippet"] == f"KB-0004 Skrivaren skriver inte ut – {origin}/kb/4/"
    assert body["reply_html"] == (f'<a href="{origin}/kb/4/">'
                                  "KB-0004 Skrivaren skriver inte ut</a>")


def test_a_configured_public_address_wins_over_the_request(tmp_path):
    client = portal(tmp_path, site_url="https://kb.example.se/")
    body = client.get("/api/articles/4", base_url="http://127.0.0.1:8123").get_json()
    assert body["reply_snippet"] == ("KB-0004 Skrivaren skriver inte ut – "
                                     "https://kb.example.se/kb/4/")
    assert body["url"] == "https://kb.example.se/skrivare/artikel-4/"
