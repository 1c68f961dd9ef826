"""The article catalogue answers "does article 42 exist" from the corpus, not the index."""

from __future__ import annotations

from search_service import create_app
from search_service.catalogue import ArticleCatalogue

from .corpus_factory import helpdesk_articles, record, write_corpus

TOKEN = "browser-token-0123456789"


def test_the_catalogue_knows_published_and_archived_articles_and_follows_the_file(tmp_path):
    corpus = write_corpus(tmp_path / "corpus.json", helpdesk_articles())
    catalogue = ArticleCatalogue(corpus)
    assert catalogue.article(1)["title"] == "Återställ ditt lösenord"
    assert catalogue.article(8)["status"] == "archived"
    assert catalogue.article(99) is None
    write_corpus(corpus, [*helpdesk_articles(), record(99, "Ny artikel")])
    assert catalogue.article(99)["title"] == "Ny artikel"


def test_a_half_written_corpus_leaves_the_articles_known_until_it_is_whole(tmp_path):
    """Another tool may write the corpus in place: a vote meanwhile still finds its article."""
    corpus = write_corpus(tmp_path / "corpus.json", helpdesk_articles())
    catalogue = ArticleCatalogue(corpus)
    assert catalogue.article(1) is not None
    whole = corpus.read_text(encoding="utf-8")
    corpus.write_text(whole[: len(whole) // 2], encoding="utf-8")
    assert catalogue.article(1)["title"] == "Återställ ditt lösenord"
    write_corpus(corpus, [*helpdesk_articles(), record(99, "Ny artikel")])
    assert catalogue.article(99)["title"] == "Ny artikel"


def test_without_a_corpus_no_article_exists(tmp_path):
    assert ArticleCatalogue(tmp_path / "missing.json").article(1) is None
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert ArticleCatalogue(tmp_path / "broken.json").article(1) is None


def test_votes_clicks_and_lookups_work_before_any_index_exists(tmp_path):
    write_corpus(tmp_path / "site" / "corpus.json", helpdesk_articles())
    app = create_app({"SITE_DIR": str(tmp_path / "site"), "INDEX_DIR": str(tmp_path / "index"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'fokus.db'}",
                      "SALT_FILE": str(tmp_path / "salt"), "INDEX_ON_START": False,
                      "WATCH_CORPUS": False})
    client = app.test_client()
    assert client.get("/api/search?q=vpn").status_code == 503  # no index: search waits
    vote = client.post("/api/feedback", json={"article_id": 1, "helpful": True,
                                              "token": TOKEN})
    assert vote.status_code == 201, vote.data
    assert client.post("/api/feedback", json={"article_id": 99, "helpful": True,
                                              "token": TOKEN}).status_code == 404
    assert client.post("/api/click", json={"query": "lösenord", "article_id": 1,
                                           "position": 1}).status_code == 204
    assert client.get("/api/articles/1").get_json()["kb"] == "KB-0001"
